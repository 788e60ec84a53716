package io.github.wristbandjakarta.emulator;

import com.sun.net.httpserver.HttpExchange;
import io.github.wristbandjakarta.emulator.Http.Request;
import io.github.wristbandjakarta.emulator.Http.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The emulator's HTTP plumbing: parses each exchange, records it, picks the endpoint by path (and, on the token path,
 * by grant type), and answers in this order: a wrong method, the endpoint's next scripted answer, its fault, its
 * handler.
 */
final class Router {

    static final String AUTHORIZE_PATH = "/api/v1/oauth2/authorize";
    static final String APPROVE_PATH = "/api/v1/oauth2/authorize/approve";
    private static final String CLIENTS_PREFIX = "/api/v1/clients/";
    private static final String SDK_CONFIG_SUFFIX = "/sdk-configuration";
    private static final Duration HANG_LIMIT = Duration.ofMinutes(10);

    private final EmulatorState state;
    private final BrowserEndpoints browser;
    private final TokenEndpoint token;
    private final BackChannel backChannel;

    Router(EmulatorState state) {
        this.state = state;
        this.browser = new BrowserEndpoints(state);
        this.token = new TokenEndpoint(state);
        this.backChannel = new BackChannel(state);
    }

    private interface Handler {
        Response handle();
    }

    void handle(HttpExchange exchange) {
        try {
            Response response;
            try {
                response = route(exchange);
            } catch (RuntimeException | Error e) {
                response = Response.error(500, "server_error", "emulator failure: " + e);
            }
            if (response == null) {
                return; // hang released by close()
            }
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            if (response.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", response.contentType());
            }
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException e) {
            // client went away
        } finally {
            exchange.close();
        }
    }

    private Response route(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        String hostHeader = exchange.getRequestHeaders().getFirst("Host");
        String hostName = Http.hostName(hostHeader);
        String tenant = null;
        boolean applicationHost = "localhost".equals(hostName) || "127.0.0.1".equals(hostName);
        String tenantSuffix = state.separator() + "localhost";
        if (!applicationHost && hostName != null && hostName.endsWith(tenantSuffix)) {
            String label = hostName.substring(0, hostName.length() - tenantSuffix.length());
            if (!label.isEmpty() && !label.contains(".")) {
                tenant = label;
            }
        }
        Request req = new Request(method, path, Http.parseForm(rawQuery), hostHeader, tenant, applicationHost,
                exchange.getRequestHeaders(), body);
        Endpoint endpoint = endpointOf(req);
        state.record(new RecordedRequest(endpoint, method, path, rawQuery, exchange.getRequestHeaders(),
                new String(body, StandardCharsets.UTF_8)));

        if (path.equals(APPROVE_PATH)) {
            return "GET".equals(method) ? browser.approve(req) : Http.methodNotAllowed();
        }
        if (endpoint == null) {
            if (path.equals(TokenEndpoint.PATH)) {
                return "POST".equals(method) ? token.unsupportedGrant(req) : Http.methodNotAllowed();
            }
            return Response.error(404, "not_found", "no such endpoint in the Wristband emulator: " + method + " "
                    + path);
        }
        return switch (endpoint) {
            case AUTHORIZE -> endpoint(req, endpoint, Set.of("GET"), () -> browser.authorize(req));
            case TOKEN_CODE, TOKEN_REFRESH -> endpoint(req, endpoint, Set.of("POST"), () -> token.grant(req, endpoint));
            case REVOKE -> endpoint(req, endpoint, Set.of("POST"), () -> backChannel.revoke(req));
            case USERINFO -> endpoint(req, endpoint, Set.of("GET", "POST"), () -> backChannel.userinfo(req));
            case JWKS -> endpoint(req, endpoint, Set.of("GET"), () -> backChannel.jwks(req));
            case LOGOUT -> endpoint(req, endpoint, Set.of("GET"), () -> browser.logout(req));
            case SDK_CONFIGURATION -> endpoint(req, endpoint, Set.of("GET"), () -> backChannel.sdkConfiguration(req,
                    Http.decode(path.substring(CLIENTS_PREFIX.length(), path.length() - SDK_CONFIG_SUFFIX.length()))));
            case APPLICATION_LOGIN -> endpoint(req, endpoint, Set.of("GET"), () -> browser.applicationLogin(req));
        };
    }

    /** The endpoint the request calls, or null (the approve link, an unknown path, an unsupported grant type). */
    private static Endpoint endpointOf(Request req) {
        String path = req.path();
        if (path.equals(TokenEndpoint.PATH)) {
            String grantType = "POST".equals(req.method()) ? Http.first(req.form(), "grant_type") : null;
            if ("authorization_code".equals(grantType)) {
                return Endpoint.TOKEN_CODE;
            }
            return "refresh_token".equals(grantType) ? Endpoint.TOKEN_REFRESH : null;
        }
        if (path.startsWith(CLIENTS_PREFIX) && path.endsWith(SDK_CONFIG_SUFFIX)
                && path.length() >= CLIENTS_PREFIX.length() + SDK_CONFIG_SUFFIX.length()) {
            return Endpoint.SDK_CONFIGURATION;
        }
        return switch (path) {
            case AUTHORIZE_PATH -> Endpoint.AUTHORIZE;
            case BackChannel.REVOKE_PATH -> Endpoint.REVOKE;
            case BackChannel.USERINFO_PATH -> Endpoint.USERINFO;
            case BackChannel.JWKS_PATH -> Endpoint.JWKS;
            case BrowserEndpoints.LOGOUT_PATH -> Endpoint.LOGOUT;
            case BrowserEndpoints.APPLICATION_LOGIN_PATH -> Endpoint.APPLICATION_LOGIN;
            default -> null;
        };
    }

    /**
     * Counts the call, gives the endpoint's next scripted answer or applies its fault, then runs the handler. Returns
     * null only for a hang or delay ended by close.
     */
    private Response endpoint(Request req, Endpoint endpoint, Set<String> methods, Handler handler) {
        if (!methods.contains(req.method())) {
            return Http.methodNotAllowed();
        }
        state.calls.get(endpoint).incrementAndGet();
        ScriptedAnswer scripted = state.nextScripted(endpoint);
        if (scripted != null) {
            if (!scripted.delay().isZero() && awaitClose(scripted.delay())) {
                return null;
            }
            return new Response(scripted.status(), scripted.contentType(),
                    scripted.body().getBytes(StandardCharsets.UTF_8), scripted.headers());
        }
        Fault fault = state.faults.get(endpoint);
        if (fault instanceof Fault.Status s) {
            return Response.json(s.status(), s.body());
        } else if (fault instanceof Fault.Garbage) {
            return Response.html(200, "<html>oops");
        } else if (fault instanceof Fault.Hang) {
            try {
                state.hangRelease.await(HANG_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        } else if (fault instanceof Fault.Delay d) {
            if (awaitClose(d.delay())) {
                return null;
            }
        }
        return handler.handle();
    }

    /** Waits up to {@code d}; true when the emulator was closed meanwhile. */
    private boolean awaitClose(Duration d) {
        try {
            return state.closed.await(Math.max(0, d.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
