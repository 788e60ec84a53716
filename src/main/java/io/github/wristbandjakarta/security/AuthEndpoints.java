package io.github.wristbandjakarta.security;

/**
 * Where the Login, Callback, Logout, Session and Token endpoints live within the application (spec design
 * defaults). The first three are public; Session and Token need a signed-in user.
 */
public final class AuthEndpoints {

    public static final String API_ROOT = "/api";
    public static final String AUTH = "/auth";
    public static final String LOGIN = API_ROOT + AUTH + "/login";
    public static final String CALLBACK = API_ROOT + AUTH + "/callback";
    public static final String LOGOUT = API_ROOT + AUTH + "/logout";
    public static final String SESSION = API_ROOT + AUTH + "/session";
    public static final String TOKEN = API_ROOT + AUTH + "/token";

    private AuthEndpoints() {
    }

    static boolean isPublic(String path) {
        return path.equals(LOGIN) || path.equals(CALLBACK) || path.equals(LOGOUT);
    }

    static boolean needsSession(String path) {
        return path.equals(SESSION) || path.equals(TOKEN);
    }
}
