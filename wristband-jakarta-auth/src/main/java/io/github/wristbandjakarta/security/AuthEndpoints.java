package io.github.wristbandjakarta.security;

import io.github.wristbandjakarta.config.WristbandConfig;

/**
 * Where the Login, Callback, Logout, Session and Token endpoints live within the application:
 * {@code wristband.auth-path} (default {@code /api/auth}) followed by {@code /login}, {@code /callback},
 * {@code /logout}, {@code /session} and {@code /token}. The first three are public; Session and Token need a
 * signed-in user.
 *
 * @param base the configured path, such as {@code /api/auth}
 */
public record AuthEndpoints(String base) {

    public static AuthEndpoints of(WristbandConfig config) {
        return new AuthEndpoints(config.authPath());
    }

    public String login() {
        return base + "/login";
    }

    public String callback() {
        return base + "/callback";
    }

    public String logout() {
        return base + "/logout";
    }

    public String session() {
        return base + "/session";
    }

    public String token() {
        return base + "/token";
    }

    /** The servlet mapping that covers all five. */
    public String mapping() {
        return base + "/*";
    }

    boolean isPublic(String path) {
        return path.equals(login()) || path.equals(callback()) || path.equals(logout());
    }

    boolean needsSession(String path) {
        return path.equals(session()) || path.equals(token());
    }
}
