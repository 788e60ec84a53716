package io.github.wristbandjakarta.internal.login;

import io.github.wristbandjakarta.api.WristbandEvent.CallbackFailed.Reason;
import io.github.wristbandjakarta.internal.token.TokenSet;
import io.github.wristbandjakarta.internal.wristband.UserInfo;

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
     */
    record Completed(TokenSet tokens, UserInfo userInfo, String tenantName, String tenantCustomDomain,
                     String returnUrl, String customState, List<String> setCookies)
            implements CallbackResult {
        public Completed {
            setCookies = List.copyOf(setCookies);
        }
    }

    /**
     * The login must start again at {@code redirectUrl}, the tenant's login URL.
     *
     * @param reason one of the redirect reasons: {@code MISSING_LOGIN_STATE}, {@code INVALID_LOGIN_STATE},
     *               {@code LOGIN_REQUIRED}, {@code INVALID_GRANT}
     */
    record RedirectRequired(String redirectUrl, Reason reason, List<String> setCookies) implements CallbackResult {
        public RedirectRequired {
            setCookies = List.copyOf(setCookies);
        }
    }
}
