package io.github.wristbandjakarta.internal.security;

import io.github.wristbandjakarta.internal.config.WristbandConfig;

/**
 * Where the Login, Callback, Logout, Session and Token endpoints live within the application:
 * {@code wristband.auth-path} (default {@code /api/auth}) followed by {@code /login}, {@code /callback},
 * {@code /logout}, {@code /session} and {@code /token}. The first three are public; Session and Token need a
 * signed-in user. The paths are made once: the mechanism compares every request's path with them.
 *
 * @param base the configured path, such as {@code /api/auth}
 */
public record AuthEndpoints(String base, String login, String callback, String logout, String session,
                            String token) {

    public static AuthEndpoints of(WristbandConfig config) {
        String base = config.authPath();
        return new AuthEndpoints(base, base + "/login", base + "/callback", base + "/logout", base + "/session",
                base + "/token");
    }

    /** The servlet mapping that covers all five. */
    public String mapping() {
        return base + "/*";
    }

    boolean isPublic(String path) {
        return path.equals(login) || path.equals(callback) || path.equals(logout);
    }

    boolean needsSession(String path) {
        return path.equals(session) || path.equals(token);
    }
}
