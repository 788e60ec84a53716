package io.github.wristbandjakarta.login;

import io.github.wristbandjakarta.token.TokenSet;
import io.github.wristbandjakarta.wristband.UserInfo;

import java.util.List;

/**
 * What the Callback Endpoint learned (docs/protocol.md §4.2). Either way the response must carry {@code setCookies}, which
 * delete the login-state cookie that was used.
 */
public sealed interface CallbackResult {

    List<String> setCookies();

    /**
     * The user signed in.
     *
     * @param tenantCustomDomain null unless Wristband sent {@code tenant_custom_domain}
     * @param returnUrl          the accepted return URL from the login, or null
     * @param customState        the login's custom state (JSON text), or null
     * @param state              the login state this callback completed
     */
    record Completed(TokenSet tokens, UserInfo userInfo, String tenantName, String tenantCustomDomain,
                     String returnUrl, String customState, String state, List<String> setCookies)
            implements CallbackResult {
        public Completed {
            setCookies = List.copyOf(setCookies);
        }
    }

    /** The login must start again at {@code redirectUrl}, the tenant's login URL. */
    record RedirectRequired(String redirectUrl, Reason reason, List<String> setCookies) implements CallbackResult {
        public RedirectRequired {
            setCookies = List.copyOf(setCookies);
        }
    }

    enum Reason {
        MISSING_LOGIN_STATE("missing_login_state"),
        INVALID_LOGIN_STATE("invalid_login_state"),
        LOGIN_REQUIRED("login_required"),
        INVALID_GRANT("invalid_grant");

        private final String wireName;

        Reason(String wireName) {
            this.wireName = wireName;
        }

        /** The wire spelling (docs/protocol.md §4.2), e.g. {@code missing_login_state}. */
        public String wireName() {
            return wireName;
        }
    }
}
