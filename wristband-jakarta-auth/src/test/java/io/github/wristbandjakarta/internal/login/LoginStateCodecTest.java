package io.github.wristbandjakarta.internal.login;

import io.github.wristbandjakarta.testing.TestConfig;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwe.ContentEncryptionAlgorithmIdentifiers;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jwe.KeyManagementAlgorithmIdentifiers;
import org.jose4j.keys.AesKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sealed login state opens only as it was sealed, under our key and our algorithms (docs/protocol.md §3.4). */
class LoginStateCodecTest {

    private static final LoginState STATE = new LoginState("state-value", "verifier-value", "nonce-value",
            "https://{tenant_name}.example.com/api/auth/callback", "https://app.example/x?y=1",
            "{\"a\":1}", "devs4you", "auth.devs4you.example", Instant.parse("2026-01-01T00:00:00.123Z"));
    private static final String PLAINTEXT = "{\"s\":\"state-value\",\"v\":\"verifier-value\",\"n\":\"nonce-value\","
            + "\"r\":\"https://app.example/cb\",\"t\":1767225600000}";

    private final LoginStateCodec codec = new LoginStateCodec(TestConfig.LOGIN_STATE_SECRET);

    @Test
    void sealedStateRoundTrips() {
        assertEquals(Optional.of(STATE), codec.open(codec.seal(STATE)));
    }

    @Test
    void stateWithoutReturnUrlAndCustomStateRoundTrips() {
        LoginState bare = new LoginState("s", "v", "n", "https://app.example/cb", null, null, null, null,
                Instant.ofEpochMilli(1));
        assertEquals(Optional.of(bare), codec.open(codec.seal(bare)));
    }

    @Test
    void sealingTwiceGivesDifferentValues() {
        assertNotEquals(codec.seal(STATE), codec.seal(STATE));
    }

    @Test
    void sealedValueIsCookieSafe() {
        assertTrue(codec.seal(STATE).matches("[A-Za-z0-9_.-]+"));
    }

    @Test
    void oneChangedCharacterIsRejected() {
        String sealed = codec.seal(STATE);
        String[] parts = sealed.split("\\.", -1);
        char[] ciphertext = parts[3].toCharArray();
        int middle = ciphertext.length / 2;
        ciphertext[middle] = ciphertext[middle] == 'A' ? 'B' : 'A';
        parts[3] = new String(ciphertext);
        assertEquals(Optional.empty(), codec.open(String.join(".", parts)));
    }

    @Test
    void changedTagIsRejected() {
        String sealed = codec.seal(STATE);
        String[] parts = sealed.split("\\.", -1);
        parts[4] = parts[4].charAt(0) == 'A' ? "B" + parts[4].substring(1) : "A" + parts[4].substring(1);
        assertEquals(Optional.empty(), codec.open(String.join(".", parts)));
    }

    @Test
    void truncatedValueIsRejected() {
        String sealed = codec.seal(STATE);
        assertEquals(Optional.empty(), codec.open(sealed.substring(0, sealed.length() - 10)));
    }

    @Test
    void valueSealedWithAnotherSecretIsRejected() {
        LoginStateCodec foreign = new LoginStateCodec("another-secret-of-at-least-32-characters!");
        assertEquals(Optional.empty(), codec.open(foreign.seal(STATE)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "a.b.c.d.e", "....", "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0....",
            "%00%01", "login#x#1"})
    void garbageIsRejected(String value) {
        assertEquals(Optional.empty(), codec.open(value));
    }

    @Test
    void nullIsRejected() {
        assertEquals(Optional.empty(), codec.open(null));
    }

    @Test
    void unsecuredAlgNoneValueIsRejected() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(PLAINTEXT.getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.empty(), codec.open(header + "." + payload + "."));
        String jweNone = b64.encodeToString("{\"alg\":\"none\",\"enc\":\"A256GCM\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.empty(), codec.open(jweNone + ".." + payload + ".."));
    }

    /**
     * dir + A128CBC-HS256 under the very key our codec derives: the value decrypts fine when any algorithm is
     * allowed (so the test proves the key is right), but the codec accepts A256GCM only.
     */
    @Test
    void otherContentEncryptionUnderOurKeyIsRejected() throws Exception {
        AesKey ourKey = new AesKey(hkdf(TestConfig.LOGIN_STATE_SECRET));
        JsonWebEncryption jwe = new JsonWebEncryption();
        jwe.setAlgorithmHeaderValue(KeyManagementAlgorithmIdentifiers.DIRECT);
        jwe.setEncryptionMethodHeaderParameter(ContentEncryptionAlgorithmIdentifiers.AES_128_CBC_HMAC_SHA_256);
        jwe.setKey(ourKey);
        jwe.setPlaintext(PLAINTEXT);
        String foreignAlg = jwe.getCompactSerialization();

        JsonWebEncryption permissive = new JsonWebEncryption();
        permissive.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        permissive.setContentEncryptionAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        permissive.setCompactSerialization(foreignAlg);
        permissive.setKey(ourKey);
        assertEquals(PLAINTEXT, permissive.getPlaintextString());

        assertEquals(Optional.empty(), codec.open(foreignAlg));
    }

    @Test
    void ourOwnKeyDerivationIsWhatTheCodecUses() throws Exception {
        // Guard for the test above: a dir/A256GCM value made with the test's key opens.
        JsonWebEncryption jwe = new JsonWebEncryption();
        jwe.setAlgorithmHeaderValue(KeyManagementAlgorithmIdentifiers.DIRECT);
        jwe.setEncryptionMethodHeaderParameter(ContentEncryptionAlgorithmIdentifiers.AES_256_GCM);
        jwe.setKey(new AesKey(hkdf(TestConfig.LOGIN_STATE_SECRET)));
        jwe.setPlaintext(PLAINTEXT);
        assertEquals("state-value", codec.open(jwe.getCompactSerialization()).orElseThrow().state());
    }

    @Test
    void keyWrappingAlgorithmIsRejected() throws Exception {
        JsonWebEncryption jwe = new JsonWebEncryption();
        jwe.setAlgorithmHeaderValue(KeyManagementAlgorithmIdentifiers.A256KW);
        jwe.setEncryptionMethodHeaderParameter(ContentEncryptionAlgorithmIdentifiers.AES_256_GCM);
        jwe.setKey(new AesKey(hkdf(TestConfig.LOGIN_STATE_SECRET)));
        jwe.setPlaintext(PLAINTEXT);
        assertEquals(Optional.empty(), codec.open(jwe.getCompactSerialization()));
    }

    /** HKDF-SHA256 as documented in LoginStateCodec: zero salt, info "wristband-jakarta-auth login state v1". */
    private static byte[] hkdf(String secret) throws Exception {
        Mac extract = Mac.getInstance("HmacSHA256");
        extract.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
        byte[] prk = extract.doFinal(secret.getBytes(StandardCharsets.UTF_8));
        Mac expand = Mac.getInstance("HmacSHA256");
        expand.init(new SecretKeySpec(prk, "HmacSHA256"));
        expand.update("wristband-jakarta-auth login state v1".getBytes(StandardCharsets.US_ASCII));
        expand.update((byte) 1);
        return expand.doFinal();
    }
}
