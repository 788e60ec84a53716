package io.github.wristbandjakarta.internal.session;

import io.github.wristbandjakarta.api.WristbandPrincipal;

import io.github.wristbandjakarta.internal.login.CallbackResult;
import io.github.wristbandjakarta.internal.token.TokenSet;
import io.github.wristbandjakarta.internal.wristband.Role;
import io.github.wristbandjakarta.internal.wristband.UserInfo;

import java.time.Instant;
import java.util.List;

/**
 * The signed-in user. The container's HttpSession holds it sealed, as one immutable attribute ({@link SealedSession}),
 * replaced, never changed, when tokens are refreshed, so that a replicating container ships exactly one new value; a
 * plain authenticated request writes nothing.
 *
 * @param tenantCustomDomain null unless the login came through one
 * @param email              null when the {@code email} scope was not granted
 * @param roles              Wristband role names, e.g. {@code app:invotastic:admin}
 * @param authenticatedAt    when the user signed in; the absolute session lifetime counts from here
 */
public record WristbandSession(
        String userId,
        String tenantId,
        String tenantName,
        String tenantCustomDomain,
        String identityProviderName,
        String email,
        List<String> roles,
        TokenSet tokens,
        String csrfToken,
        Instant authenticatedAt) {

    public WristbandSession {
        roles = List.copyOf(roles);
    }

    public static WristbandSession from(CallbackResult.Completed callback, String csrfToken, Instant now) {
        var user = callback.userInfo();
        return new WristbandSession(user.userId(), user.tenantId(), callback.tenantName(),
                callback.tenantCustomDomain(), user.identityProviderName(), user.email(),
                roleNames(user), callback.tokens(), csrfToken, now);
    }

    public WristbandSession withTokens(TokenSet refreshed) {
        return new WristbandSession(userId, tenantId, tenantName, tenantCustomDomain, identityProviderName, email,
                roles, refreshed, csrfToken, authenticatedAt);
    }

    /**
     * The session after a token refresh: the new tokens, and the email, identity provider and roles as userinfo
     * describes the user now ({@code null}: userinfo could not be read, they stay as they were).
     */
    public WristbandSession renewed(TokenSet refreshed, UserInfo now) {
        if (now == null) {
            return withTokens(refreshed);
        }
        return new WristbandSession(userId, tenantId, tenantName, tenantCustomDomain, now.identityProviderName(),
                now.email(), roleNames(now), refreshed, csrfToken, authenticatedAt);
    }

    private static List<String> roleNames(UserInfo user) {
        return user.roles().stream().map(Role::name).filter(name -> name != null && !name.isEmpty()).toList();
    }

    @Override
    public String toString() {
        return "WristbandSession[userId=" + userId + ", tenantId=" + tenantId + "]";
    }

    /** The caller of this sign-in, as the application sees it. */
    public WristbandPrincipal principal() {
        return new WristbandPrincipal(userId(), tenantId(), tenantName(), identityProviderName(), email(), roles());
    }
}
