package io.github.wristbandjakarta.internal.session;

import io.github.wristbandjakarta.internal.login.CallbackResult;
import io.github.wristbandjakarta.internal.token.TokenSet;
import io.github.wristbandjakarta.internal.wristband.Role;
import io.github.wristbandjakarta.internal.wristband.UserInfo;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The signed-in user: immutable, tokens never in its text. Sealing and size: SessionSealTest. */
class WristbandSessionTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    /** A JWT-shaped string of about the size of a Wristband access token. */
    private static String jwtLike(int length) {
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"RS256\",\"typ\":\"at+JWT\",\"kid\":\"abc\"}".getBytes());
        StringBuilder body = new StringBuilder(header).append('.');
        while (body.length() < length - 87) {
            body.append("eyJzdWIiOiI1cTZqNHFlMmN2YTNkbTNjYmR2am94dnV6ZSJ9");
        }
        body.setLength(length - 87);
        return body.append('.').append("s".repeat(86)).toString();
    }

    static WristbandSession realistic() {
        TokenSet tokens = new TokenSet(jwtLike(900), jwtLike(300), NOW.plusSeconds(1740));
        return new WristbandSession("5q6j4qe2cva3dm3cbdvjoxvuze", "fr2vishnqjdvfbcijxa3a4adhe", "devs4you",
                null, "wristband", "jane.doe@example.com",
                List.of("app:invotastic:admin", "app:invotastic:editor", "app:invotastic:viewer"),
                tokens, "0123456789abcdef0123456789abcdef", NOW);
    }

    @Test
    void withTokensReturnsANewSessionAndLeavesTheOldOneUnchanged() {
        WristbandSession old = realistic();
        TokenSet oldTokens = old.tokens();
        TokenSet fresh = new TokenSet("new-access", "new-refresh", NOW.plusSeconds(3600));
        WristbandSession refreshed = old.withTokens(fresh);
        assertNotSame(old, refreshed);
        assertSame(oldTokens, old.tokens());
        assertSame(fresh, refreshed.tokens());
        assertEquals(old.userId(), refreshed.userId());
        assertEquals(old.roles(), refreshed.roles());
        assertEquals(old.csrfToken(), refreshed.csrfToken());
        assertEquals(old.authenticatedAt(), refreshed.authenticatedAt());
    }

    @Test
    void rolesCannotBeChangedFromOutside() {
        List<String> roles = new ArrayList<>(List.of("a"));
        WristbandSession session = new WristbandSession("u", "t", "n", null, "w", null, roles,
                new TokenSet("at", "rt", NOW), "c", NOW);
        roles.add("b");
        assertEquals(List.of("a"), session.roles());
        assertThrows(UnsupportedOperationException.class, () -> session.roles().add("c"));
    }

    @Test
    void fromCallbackTakesUserTenantTokensAndRoleNames() {
        TokenSet tokens = new TokenSet("at", "rt", NOW.plusSeconds(1740));
        UserInfo user = new UserInfo("user", "tenant", "app", "wristband", "u@example.com", true, null, null,
                null, null, List.of(new Role("r1", "app:x:admin", "Admin"), new Role("r2", "", "Empty")));
        CallbackResult.Completed callback = new CallbackResult.Completed(tokens, user, "devs4you", "auth.acme.com",
                "https://app/x", null, List.of());
        WristbandSession session = WristbandSession.from(callback, "csrf", NOW);
        assertEquals("user", session.userId());
        assertEquals("tenant", session.tenantId());
        assertEquals("devs4you", session.tenantName());
        assertEquals("auth.acme.com", session.tenantCustomDomain());
        assertEquals("wristband", session.identityProviderName());
        assertEquals("u@example.com", session.email());
        assertEquals(List.of("app:x:admin"), session.roles());
        assertSame(tokens, session.tokens());
        assertEquals("csrf", session.csrfToken());
        assertEquals(NOW, session.authenticatedAt());
    }

    @Test
    void toStringHidesTokens() {
        String text = realistic().toString();
        assertFalse(text.contains("eyJ"), text);
        assertFalse(text.contains("0123456789abcdef"), text);
    }
}
