package io.github.wristbandjakarta.emulator;

import io.github.wristbandjakarta.emulator.EmulatorState.AccessGrant;
import io.github.wristbandjakarta.emulator.EmulatorState.AuthorizationCode;
import io.github.wristbandjakarta.emulator.EmulatorState.RefreshGrant;
import io.github.wristbandjakarta.emulator.Http.Request;
import io.github.wristbandjakarta.emulator.Http.Response;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The token endpoint: the authorization-code grant (with PKCE) and the refresh-token grant. */
final class TokenEndpoint {

    static final String PATH = "/api/v1/oauth2/token";

    private final EmulatorState state;
    private final EmulatorClient client;

    TokenEndpoint(EmulatorState state) {
        this.state = state;
        this.client = state.client;
    }

    /** A POST whose {@code grant_type} is neither supported one: refused after the checks of every POST. */
    Response unsupportedGrant(Request req) {
        Response refused = BackChannel.checkFormPost(state, req);
        return refused != null ? refused : Response.error(400, "unsupported_grant_type",
                "unsupported grant_type: " + Http.first(req.form(), "grant_type"));
    }

    Response grant(Request req, Endpoint endpoint) {
        Response refused = BackChannel.checkFormPost(state, req);
        if (refused != null) {
            return refused;
        }
        Map<String, List<String>> form = req.form();
        return endpoint == Endpoint.TOKEN_CODE ? codeGrant(form) : refreshGrant(form);
    }

    private Response codeGrant(Map<String, List<String>> form) {
        String code = Http.first(form, "code");
        if (code == null) {
            return Response.error(400, "invalid_request", "missing code");
        }
        AuthorizationCode c = state.codes.remove(code); // single use: consumed by any attempt
        if (c == null) {
            return invalidGrant(state.usedCodes.contains(code) ? "authorization code already used"
                    : "unknown authorization code");
        }
        state.usedCodes.add(code);
        if (Instant.now().isAfter(c.expiresAt())) {
            return invalidGrant("authorization code expired");
        }
        if (!c.clientId().equals(client.clientId())) {
            return invalidGrant("authorization code was issued to another client");
        }
        if (!c.redirectUri().equals(Http.first(form, "redirect_uri"))) {
            return invalidGrant("redirect_uri differs from the one used at authorize");
        }
        String verifier = Http.first(form, "code_verifier");
        if (verifier == null || !Http.s256(verifier).equals(c.codeChallenge())) {
            return invalidGrant("code_verifier does not match the code_challenge");
        }
        return tokenResponse(c.user(), c.scope(), c.nonce(), c.authTime(),
                Http.scopes(c.scope()).contains("offline_access")
                        ? newRefreshToken(c.user(), c.scope(), c.authTime()) : null);
    }

    private Response refreshGrant(Map<String, List<String>> form) {
        String token = Http.first(form, "refresh_token");
        if (token == null) {
            return Response.error(400, "invalid_request", "missing refresh_token");
        }
        RefreshGrant g = state.refreshTokens.get(token);
        if (g == null) {
            return invalidGrant("unknown refresh token");
        }
        if (g.revoked) {
            return invalidGrant("refresh token revoked");
        }
        if (!g.clientId.equals(client.clientId())) {
            return invalidGrant("refresh token was issued to another client");
        }
        String returned;
        if (state.rotateRefreshTokens) {
            if (!g.used.compareAndSet(false, true)) {
                return invalidGrant("refresh token already used");
            }
            returned = newRefreshToken(g.user, g.scope, g.authTime);
        } else {
            if (g.used.get()) {
                return invalidGrant("refresh token already used");
            }
            returned = token;
        }
        return tokenResponse(g.user, g.scope, null, g.authTime, state.omitRefreshTokenOnRefresh ? null : returned);
    }

    private static Response invalidGrant(String description) {
        return Response.error(400, "invalid_grant", description);
    }

    private String newRefreshToken(EmulatorUser user, String scope, long authTime) {
        String token = Http.randomToken();
        state.refreshTokens.put(token, new RefreshGrant(user, client.clientId(), scope, authTime));
        state.issuedTokens.add(token);
        return token;
    }

    private Response tokenResponse(EmulatorUser user, String scope, String nonce, long authTime, String refreshToken) {
        Duration lifetime = state.accessTokenLifetime;
        Instant now = Instant.now();
        TokenMinter minter = state.minter();
        String accessToken = minter.accessToken(minter.accessTokenClaims(user, scope, authTime, now, lifetime));
        String idToken = minter.idToken(minter.idTokenClaims(user, nonce, authTime, now, lifetime),
                state.idTokenTampering.tampering());
        state.accessTokens.put(accessToken, new AccessGrant(user, now.plus(lifetime)));
        state.issuedTokens.add(accessToken);
        state.issuedTokens.add(idToken);
        JsonObjectBuilder b = Http.JSON.createObjectBuilder()
                .add("access_token", accessToken)
                .add("id_token", idToken);
        if (refreshToken != null) {
            b.add("refresh_token", refreshToken);
        }
        b.add("expires_in", lifetime.toSeconds()).add("token_type", "bearer").add("scope", scope);
        return Response.json(200, b).withHeaders(Map.of("Cache-Control", "no-store", "Pragma", "no-cache"));
    }
}
