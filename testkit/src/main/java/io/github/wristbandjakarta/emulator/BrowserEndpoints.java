package io.github.wristbandjakarta.emulator;

import io.github.wristbandjakarta.emulator.EmulatorState.AuthorizationCode;
import io.github.wristbandjakarta.emulator.EmulatorState.PendingAuthorization;
import io.github.wristbandjakarta.emulator.Http.Request;
import io.github.wristbandjakarta.emulator.Http.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The endpoints a browser visits: authorize with the tenant's hosted login page and its approve links, the
 * application-level login page (tenant discovery), and logout.
 */
final class BrowserEndpoints {

    static final String LOGOUT_PATH = "/api/v1/logout";
    static final String APPLICATION_LOGIN_PATH = "/login";
    /** Where the library's Login Endpoint answers within the application (its default wristband.auth-path). */
    private static final String DEFAULT_LOGIN_ENDPOINT_PATH = "/api/auth/login";
    private static final List<String> PLACEHOLDERS = List.of("{tenant_name}", "{tenant_domain}");
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(5);

    private final EmulatorState state;
    private final EmulatorClient client;

    BrowserEndpoints(EmulatorState state) {
        this.state = state;
        this.client = state.client;
    }

    Response authorize(Request req) {
        if (req.tenant() == null) {
            return badRequestPage("The authorize endpoint must be addressed to a tenant host ({tenant}"
                    + state.separator() + state.vanityDomain() + "), not " + req.host() + ".");
        }
        String tenant = req.tenant();
        if (state.usersOf(tenant).isEmpty()) {
            return badRequestPage("Unknown tenant: " + tenant);
        }
        for (Map.Entry<String, List<String>> e : req.query().entrySet()) {
            if (e.getValue().size() > 1) {
                return badRequestPage("Duplicate query parameter: " + e.getKey());
            }
        }
        String clientId = req.param("client_id");
        if (clientId == null || !clientId.equals(client.clientId())) {
            return badRequestPage("Invalid client_id: " + clientId);
        }
        String redirectUri = req.param("redirect_uri");
        if (redirectUri == null || !client.redirectUris().contains(redirectUri)) {
            return badRequestPage("redirect_uri is not registered for the client: " + redirectUri);
        }
        if (!"code".equals(req.param("response_type"))) {
            return badRequestPage("response_type must be code, got: " + req.param("response_type"));
        }
        String stateParam = req.param("state");
        if (stateParam == null || stateParam.isEmpty()) {
            return badRequestPage("Missing state");
        }
        String challenge = req.param("code_challenge");
        if (challenge == null || challenge.isEmpty()) {
            return badRequestPage("Missing code_challenge");
        }
        if (!"S256".equals(req.param("code_challenge_method"))) {
            return badRequestPage("code_challenge_method must be S256, got: " + req.param("code_challenge_method"));
        }
        String nonce = req.param("nonce");
        if (nonce == null || nonce.isEmpty()) {
            return badRequestPage("Missing nonce");
        }
        String scope = req.param("scope") == null ? "" : req.param("scope");
        String requestId = Http.randomToken();
        state.pending.put(requestId, new PendingAuthorization(tenant, redirectUri, stateParam, scope, challenge,
                nonce));

        List<EmulatorUser> listed = new ArrayList<>(state.usersOf(tenant));
        String hint = req.param("login_hint");
        if (hint != null) {
            for (EmulatorUser u : List.copyOf(listed)) {
                if (u.login().equalsIgnoreCase(hint) || u.email().equalsIgnoreCase(hint)) {
                    listed.remove(u);
                    listed.add(0, u);
                }
            }
        }
        StringBuilder html = new StringBuilder();
        html.append("<p>Tenant <code>").append(esc(tenant)).append("</code>'s hosted login page for client <code>")
                .append(esc(clientId)).append("</code>: pick a user (no password here).</p>\n<ul>\n");
        for (EmulatorUser u : listed) {
            html.append("<li><a id=\"login-").append(esc(u.login())).append("\" href=\"").append(Router.APPROVE_PATH)
                    .append("?request=").append(Http.enc(requestId)).append("&user=").append(Http.enc(u.login()))
                    .append("\">Sign in as ").append(esc(u.email())).append("</a> <span class=\"note\">")
                    .append(esc(String.join(", ", u.roleNames()))).append("</span></li>\n");
        }
        html.append("</ul>\n");
        return Response.html(200, EmulatorPages.page("Sign in to " + tenant, applicationHome(tenant),
                html.toString()));
    }

    Response approve(Request req) {
        if (req.tenant() == null) {
            return badRequestPage("The approve link must be addressed to a tenant host, not " + req.host() + ".");
        }
        String requestId = req.param("request");
        PendingAuthorization p = requestId == null ? null : state.pending.get(requestId);
        if (p == null) {
            return badRequestPage("Unknown or already used authorization request: " + requestId);
        }
        if (!p.tenant().equals(req.tenant())) {
            return badRequestPage("The authorization request belongs to tenant " + p.tenant() + ", not "
                    + req.tenant());
        }
        String login = req.param("user");
        EmulatorUser user = state.usersOf(p.tenant()).stream().filter(u -> u.login().equals(login)).findFirst()
                .orElse(null);
        if (user == null) {
            return badRequestPage("No user " + login + " in tenant " + p.tenant());
        }
        if (!state.pending.remove(requestId, p)) {
            return badRequestPage("Authorization request already used: " + requestId);
        }
        String target = fillPlaceholders(p.redirectUri(), p.tenant());
        boolean hadPlaceholder = !target.equals(p.redirectUri());
        Map<String, String> params = new LinkedHashMap<>();
        String error = state.nextAuthorizeError.getAndSet(null);
        if (error != null) {
            params.put("error", error);
            params.put("error_description", "Wristband emulator: simulated " + error + " error");
        } else {
            String code = Http.randomToken();
            long now = Instant.now().getEpochSecond();
            state.codes.put(code, new AuthorizationCode(client.clientId(), p.redirectUri(), p.codeChallenge(),
                    p.nonce(), user, p.scope(), Instant.now().plus(CODE_LIFETIME), now));
            state.issuedTokens.add(code);
            params.put("code", code);
        }
        params.put("state", p.state());
        if (!hadPlaceholder) {
            params.put("tenant_name", p.tenant());
        }
        return Response.redirect(Http.appendParams(target, params));
    }

    Response logout(Request req) {
        if (req.tenant() == null && !req.applicationHost()) {
            return badRequestPage("Unknown host: " + req.host());
        }
        String clientId = req.param("client_id");
        String redirectUrl = req.param("redirect_url");
        String stateParam = req.param("state");
        state.logoutCalls.add(new LogoutCall(req.host(), clientId, redirectUrl, stateParam));
        String target;
        if (redirectUrl != null && !redirectUrl.isEmpty()) {
            target = redirectUrl;
        } else if (client.clientId().equals(clientId) && req.tenant() != null) {
            target = tenantLoginUrl(req.tenant());
        } else if (client.clientId().equals(clientId) && !hasPlaceholder(client.loginUrl())) {
            target = client.loginUrl();
        } else {
            target = state.applicationOrigin() + "/login?client_id="
                    + Http.enc(clientId == null ? client.clientId() : clientId);
        }
        if (stateParam != null && !stateParam.isEmpty()) {
            target = Http.appendParams(target, Map.of("state", stateParam));
        }
        return Response.redirect(target);
    }

    Response applicationLogin(Request req) {
        if (!req.applicationHost()) {
            return badRequestPage("The application login page lives on " + state.vanityDomain() + ", not "
                    + req.host());
        }
        String clientId = req.param("client_id");
        if (!client.clientId().equals(clientId)) {
            return badRequestPage("Invalid client_id: " + clientId);
        }
        String stateParam = req.param("state");
        StringBuilder html = new StringBuilder();
        html.append("<p>The application-level login page: which tenant do you sign in to?</p>\n<ul>\n");
        Set<String> tenants = new LinkedHashSet<>();
        state.users.forEach(u -> tenants.add(u.tenantName()));
        for (String tenant : tenants) {
            String href = tenantLoginUrl(tenant);
            if (stateParam != null && !stateParam.isEmpty()) {
                href = Http.appendParams(href, Map.of("return_url", stateParam));
            }
            html.append("<li><a id=\"tenant-").append(esc(tenant)).append("\" href=\"")
                    .append(EmulatorPages.attr(href)).append("\">").append(esc(tenant)).append("</a></li>\n");
        }
        html.append("</ul>\n");
        return Response.html(200, EmulatorPages.page("Choose your tenant", applicationHome(null), html.toString()));
    }

    /**
     * The application's home page, for the pages' way back to it: the client's login URL without the path of the
     * library's Login Endpoint at its default {@code wristband.auth-path} ({@code /api/auth/login}), so
     * {@code http://localhost:9080/wristband-jakarta-auth/} for the demo. A tenant placeholder in the login URL is
     * filled with {@code tenant}. Null when the login URL ends otherwise, or names a placeholder and no tenant is
     * known: the emulator knows no home page then, and links none.
     */
    String applicationHome(String tenant) {
        String url = client.loginUrl();
        int query = url.indexOf('?');
        if (query >= 0) {
            url = url.substring(0, query);
        }
        if (!url.endsWith(DEFAULT_LOGIN_ENDPOINT_PATH)) {
            return null;
        }
        url = url.substring(0, url.length() - DEFAULT_LOGIN_ENDPOINT_PATH.length()) + "/";
        if (hasPlaceholder(url)) {
            return tenant == null ? null : fillPlaceholders(url, tenant);
        }
        return url;
    }

    /** The client's login URL for a tenant: placeholder replaced, or {@code tenant_name} appended. */
    private String tenantLoginUrl(String tenant) {
        String url = client.loginUrl();
        if (hasPlaceholder(url)) {
            return fillPlaceholders(url, tenant);
        }
        return Http.appendParams(url, Map.of("tenant_name", tenant));
    }

    private Response badRequestPage(String message) {
        return Response.html(400, EmulatorPages.page("Bad request", applicationHome(null),
                "<p id=\"error\">" + esc(message) + "</p>\n"));
    }

    private static String fillPlaceholders(String url, String tenant) {
        for (String placeholder : PLACEHOLDERS) {
            url = url.replace(placeholder, tenant);
        }
        return url;
    }

    private static boolean hasPlaceholder(String url) {
        return PLACEHOLDERS.stream().anyMatch(url::contains);
    }

    private static String esc(String s) {
        return EmulatorPages.esc(s);
    }
}
