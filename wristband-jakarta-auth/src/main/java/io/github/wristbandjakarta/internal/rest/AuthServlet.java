package io.github.wristbandjakarta.internal.rest;

import io.github.wristbandjakarta.api.WristbandAuthOptions;
import io.github.wristbandjakarta.api.SessionMetadata;

import io.github.wristbandjakarta.internal.config.LogSafe;
import io.github.wristbandjakarta.internal.config.WristbandConfig;
import io.github.wristbandjakarta.internal.login.AuthRequest;
import io.github.wristbandjakarta.internal.login.CallbackFlow;
import io.github.wristbandjakarta.api.WristbandEvent;
import io.github.wristbandjakarta.api.WristbandEvent.CallbackFailed.Reason;
import io.github.wristbandjakarta.internal.events.WristbandEvents;
import io.github.wristbandjakarta.internal.login.CallbackResult;
import io.github.wristbandjakarta.internal.login.InvalidRequestException;
import io.github.wristbandjakarta.internal.login.LoginFlow;
import io.github.wristbandjakarta.api.LoginOptions;
import io.github.wristbandjakarta.internal.login.LoginRedirect;
import io.github.wristbandjakarta.internal.login.LogoutFlow;
import io.github.wristbandjakarta.internal.login.LogoutOptions;
import io.github.wristbandjakarta.internal.login.ReturnUrlPolicy;
import io.github.wristbandjakarta.internal.session.SignIns;
import io.github.wristbandjakarta.internal.security.SignedInRequest;
import io.github.wristbandjakarta.api.WristbandPrincipal;
import io.github.wristbandjakarta.internal.session.WristbandSession;
import io.github.wristbandjakarta.internal.token.IdTokenException;
import io.github.wristbandjakarta.internal.wristband.WristbandException;
import io.github.wristbandjakarta.internal.wristband.WristbandUnavailableException;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import static io.github.wristbandjakarta.internal.wristband.JsonSupport.JSON;

/**
 * Wristband's Login, Callback, Logout, Session and Token endpoints (docs/protocol.md §3–§6) as one servlet, mapped at
 * {@code wristband.auth-path} (default {@code /api/auth}) by {@link AuthEndpointsRegistration}: a servlet of the
 * library's own, so that the endpoints answer at their path whatever the host application's JAX-RS root and whatever
 * it maps its exceptions to. The authentication mechanism has already refreshed tokens and checked CSRF for Session
 * and Token.
 */
final class AuthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(AuthServlet.class.getName());

    private final transient WristbandConfig config;
    private final transient LoginFlow login;
    private final transient CallbackFlow callback;
    private final transient LogoutFlow logout;
    private final transient SignIns signIns;
    private final transient ReturnUrlPolicy returnUrls;
    private final transient SessionMetadata sessionMetadata;
    private final transient WristbandEvents events;
    private final transient WristbandAuthOptions authOptions;
    private final transient LogoutConfirmation logoutConfirmation;

    /** @param sessionMetadata the application's additions to the Session Endpoint's metadata, or null */
    AuthServlet(WristbandConfig config, LoginFlow login, CallbackFlow callback, LogoutFlow logout,
                SignIns signIns, ReturnUrlPolicy returnUrls, SessionMetadata sessionMetadata, WristbandEvents events,
                WristbandAuthOptions authOptions) {
        this.sessionMetadata = sessionMetadata;
        this.authOptions = authOptions;
        this.events = events;
        this.config = config;
        this.login = login;
        this.callback = callback;
        this.logout = logout;
        this.signIns = signIns;
        this.returnUrls = returnUrls;
        this.logoutConfirmation = new LogoutConfirmation(config);
    }

    /**
     * GET (and HEAD), and POST for the Logout Endpoint (a sign-out form). HttpServlet would answer an unknown method
     * such as PATCH with a 501 page of the container's; every other method gets 405 JSON here.
     */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if (request.getMethod().equals("GET") || request.getMethod().equals("HEAD")) {
            super.service(request, response);
            return;
        }
        if (request.getMethod().equals("POST") && "/logout".equals(request.getPathInfo())) {
            answer(request, response, () -> logout(request));
            return;
        }
        response.setHeader("Allow", "/logout".equals(request.getPathInfo()) ? "GET, HEAD, POST" : "GET, HEAD");
        ErrorResponses.plain(405, "Method Not Allowed").write(response);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        answer(request, response, () -> switch (request.getPathInfo() == null ? "" : request.getPathInfo()) {
            case "/login" -> login(request);
            case "/callback" -> callback(request);
            case "/logout" -> logout(request);
            case "/session" -> session(request);
            case "/token" -> token(request);
            default -> ErrorResponses.plain(404, "Not Found");
        });
    }

    private static void answer(HttpServletRequest request, HttpServletResponse response,
                               java.util.function.Supplier<Answer> endpoint) throws IOException {
        Answer answer;
        try {
            answer = endpoint.get();
        } catch (InvalidHost e) {
            answer = ErrorResponses.error(request, 400, "invalid_request", "The request's Host is not a valid host",
                    List.of());
        } catch (RuntimeException e) {
            // Our endpoints' last line; the host's own errors are the host's (no global exception mapper).
            LOG.log(Level.SEVERE, "Unexpected error in an auth endpoint: " + e.getClass().getName(), e);
            answer = ErrorResponses.plain(500, "Internal Server Error");
        }
        answer.write(response);
    }

    /** The configured defaults, as the application's WristbandAuthOptions bean (if any) changes them. */
    private LoginOptions loginOptions(HttpServletRequest request) {
        LoginOptions configured = new LoginOptions(null, config.loginDefaultTenantCustomDomain().orElse(null),
                config.loginDefaultTenantName().orElse(null), null);
        if (authOptions == null) {
            return configured;
        }
        LoginOptions chosen = authOptions.login(request, configured);
        if (chosen.customState() != null && !isJsonObject(chosen.customState())) {
            // The application's mistake, not the visitor's: said in the log, and the login goes on without it.
            LOG.warning("WristbandAuthOptions.login returned a customState that is not a JSON object; ignored");
            return new LoginOptions(null, chosen.defaultTenantCustomDomain(), chosen.defaultTenantName(),
                    chosen.returnUrl());
        }
        return chosen;
    }

    private static boolean isJsonObject(String text) {
        try (var reader = JSON.createReader(new java.io.StringReader(text))) {
            reader.readObject();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private Answer login(HttpServletRequest request) {
        try {
            // Nothing is kept on the server: the login lives in its sealed login-state cookie until the callback.
            return redirect(login.start(authRequest(request), loginOptions(request)));
        } catch (InvalidRequestException e) {
            LOG.info("Login rejected: " + LogSafe.clean(e.getMessage()));
            return ErrorResponses.error(request, 400, "invalid_request", e.getMessage(), List.of());
        } catch (WristbandException e) {
            LOG.log(Level.WARNING, "Login failed: {0}", LogSafe.clean(e.getMessage()));
            return ErrorResponses.error(request, 502, e.code(), "Wristband could not be reached", List.of());
        }
    }

    private Answer callback(HttpServletRequest request) {
        AuthRequest auth = authRequest(request);
        CallbackResult result;
        try {
            result = callback.complete(auth);
        } catch (InvalidRequestException e) {
            LOG.info("Callback rejected: " + LogSafe.clean(e.getMessage()));
            return failed(request, auth, 400, Reason.INVALID_REQUEST, e.getMessage());
        } catch (WristbandUnavailableException e) {
            LOG.warning("Callback failed, Wristband unavailable: " + LogSafe.clean(e.getMessage()));
            return failed(request, auth, 502, Reason.UNEXPECTED_ERROR, "Wristband could not be reached");
        } catch (IdTokenException e) {
            LOG.warning("Callback failed, ID token rejected: " + LogSafe.clean(e.getMessage()));
            return failed(request, auth, 502, Reason.INVALID_ID_TOKEN, "Wristband's answer could not be verified");
        } catch (WristbandException e) {
            // The code is checked (an OAuth error code, or ours); the description stays in the log: it is Wristband's
            // text, or the query's error_description, which anyone can write.
            LOG.info("Callback failed: " + LogSafe.clean(e.code()) + (e.description() == null ? ""
                    : " (" + LogSafe.clean(e.description()) + ")"));
            Reason reason = Reason.of(e.code());
            return switch (reason) {
                case SDK_CONFIG_ERROR -> failed(request, auth, 502, reason,
                        "The Wristband configuration could not be loaded");
                case MISSING_TENANT_NAME, MISSING_TENANT_SUBDOMAIN -> failed(request, auth, 400, reason,
                        e.description());
                default -> failed(request, auth, 400, e.code(), reason, "Wristband did not complete the sign-in");
            };
        }
        if (result instanceof CallbackResult.RedirectRequired required) {
            events.fire(new WristbandEvent.CallbackFailed(required.reason()));
            return Answer.redirect(required.redirectUrl(), required.setCookies());
        }
        return signIn(request, (CallbackResult.Completed) result);
    }

    /** A failed callback's answer, deleting its login-state cookie: a login state is used once, whatever happened. */
    private Answer failed(HttpServletRequest request, AuthRequest auth, int status, Reason reason, String description) {
        return failed(request, auth, status, reason.code(), reason, description);
    }

    /** @param code the error code answered: the reason's, or Wristband's own where the reason is {@code OTHER} */
    private Answer failed(HttpServletRequest request, AuthRequest auth, int status, String code, Reason reason,
                          String description) {
        events.fire(new WristbandEvent.CallbackFailed(reason));
        return ErrorResponses.error(request, status, code, description, callback.loginCookieDeletions(auth));
    }

    private Answer signIn(HttpServletRequest request, CallbackResult.Completed completed) {
        SignIns.Begun begun = signIns.begin(request, completed);
        URI origin = origin(request);
        String target = Optional.ofNullable(completed.returnUrl())
                .flatMap(url -> returnUrls.recheck(url, origin))
                .orElseGet(() -> defaultReturnUrl(request, origin));
        return Answer.redirect(target, completed.setCookies()).withCookies(begun.setCookies());
    }

    private Answer logout(HttpServletRequest request) {
        Optional<WristbandSession> session = signIns.stored(request);
        if (session.isPresent() && logoutConfirmation.needed(request)) {
            // A page not known to be this application's sent the browser here (a link, an image, a form, a sibling
            // host's redirect): a signed-in user is not signed out behind their back, but asked. The page's link is
            // same-origin, so following it signs out.
            LOG.info("Logout from a page of another origin: confirmation asked");
            return ErrorResponses.logoutConfirmation(request);
        }
        WristbandAuthOptions.Logout configured = new WristbandAuthOptions.Logout(
                config.logoutRedirectUrl().orElse(null), null,
                session.map(WristbandSession::tenantName).orElse(null),
                session.map(WristbandSession::tenantCustomDomain).orElse(null));
        WristbandAuthOptions.Logout chosen = authOptions == null ? configured : authOptions.logout(request, configured);
        LogoutOptions options = new LogoutOptions(session.map(s -> s.tokens().refreshToken()).orElse(null),
                chosen.tenantName(), chosen.tenantCustomDomain(), chosen.redirectUrl(), chosen.state());
        LoginRedirect redirect;
        try {
            redirect = logout.logout(authRequest(request), options);
        } catch (InvalidRequestException e) {
            LOG.info("Logout rejected: " + LogSafe.clean(e.getMessage()));
            return ErrorResponses.error(request, 400, "invalid_request", e.getMessage(), List.of());
        } catch (WristbandException e) {
            LOG.log(Level.WARNING, "Logout could not resolve the Wristband configuration: {0}",
                    LogSafe.clean(e.getMessage()));
            redirect = null;
        }
        List<String> deletions = signIns.signOut(request, session);
        if (redirect == null) {
            // Still signed out here; Wristband's own session could not be ended.
            return ErrorResponses.error(request, 502, "unexpected_error", "Signed out; Wristband could not be reached",
                    deletions);
        }
        return redirect(redirect).withCookies(deletions);
    }

    /**
     * The signed-in user the authentication mechanism found for this request: the sign-in it handed over
     * ({@link SignedInRequest}), or, where the application constrains these endpoints itself and the container logged
     * the user in, the session of that caller. None when the session is past its absolute lifetime or its tokens could
     * not be refreshed (the mechanism lets the request through without one, and the endpoint answers 401 itself).
     */
    private Optional<WristbandSession> caller(HttpServletRequest request) {
        Optional<WristbandSession> handed = SignedInRequest.of(request);
        if (handed.isPresent()) {
            return handed;
        }
        String caller = request.getRemoteUser();
        return caller == null ? Optional.empty() : signIns.current(request).filter(s -> s.userId().equals(caller));
    }

    private Answer session(HttpServletRequest request) {
        Optional<WristbandSession> current = caller(request);
        if (current.isEmpty()) {
            return ErrorResponses.plain(401, "Unauthorized");
        }
        WristbandSession session = current.get();
        JsonObjectBuilder metadata = JSON.createObjectBuilder()
                .add("tenantName", session.tenantName())
                .add("identityProviderName", nullToEmpty(session.identityProviderName()));
        if (session.email() != null) {
            metadata.add("email", session.email());
        }
        JsonArrayBuilder roles = JSON.createArrayBuilder();
        session.roles().forEach(roles::add);
        metadata.add("roles", roles);
        if (sessionMetadata != null) {
            sessionMetadata.metadata(session.principal()).forEach(metadata::add);
        }
        String body = JSON.createObjectBuilder()
                .add("userId", session.userId())
                .add("tenantId", session.tenantId())
                .add("metadata", metadata)
                .build().toString();
        return Answer.json(200, body);
    }

    private Answer token(HttpServletRequest request) {
        if (!config.tokenEndpointEnabled()) {
            return ErrorResponses.plain(404, "Not Found");
        }
        Optional<WristbandSession> current = caller(request);
        if (current.isEmpty()) {
            return ErrorResponses.plain(401, "Unauthorized");
        }
        String body = JSON.createObjectBuilder()
                .add("accessToken", current.get().tokens().accessToken())
                .add("expiresAt", current.get().tokens().expiresAt().toEpochMilli())
                .build().toString();
        return Answer.json(200, body);
    }

    private String defaultReturnUrl(HttpServletRequest request, URI origin) {
        String configured = config.defaultReturnUrl();
        if (configured.startsWith("/")) {
            return origin + request.getContextPath() + configured;
        }
        return configured;
    }

    static AuthRequest authRequest(HttpServletRequest request) {
        List<String> cookieHeaders = request.getHeaders("Cookie") == null ? List.of()
                : Collections.list(request.getHeaders("Cookie"));
        return new AuthRequest(request.getQueryString(), request.getHeader("Host"), cookieHeaders, origin(request));
    }

    /**
     * The origin the request was sent to, from the server's reading of its Host.
     *
     * @throws InvalidHost when that is no host a URI can have (a space, say): Undertow 2.4, in WildFly Preview 39,
     *                     passes such a Host on to the application, where other servers answer 400 themselves
     */
    static URI origin(HttpServletRequest request) {
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        String host = request.getServerName();
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        try {
            return URI.create(scheme + "://" + host + (defaultPort || port <= 0 ? "" : ":" + port));
        } catch (IllegalArgumentException e) {
            throw new InvalidHost(e);
        }
    }

    /** A request whose Host names no valid host: the client's error, answered 400. */
    static final class InvalidHost extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InvalidHost(IllegalArgumentException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private static Answer redirect(LoginRedirect redirect) {
        return Answer.redirect(redirect.location(), redirect.setCookies());
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
