package io.github.wristbandjakarta.internal.security;

import io.github.wristbandjakarta.api.Wristband;
import io.github.wristbandjakarta.api.WristbandPrincipal;
import io.github.wristbandjakarta.api.WristbandAccessToken;
import io.github.wristbandjakarta.api.UnauthenticatedRequests;

import io.github.wristbandjakarta.internal.config.AuthStrategy;
import io.github.wristbandjakarta.internal.config.LogSafe;
import io.github.wristbandjakarta.internal.config.WristbandConfig;
import io.github.wristbandjakarta.api.WristbandEvent.RequestRefused;
import io.github.wristbandjakarta.internal.events.WristbandEvents;
import io.github.wristbandjakarta.internal.session.CsrfProtection;
import io.github.wristbandjakarta.internal.session.SignIns;
import io.github.wristbandjakarta.internal.session.WristbandSession;
import io.github.wristbandjakarta.internal.token.AccessTokenClaims;
import io.github.wristbandjakarta.internal.token.AccessTokenException;
import io.github.wristbandjakarta.internal.token.AccessTokenValidator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Makes the Wristband user of the HttpSession (or, with the JWT strategy, of a bearer access token on an API path) the
 * container's caller on every request, so that {@code web.xml} constraints, {@code @RolesAllowed} and
 * {@code SecurityContext} work (docs/protocol.md §6.4). Before that it ends sessions past their absolute lifetime,
 * refreshes expired tokens (one Wristband call per session however many requests arrive together) and checks the
 * CSRF header on API requests.
 *
 * <p>The container calls it for public requests too: without a session it answers at once, with no I/O and
 * without creating a session. Without a user, protected pages are redirected to the Login Endpoint with a
 * {@code return_url}; protected API calls get 401 {@code {"error":"Unauthorized"}}.
 *
 * <p>{@code @Default}, the qualifier under which the servers' Jakarta Security looks up an application's one mechanism,
 * and {@code @Wristband}, under which a host's {@code HttpAuthenticationMechanismHandler} (Jakarta Security 4.0)
 * injects it beside other mechanisms:
 * docs/extension-points.md "Another mechanism beside the library's (Jakarta EE 11)". A bean with an explicit
 * qualifier other than {@code @Named} and {@code @Any} loses the implicit {@code @Default} (CDI 4.0, "Built-in
 * qualifier types"): hence both.
 */
@ApplicationScoped
@Default
@Wristband
public class WristbandAuthenticationMechanism implements HttpAuthenticationMechanism {

    private static final Logger LOG = Logger.getLogger(WristbandAuthenticationMechanism.class.getName());
    static final String UNAUTHORIZED = "{\"error\":\"Unauthorized\"}";
    static final String FORBIDDEN = "{\"error\":\"Forbidden\"}";
    static final String BAD_REQUEST = "{\"error\":\"Bad Request\"}";
    /** Methods that change state (RFC 9110 §9.2.1: not safe), whatever path they reach. */
    private static final Set<String> UNSAFE_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final String BEARER = "Bearer ";

    private final WristbandConfig config;
    private final SignIns signIns;
    private final AccessTokenValidator accessTokens;
    private final WristbandEvents events;
    private final CsrfProtection csrf;
    private final RoleMapping roles;
    private final AuthEndpoints endpoints;
    private final RequestOrigins origins;
    private final UnauthenticatedRequests unauthenticatedRequests;
    private final ContainerLoginKeys loginKeys;
    /** The configuration's strategies and API prefixes, read once: the mechanism consults them on every request. */
    private final List<AuthStrategy> strategies;
    private final List<String> apiPrefixes;

    @Inject
    public WristbandAuthenticationMechanism(WristbandConfig config, SignIns signIns, AccessTokenValidator accessTokens,
                                            CsrfProtection csrf, WristbandEvents events,
                                            Instance<UnauthenticatedRequests> unauthenticatedRequests) {
        this(config, signIns, accessTokens, csrf, events,
                unauthenticatedRequests.isResolvable() ? unauthenticatedRequests.get() : null);
    }

    /** @param unauthenticatedRequests the application's decision, or null for the library's own */
    public WristbandAuthenticationMechanism(WristbandConfig config, SignIns signIns, AccessTokenValidator accessTokens,
                                            CsrfProtection csrf, WristbandEvents events,
                                            UnauthenticatedRequests unauthenticatedRequests) {
        this.accessTokens = accessTokens;
        this.events = events;
        this.unauthenticatedRequests = unauthenticatedRequests;
        this.config = config;
        this.signIns = signIns;
        this.csrf = csrf;
        this.roles = new RoleMapping(config.roleMapping());
        this.endpoints = AuthEndpoints.of(config);
        // An origin allowed credentialed cross-origin calls (CORS) may also send state-changing ones.
        this.origins = RequestOrigins.of(config);
        this.loginKeys = new ContainerLoginKeys(new SecureRandom());
        this.strategies = List.copyOf(config.authStrategies());
        this.apiPrefixes = List.copyOf(config.apiPathPrefixes());
    }

    /** For the CDI client proxy only. */
    protected WristbandAuthenticationMechanism() {
        this.config = null;
        this.signIns = null;
        this.accessTokens = null;
        this.events = null;
        this.csrf = null;
        this.roles = null;
        this.endpoints = null;
        this.origins = null;
        this.unauthenticatedRequests = null;
        this.loginKeys = null;
        this.strategies = null;
        this.apiPrefixes = null;
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String scheme = request.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            // The container took the scheme from a forwarded-protocol header; redirects and return-URL checks
            // built on it would be nonsense (javascript://...). Not logged at INFO: anyone can send this.
            LOG.fine("Request rejected: its scheme is neither http nor https");
            return json(response, HttpServletResponse.SC_BAD_REQUEST, BAD_REQUEST);
        }
        String path = pathWithinApplication(request);
        if (endpoints.isPublic(path)) {
            return context.doNothing();
        }
        // docs/protocol.md §6.4: the strategies in order, the first caller found wins, else the last refusal decides.
        Outcome last = Outcome.UNAUTHENTICATED;
        // Whether the session's sign-in was asked for: only then can there be a marker to set or an announced sign-in.
        boolean askedSignIns = false;
        for (AuthStrategy strategy : strategies) {
            Outcome outcome;
            if (strategy == AuthStrategy.SESSION) {
                if (request.getRequestedSessionId() == null) {
                    // No session cookie: no sign-in to find (the mechanism runs before any filter or servlet could
                    // have made a session), so the container's session manager is not asked. On a distributable WAR
                    // that question is not free even without a cookie: WildFly's manager opens and closes a batch.
                    outcome = Outcome.UNAUTHENTICATED;
                } else {
                    askedSignIns = true;
                    outcome = session(request, path);
                    // After a refresh in a cluster: the marker that announces the new tokens to the other nodes.
                    signIns.cookiesToSet(request).forEach(cookie -> response.addHeader("Set-Cookie", cookie));
                }
            } else if (isApi(path) && !endpoints.needsSession(path)) {
                outcome = bearer(request);
            } else {
                continue;
            }
            if (outcome instanceof Outcome.Caller caller) {
                if (answersWithoutContainerLogin(path, caller, context)) {
                    SignedInRequest.hold(request, caller.session());
                    return context.doNothing();
                }
                return login(context, caller);
            }
            last = outcome;
        }
        if (askedSignIns && signIns.announced(request)) {
            return retry(request, response);
        }
        if (last instanceof Outcome.Forbidden forbidden) {
            // Told here, where the 403 is decided: a later strategy's caller or refusal overrules an earlier 403.
            events.fire(new RequestRefused(forbidden.reason()));
            return forbidden(request, response, context, forbidden.caller(),
                    answersWithoutContainerLogin(path, forbidden.caller(), context));
        }
        return unauthenticated(request, response, context, path);
    }

    /**
     * The Session and Token Endpoints answer from the session the mechanism has just checked, refreshed and
     * CSRF-checked ({@link SignedInRequest}), so the container need not log the user in for them: that login is most of
     * an authenticated request's cost (docs/benchmarks.md). Unless the application put them behind a constraint of
     * its own: then the container decides, and needs its caller.
     */
    private boolean answersWithoutContainerLogin(String path, Outcome.Caller caller, HttpMessageContext context) {
        return caller.session() != null && endpoints.needsSession(path) && !context.isProtected();
    }

    /**
     * A signed-in user's request refused with 403: answered by the {@link RefusedRequestFilter} before any servlet
     * (why: see there), for which the request proceeds (with its caller, unless {@code withoutLogin}); answered here
     * when the filter is not registered (the mechanism used outside the library's own registration).
     */
    private AuthenticationStatus forbidden(HttpServletRequest request, HttpServletResponse response,
                                           HttpMessageContext context, Outcome.Caller caller, boolean withoutLogin) {
        ServletContext servletContext = request.getServletContext();
        if (servletContext != null && servletContext.getFilterRegistration(RefusedRequestFilter.NAME) != null) {
            request.setAttribute(RefusedRequestFilter.ATTRIBUTE, FORBIDDEN);
            return withoutLogin ? context.doNothing() : login(context, caller);
        }
        return json(response, HttpServletResponse.SC_FORBIDDEN, FORBIDDEN);
    }

    /**
     * Makes the caller the container's, with the key under which the container may keep that identity
     * ({@link ContainerLoginKeys}: Open Liberty's authentication cache). Not through the library's own context: only
     * Elytron calls the mechanism with it (on WildFly), and Elytron has no use for the key, which costs about a
     * microsecond to make.
     */
    private AuthenticationStatus login(HttpMessageContext context, Outcome.Caller caller) {
        if (!(context instanceof MechanismMessageContext)) {
            ContainerLoginKeys.attach(context, caller.bearerToken() == null
                    ? loginKeys.of(caller.principal(), caller.groups()) : loginKeys.ofBearer(caller.bearerToken()));
        }
        return context.notifyContainerAboutLogin(caller.principal(), caller.groups());
    }

    /** What one strategy made of a request: its caller, or why there is none. */
    private sealed interface Outcome {
        /** No caller: 401 for API calls, the login page for pages (where a caller is needed at all). */
        Outcome UNAUTHENTICATED = new Unauthenticated();

        /**
         * @param session     the sign-in it came from, or null for a bearer token
         * @param bearerToken the validated bearer token it came from, or null for a sign-in
         */
        record Caller(WristbandPrincipal principal, Set<String> groups, WristbandSession session, String bearerToken)
                implements Outcome {
        }

        record Unauthenticated() implements Outcome {
        }

        /** A signed-in user's request refused: another origin's unsafe method, or a wrong CSRF header (403). */
        record Forbidden(Caller caller, RequestRefused.Reason reason) implements Outcome {
        }
    }

    /**
     * The SESSION strategy, for a request with a session cookie: the sign-in of the HttpSession, as
     * {@link SignIns#current} makes it fit for use (lifetime checked, tokens refreshed).
     */
    private Outcome session(HttpServletRequest request, String path) {
        Optional<WristbandSession> current = signIns.current(request);
        if (current.isEmpty()) {
            return Outcome.UNAUTHENTICATED;
        }
        WristbandSession session = current.get();
        WristbandPrincipal principal = session.principal();
        Outcome.Caller caller = new Outcome.Caller(principal, roles.groups(session.roles()), session, null);
        if (csrf.enabled() && UNSAFE_METHODS.contains(request.getMethod()) && !origins.allows(request)) {
            LOG.info("Cross-origin " + LogSafe.clean(request.getMethod()) + " of a signed-in user refused with 403");
            return new Outcome.Forbidden(caller, RequestRefused.Reason.CROSS_ORIGIN);
        }
        if (isApi(path) && csrf.enabled()
                && !csrf.matches(session.csrfToken(), request.getHeader(csrf.headerName()))) {
            LOG.info("CSRF check failed: request rejected with 403");
            return new Outcome.Forbidden(caller, RequestRefused.Reason.CSRF_TOKEN);
        }
        return caller;
    }

    /**
     * The JWT strategy: {@code Authorization: Bearer} with a Wristband access token (docs/protocol.md §6.6). Exactly
     * one Authorization header, scheme {@code Bearer} (any case, RFC 6750 §2.1). Refusals are logged at FINE: anyone
     * can send them.
     */
    private Outcome bearer(HttpServletRequest request) {
        Enumeration<String> headers = request.getHeaders("Authorization");
        if (headers == null || !headers.hasMoreElements()) {
            return Outcome.UNAUTHENTICATED;
        }
        String authorization = headers.nextElement();
        if (headers.hasMoreElements() || authorization == null || authorization.length() < BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            LOG.fine("Bearer token refused: not exactly one Authorization header of scheme Bearer");
            return Outcome.UNAUTHENTICATED;
        }
        try {
            String presented = authorization.substring(BEARER.length()).strip();
            AccessTokenClaims token = accessTokens.validate(presented);
            request.setAttribute(CallerAccessToken.PRESENTED, presented);
            WristbandPrincipal principal = new WristbandPrincipal(token.userId(), token.tenantId(), null,
                    token.identityProviderName(), null, List.of(), token.claims());
            return new Outcome.Caller(principal, Set.of(), null, presented);
        } catch (AccessTokenException e) {
            LOG.fine(() -> "Bearer token refused: " + e.getMessage());
            events.fire(new RequestRefused(RequestRefused.Reason.BEARER_TOKEN));
            return Outcome.UNAUTHENTICATED;
        }
    }

    /**
     * A sign-in that another cluster node has just stored and this one does not hold yet ({@link SignIns#announced}):
     * the same request again, 307 to its own URL (RFC 9110 §15.4.8: method and body kept), which browsers and
     * {@code fetch} follow by themselves. The next request finds the session once it has arrived; the marker's time
     * bounds the retries.
     */
    private static AuthenticationStatus retry(HttpServletRequest request, HttpServletResponse response) {
        response.setStatus(307);
        response.setHeader("Location", requestUrl(request));
        response.setHeader("Cache-Control", "no-store");
        try {
            response.flushBuffer();
        } catch (IOException e) {
            LOG.log(Level.FINE, "Client went away before the retry was sent", e);
        }
        return AuthenticationStatus.SEND_CONTINUE;
    }

    private AuthenticationStatus unauthenticated(HttpServletRequest request, HttpServletResponse response,
                                                 HttpMessageContext context, String path) {
        if (!context.isProtected() && !context.isAuthenticationRequest()) {
            // Public: no caller. The Session and Token endpoints answer 401 themselves: an answer from here would make
            // Open Liberty log a warning for each anonymous page load of a single-page app (see json()).
            return context.doNothing();
        }
        boolean json = isApi(path) || asksForJson(request);
        if (unauthenticatedRequests != null) {
            json = unauthenticatedRequests.answerWithJson(request, json);
        }
        if (json) {
            return unauthorized(response);
        }
        return context.redirect(request.getContextPath() + endpoints.login() + "?return_url="
                + URLEncoder.encode(requestUrl(request), StandardCharsets.UTF_8));
    }

    /** A request that says it wants JSON: a script's call, not a page visit (a browser's Accept names text/html). */
    private static boolean asksForJson(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        if (accept != null && accept.contains("application/json") && !accept.contains("text/html")) {
            return true;
        }
        return "XMLHttpRequest".equalsIgnoreCase(request.getHeader("X-Requested-With"));
    }

    private boolean isApi(String path) {
        for (String prefix : apiPrefixes) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        // The Session and Token endpoints answer JSON and need the CSRF header wherever wristband.auth-path is.
        return endpoints.needsSession(path);
    }

    /** 401 JSON for an API path behind a {@code web.xml} constraint (or an authentication request). */
    private static AuthenticationStatus unauthorized(HttpServletResponse response) {
        return json(response, HttpServletResponse.SC_UNAUTHORIZED, UNAUTHORIZED);
    }

    /**
     * Answers here, written and closed: the response is complete, so the container adds nothing of its own. WildFly
     * (Undertow) would replace an open 4xx response by the application's error page; Open Liberty would add a Basic
     * challenge to an open 401. Liberty still sets the status again once the mechanism has returned, which on the sent
     * response logs SRVE8115W (docs/deploying-liberty.md); that is why the Session and Token endpoints answer
     * a visitor's 401 themselves instead.
     */
    private static AuthenticationStatus json(HttpServletResponse response, int status, String body) {
        try {
            RefusedRequestFilter.write(response, status, body);
        } catch (IOException e) {
            LOG.log(Level.FINE, "Client went away before the error was written", e);
        }
        // SEND_CONTINUE: the mechanism wrote the response; the container must not add its own.
        return AuthenticationStatus.SEND_CONTINUE;
    }

    private static String pathWithinApplication(HttpServletRequest request) {
        String pathInfo = request.getPathInfo();
        return pathInfo == null ? request.getServletPath() : request.getServletPath() + pathInfo;
    }

    private static String requestUrl(HttpServletRequest request) {
        String query = request.getQueryString();
        return query == null ? request.getRequestURL().toString() : request.getRequestURL() + "?" + query;
    }
}
