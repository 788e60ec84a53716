package io.github.wristbandjakarta.testing;

import io.github.wristbandjakarta.emulator.EmulatorClient;
import io.github.wristbandjakarta.emulator.EmulatorUser;
import io.github.wristbandjakarta.emulator.Endpoint;
import io.github.wristbandjakarta.emulator.Fault;
import io.github.wristbandjakarta.emulator.RecordedRequest;
import io.github.wristbandjakarta.emulator.ScriptedAnswer;
import io.github.wristbandjakarta.emulator.Tampering;
import io.github.wristbandjakarta.emulator.TokenMinter;
import io.github.wristbandjakarta.emulator.WristbandEmulator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The test kit's emulator as the library's unit tests start it (in process, a free loopback port), and the Wristband
 * answers they script: token and userinfo bodies, ID-token claims.
 */
public final class Emulators {

    public static final String CLIENT_ID = "clientId";
    public static final String CLIENT_SECRET = "clientSecret";
    public static final String USER_ID = "5q6j4qe2cva3dm3cbdvjoxvuze";
    public static final String TENANT_ID = "fr2vishnqjdvfbcijxa3a4adhe";
    /** The key that signs, kid {@code k1}: made once per run, as generating one takes a while. */
    public static final RsaJsonWebKey KEY = TokenMinter.newKey("k1");
    private static final EmulatorUser USER = new EmulatorUser("user", USER_ID, "user@example.com", "tenant",
            TENANT_ID, List.of("app:invotastic:admin"));

    private Emulators() {
    }

    /**
     * An emulator whose client is {@link #CLIENT_ID}/{@link #CLIENT_SECRET}, signing with {@link #KEY}, whose userinfo
     * answers {@link #userInfoJson(String) the user} {@link #USER_ID} whatever the token (the tests script token
     * answers whose access tokens the emulator never issued).
     */
    public static WristbandEmulator start() {
        WristbandEmulator emulator = start(CLIENT_ID, CLIENT_SECRET);
        emulator.fault(Endpoint.USERINFO, new Fault.Status(200, userInfoJson(USER_ID)));
        return emulator;
    }

    /** An emulator of this client, signing with {@link #KEY}, otherwise as it comes. */
    public static WristbandEmulator start(String clientId, String clientSecret) {
        WristbandEmulator emulator = WristbandEmulator.start(0, new EmulatorClient(clientId, clientSecret,
                List.of("https://localhost:6001/api/auth/callback"), "https://localhost:6001/api/auth/login", null,
                false, null), List.of(USER));
        emulator.signingKey(KEY);
        return emulator;
    }

    /** A token endpoint's answer; the ID and refresh tokens are left out when null. */
    public static String tokenJson(String accessToken, String idToken, String refreshToken, long expiresIn) {
        StringBuilder json = new StringBuilder("{\"access_token\":\"").append(accessToken).append('"');
        if (idToken != null) {
            json.append(",\"id_token\":\"").append(idToken).append('"');
        }
        if (refreshToken != null) {
            json.append(",\"refresh_token\":\"").append(refreshToken).append('"');
        }
        return json.append(",\"expires_in\":").append(expiresIn).append(",\"token_type\":\"bearer\"}").toString();
    }

    /** A userinfo answer for {@code sub} in tenant {@link #TENANT_ID}, with one role. */
    public static String userInfoJson(String sub) {
        return "{\"sub\":\"" + sub + "\",\"tnt_id\":\"" + TENANT_ID + "\",\"app_id\":\"app\",\"idp_name\":\"wristband\","
                + "\"email\":\"user@example.com\",\"email_verified\":true,"
                + "\"roles\":[{\"id\":\"r1\",\"name\":\"app:invotastic:admin\",\"display_name\":\"Admin\"}]}";
    }

    /**
     * The claims of a valid ID token at {@code now} as these tests check them: iss, aud, sub, nonce, iat, exp (+1 h),
     * tnt_id; sub and nonce left out when null.
     */
    public static JwtClaims idTokenClaims(WristbandEmulator emulator, String sub, String nonce, Instant now) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(emulator.issuer());
        claims.setAudience(emulator.client().clientId());
        if (sub != null) {
            claims.setSubject(sub);
        }
        if (nonce != null) {
            claims.setClaim("nonce", nonce);
        }
        claims.setIssuedAt(NumericDate.fromMilliseconds(now.toEpochMilli()));
        claims.setExpirationTime(NumericDate.fromMilliseconds(now.plusSeconds(3600).toEpochMilli()));
        claims.setClaim("tnt_id", TENANT_ID);
        return claims;
    }

    /** An ID token of {@link #idTokenClaims} signed by the emulator's minter, after the tamperings. */
    public static String idToken(WristbandEmulator emulator, String sub, String nonce, Instant now,
            Tampering... tamperings) {
        return emulator.minter().idToken(idTokenClaims(emulator, sub, nonce, now), tamperings);
    }

    /** A JWKS answer publishing these keys' public halves. */
    public static String jwksJson(RsaJsonWebKey... keys) {
        List<JsonWebKey> published = new ArrayList<>();
        for (RsaJsonWebKey k : keys) {
            try {
                published.add(JsonWebKey.Factory.newJwk(k.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
            } catch (JoseException e) {
                throw new IllegalStateException(e);
            }
        }
        return new JsonWebKeySet(published).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** Every call of {@code endpoint} gets this answer, as long as nothing is scripted before it. */
    public static void always(WristbandEmulator emulator, Endpoint endpoint, ScriptedAnswer answer) {
        emulator.fault(endpoint, new Fault.Status(answer.status(), answer.body()));
    }

    /** The one request the emulator received. */
    public static RecordedRequest onlyRequest(WristbandEmulator emulator) {
        List<RecordedRequest> requests = emulator.requests();
        assertEquals(1, requests.size(), "requests: " + requests);
        return requests.get(0);
    }
}
