package io.github.wristbandjakarta.internal.session;

import io.github.wristbandjakarta.internal.config.WristbandConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Synchronizer-token CSRF protection with a readable cookie (docs/protocol.md §6.3): 16 random bytes as 32 lowercase hex
 * characters, kept in the session and in the {@code CSRF-TOKEN} cookie the browser SDK copies into the
 * {@code X-CSRF-TOKEN} header; compared in constant time.
 */
public final class CsrfProtection {

    private final WristbandConfig config;
    private final SecureRandom random;

    public CsrfProtection(WristbandConfig config, SecureRandom random) {
        this.config = config;
        this.random = random;
    }

    public String newToken() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public boolean enabled() {
        return config.csrfProtectionEnabled();
    }

    public String headerName() {
        return config.csrfHeaderName();
    }

    /** Whether the header value equals the session's token; a missing value on either side fails. */
    public boolean matches(String sessionToken, String headerValue) {
        if (sessionToken == null || sessionToken.isEmpty() || headerValue == null) {
            return false;
        }
        return MessageDigest.isEqual(sessionToken.getBytes(StandardCharsets.UTF_8),
                headerValue.getBytes(StandardCharsets.UTF_8));
    }

    /** Readable by the page's JavaScript (not HttpOnly); lives as long as the browser session. */
    public String setCookie(String token) {
        return config.csrfCookieName() + "=" + token + "; Path=/; SameSite=Lax" + secure();
    }

    public String deleteCookie() {
        return config.csrfCookieName() + "=; Path=/; Max-Age=0; SameSite=Lax" + secure();
    }

    private String secure() {
        return config.dangerouslyDisableSecureCookies() ? "" : "; Secure";
    }
}
