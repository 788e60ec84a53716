package io.github.wristbandjakarta.internal.login;

import io.github.wristbandjakarta.internal.config.Hkdf;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwe.ContentEncryptionAlgorithmIdentifiers;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jwe.KeyManagementAlgorithmIdentifiers;
import org.jose4j.keys.AesKey;
import org.jose4j.lang.JoseException;

import java.io.StringReader;
import java.time.Instant;
import java.util.Optional;

import static io.github.wristbandjakarta.internal.wristband.JsonSupport.JSON;

/**
 * Seals login state into a cookie value and opens it again: a compact JWE ({@code dir}, {@code A256GCM}) under
 * a 256-bit key derived with HKDF-SHA256 from the login-state secret. Anything that does not open under our
 * key (tampered, foreign, truncated, another secret) is simply not a login state.
 */
public final class LoginStateCodec {

    private static final String HKDF_INFO = "wristband-jakarta-auth login state v1";

    private final AesKey key;

    public LoginStateCodec(String loginStateSecret) {
        this.key = new AesKey(Hkdf.sha256(loginStateSecret, HKDF_INFO));
    }

    public String seal(LoginState loginState) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("s", loginState.state())
                .add("v", loginState.codeVerifier())
                .add("n", loginState.nonce())
                .add("r", loginState.redirectUri())
                .add("t", loginState.createdAt().toEpochMilli());
        if (loginState.returnUrl() != null) {
            json.add("u", loginState.returnUrl());
        }
        if (loginState.customState() != null) {
            json.add("c", loginState.customState());
        }
        if (loginState.tenantName() != null) {
            json.add("tn", loginState.tenantName());
        }
        if (loginState.tenantCustomDomain() != null) {
            json.add("td", loginState.tenantCustomDomain());
        }
        JsonWebEncryption jwe = new JsonWebEncryption();
        jwe.setAlgorithmHeaderValue(KeyManagementAlgorithmIdentifiers.DIRECT);
        jwe.setEncryptionMethodHeaderParameter(ContentEncryptionAlgorithmIdentifiers.AES_256_GCM);
        jwe.setKey(key);
        jwe.setPlaintext(json.build().toString());
        try {
            return jwe.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot seal the login state", e);
        }
    }

    public Optional<LoginState> open(String sealed) {
        if (sealed == null || sealed.isEmpty() || sealed.length() > 8192) {
            return Optional.empty();
        }
        try {
            JsonWebEncryption jwe = new JsonWebEncryption();
            jwe.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                    KeyManagementAlgorithmIdentifiers.DIRECT));
            jwe.setContentEncryptionAlgorithmConstraints(new AlgorithmConstraints(
                    AlgorithmConstraints.ConstraintType.PERMIT, ContentEncryptionAlgorithmIdentifiers.AES_256_GCM));
            jwe.setCompactSerialization(sealed);
            jwe.setKey(key);
            JsonObject json = JSON.createReader(new StringReader(jwe.getPlaintextString())).readObject();
            return Optional.of(new LoginState(
                    json.getString("s"),
                    json.getString("v"),
                    json.getString("n"),
                    json.getString("r"),
                    optionalString(json, "u"),
                    optionalString(json, "c"),
                    optionalString(json, "tn"),
                    optionalString(json, "td"),
                    Instant.ofEpochMilli(json.getJsonNumber("t").longValueExact())));
        } catch (JoseException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String optionalString(JsonObject json, String name) {
        JsonValue value = json.get(name);
        return value instanceof JsonString string ? string.getString() : null;
    }
}
