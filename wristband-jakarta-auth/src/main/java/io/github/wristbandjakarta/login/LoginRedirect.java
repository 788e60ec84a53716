package io.github.wristbandjakarta.login;

import java.time.Instant;
import java.util.List;

/**
 * A 302 to {@code location} with these raw {@code Set-Cookie} headers.
 *
 * @param state          the login state this redirect starts at Wristband's authorize endpoint, or null (a redirect
 *                       to the application-level login page, a logout)
 * @param stateExpiresAt when the login-state cookie of {@code state} expires, or null with it
 */
public record LoginRedirect(String location, List<String> setCookies, String state, Instant stateExpiresAt) {
    public LoginRedirect {
        setCookies = List.copyOf(setCookies);
        if ((state == null) != (stateExpiresAt == null)) {
            throw new IllegalArgumentException("a login state comes with its expiry");
        }
    }

    /** A redirect that starts no login at Wristband. */
    public LoginRedirect(String location, List<String> setCookies) {
        this(location, setCookies, null, null);
    }
}
