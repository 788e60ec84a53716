package io.github.wristbandjakarta.internal.session;

import io.github.wristbandjakarta.internal.config.ConfigKey;
import io.github.wristbandjakarta.internal.config.WristbandConfig;
import io.github.wristbandjakarta.internal.config.WristbandConfigLoader;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CSRF synchronizer token with a readable cookie (docs/protocol.md §6.3). */
class CsrfProtectionTest {

    private final Map<String, String> values = new HashMap<>(Map.of(
            ConfigKey.CLIENT_ID.key(), "clientId",
            ConfigKey.CLIENT_SECRET.key(), "clientSecret",
            ConfigKey.LOGIN_STATE_SECRET.key(), "login-state-secret-of-32-characters",
            ConfigKey.APPLICATION_VANITY_DOMAIN.key(), "app.wristband.dev"));

    private CsrfProtection csrf() {
        WristbandConfig config = WristbandConfigLoader.load(key -> Optional.ofNullable(values.get(key)), values.keySet());
        return new CsrfProtection(config, new SecureRandom());
    }

    @Test
    void tokenIs32LowercaseHexCharacters() {
        String token = csrf().newToken();
        assertTrue(token.matches("[0-9a-f]{32}"), token);
    }

    @Test
    void tokensAreRandom() {
        CsrfProtection csrf = csrf();
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            tokens.add(csrf.newToken());
        }
        assertEquals(100, tokens.size());
    }

    @Test
    void exactHeaderValueMatches() {
        assertTrue(csrf().matches("0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789abcdef"));
    }

    @Test
    void mismatchedHeaderValueFails() {
        assertFalse(csrf().matches("0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789abcdee"));
    }

    @Test
    void headerValueDifferingInCaseFails() {
        assertFalse(csrf().matches("0123456789abcdef0123456789abcdef", "0123456789ABCDEF0123456789ABCDEF"));
    }

    @Test
    void prefixOfTheTokenFails() {
        assertFalse(csrf().matches("0123456789abcdef0123456789abcdef", "0123456789abcdef"));
    }

    @Test
    void missingHeaderFails() {
        assertFalse(csrf().matches("0123456789abcdef0123456789abcdef", null));
    }

    @Test
    void emptyHeaderFails() {
        assertFalse(csrf().matches("0123456789abcdef0123456789abcdef", ""));
    }

    @Test
    void missingSessionTokenFails() {
        assertFalse(csrf().matches(null, "0123456789abcdef0123456789abcdef"));
        assertFalse(csrf().matches("", ""));
        assertFalse(csrf().matches(null, null));
    }

    @Test
    void defaultsAreEnabledWithSpecNames() {
        CsrfProtection csrf = csrf();
        assertTrue(csrf.enabled());
        assertEquals("X-CSRF-TOKEN", csrf.headerName());
    }

    @Test
    void cookieIsReadableLaxSecureOnRootPath() {
        String cookie = csrf().setCookie("abc123");
        assertEquals("CSRF-TOKEN=abc123; Path=/; SameSite=Lax; Secure", cookie);
        assertFalse(cookie.contains("HttpOnly"));
    }

    @Test
    void cookieDeletionHasMaxAgeZeroAndTheSameAttributes() {
        assertEquals("CSRF-TOKEN=; Path=/; Max-Age=0; SameSite=Lax; Secure", csrf().deleteCookie());
    }

    @Test
    void configuredCookieNameIsUsed() {
        values.put(ConfigKey.CSRF_COOKIE_NAME.key(), "XSRF");
        assertTrue(csrf().setCookie("t").startsWith("XSRF=t;"));
    }

    @Test
    void dangerouslyDisableSecureCookiesDropsSecure() {
        values.put(ConfigKey.DANGEROUSLY_DISABLE_SECURE_COOKIES.key(), "true");
        assertEquals("CSRF-TOKEN=t; Path=/; SameSite=Lax", csrf().setCookie("t"));
        assertEquals("CSRF-TOKEN=; Path=/; Max-Age=0; SameSite=Lax", csrf().deleteCookie());
    }
}
