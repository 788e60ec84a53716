package io.github.wristbandjakarta.emulator;

import io.github.wristbandjakarta.emulator.EmulatorState.AccessGrant;
import io.github.wristbandjakarta.emulator.EmulatorState.RefreshGrant;
import io.github.wristbandjakarta.emulator.Http.Request;
import io.github.wristbandjakarta.emulator.Http.Response;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;

/**
 * The endpoints an application server calls on the application's vanity domain, besides token: revoke, userinfo,
 * JWKS and sdk-configuration; and the checks that token and revoke share.
 */
final class BackChannel {

    static final String REVOKE_PATH = "/api/v1/oauth2/revoke";
    static final String USERINFO_PATH = "/api/v1/oauth2/userinfo";
    static final String JWKS_PATH = "/api/v1/oauth2/jwks";
    private static final Map<String, String> ROLE_IDS = Map.of(
            "app:demo:admin", "roleadmin2x4k7qzw3pd5hvyba",
            "app:demo:user", "roleuser5q2k7zxw3mpdh4vyca");

    private final EmulatorState state;
    private final EmulatorClient client;

    BackChannel(EmulatorState state) {
        this.state = state;
        this.client = state.client;
    }

    Response revoke(Request req) {
        Response refused = checkFormPost(state, req);
        if (refused != null) {
            return refused;
        }
        String token = Http.first(req.form(), "token");
        if (token == null || token.isEmpty()) {
            return Response.error(400, "invalid_request", "missing token");
        }
        state.revokedTokens.add(token);
        RefreshGrant g = state.refreshTokens.get(token);
        if (g != null) {
            g.revoked = true;
        }
        state.accessTokens.remove(token);
        return Response.empty(200);
    }

    Response userinfo(Request req) {
        if (!req.applicationHost()) {
            return wrongHostJson(state, req);
        }
        String authorization = req.header("Authorization");
        String prefix = "Bearer ";
        AccessGrant grant = null;
        if (authorization != null && authorization.regionMatches(true, 0, prefix, 0, prefix.length())) {
            grant = state.accessTokens.get(authorization.substring(prefix.length()).trim());
        }
        if (grant == null || !Instant.now().isBefore(grant.expiresAt())) {
            return Response.error(401, "invalid_token", grant == null ? "unknown access token"
                    : "access token expired").withHeaders(Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""));
        }
        EmulatorUser u = grant.user();
        JsonArrayBuilder roles = Http.JSON.createArrayBuilder();
        for (String role : u.roleNames()) {
            roles.add(Http.JSON.createObjectBuilder()
                    .add("id", ROLE_IDS.getOrDefault(role, Http.randomId()))
                    .add("name", role)
                    .add("display_name", Http.capitalize(role.substring(role.lastIndexOf(':') + 1))));
        }
        return Response.json(200, Http.JSON.createObjectBuilder()
                .add("sub", u.userId())
                .add("tnt_id", u.tenantId())
                .add("app_id", TokenMinter.APPLICATION_ID)
                .add("idp_name", TokenMinter.IDP_NAME)
                .add("email", u.email())
                .add("email_verified", true)
                .add("name", Http.capitalize(u.login()) + " Example")
                .add("preferred_username", u.login())
                .add("roles", roles));
    }

    Response jwks(Request req) {
        if (!req.applicationHost()) {
            return wrongHostJson(state, req);
        }
        List<RsaJsonWebKey> published = state.publishedKeys;
        JsonWebKeySet set;
        if (published != null) {
            set = new JsonWebKeySet(List.<JsonWebKey>copyOf(published));
        } else {
            RsaJsonWebKey signing = state.minter().signingKey();
            set = state.extraJwksKey ? new JsonWebKeySet(signing, state.extraKey()) : new JsonWebKeySet(signing);
        }
        return Response.json(200, set.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
    }

    Response sdkConfiguration(Request req, String clientId) {
        if (!req.applicationHost()) {
            return wrongHostJson(state, req);
        }
        if (!client.clientId().equals(clientId)) {
            return Response.error(404, "not_found", "unknown client: " + clientId);
        }
        JsonObjectBuilder b = Http.JSON.createObjectBuilder()
                .add("loginUrl", client.loginUrl());
        Http.addNullable(b, "redirectUri", client.redirectUris().size() == 1 ? client.redirectUris().get(0) : null);
        Http.addNullable(b, "loginUrlTenantDomainSuffix", client.loginUrlTenantDomainSuffix());
        Http.addNullable(b, "customApplicationLoginPageUrl", client.customApplicationLoginPageUrl());
        b.add("isApplicationCustomDomainActive", client.applicationCustomDomainActive());
        b.add("applicationAuthorizationRequestsEnabled", false);
        return Response.json(200, b);
    }

    static Response wrongHostJson(EmulatorState state, Request req) {
        return Response.error(404, "not_found", "back-channel endpoints live on the application vanity domain "
                + state.vanityDomain() + ", not " + req.host());
    }

    /**
     * What the token and revoke endpoints check before reading the form, in Wristband's order: the application's
     * host, the client's Basic credentials, the form content type. The first refusal, or null.
     */
    static Response checkFormPost(EmulatorState state, Request req) {
        if (!req.applicationHost()) {
            return wrongHostJson(state, req);
        }
        if (!basicCredentialsMatch(state.client, req.header("Authorization"))) {
            return Response.error(401, "invalid_client", "client authentication failed")
                    .withHeaders(Map.of("WWW-Authenticate", "Basic realm=\"wristband-emulator\""));
        }
        String type = req.header("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith(Http.FORM_TYPE)) {
            return Response.error(400, "invalid_request", "Content-Type must be " + Http.FORM_TYPE + ", got " + type);
        }
        return null;
    }

    private static boolean basicCredentialsMatch(EmulatorClient client, String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String expected = client.clientId() + ":" + client.clientSecret();
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            return MessageDigest.isEqual(decoded.getBytes(StandardCharsets.UTF_8),
                    expected.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
