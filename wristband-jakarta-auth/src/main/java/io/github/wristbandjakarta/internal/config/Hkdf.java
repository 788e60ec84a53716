package io.github.wristbandjakarta.internal.config;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * HKDF (RFC 5869) with HMAC-SHA256, no salt, one 32-byte output block: a key for one purpose ({@code info}) from a
 * configured secret. The secrets are high-entropy key material (at least 32 characters), so the salt adds nothing;
 * distinct {@code info} labels keep the keys of the login state and of the session apart when they share a secret.
 */
public final class Hkdf {

    private static final String HMAC_SHA256 = "HmacSHA256";

    private Hkdf() {
    }

    public static byte[] sha256(String secret, String info) {
        try {
            Mac extract = Mac.getInstance(HMAC_SHA256);
            extract.init(new SecretKeySpec(new byte[32], HMAC_SHA256));
            byte[] prk = extract.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            Mac expand = Mac.getInstance(HMAC_SHA256);
            expand.init(new SecretKeySpec(prk, HMAC_SHA256));
            expand.update(info.getBytes(StandardCharsets.US_ASCII));
            expand.update((byte) 1);
            return expand.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from the JDK", e);
        }
    }
}
