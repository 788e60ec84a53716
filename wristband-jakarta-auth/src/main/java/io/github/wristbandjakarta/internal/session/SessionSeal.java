package io.github.wristbandjakarta.internal.session;

import io.github.wristbandjakarta.internal.config.Hkdf;
import io.github.wristbandjakarta.internal.token.TokenSet;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Seals a {@link WristbandSession} for the HttpSession and opens it again (docs/security.md).
 *
 * <ol>
 *   <li>Keys: one AES-256 key per configured session secret ({@code wristband.session.secrets}), derived with HKDF
 *       (RFC 5869) under a label of its own, so a secret shared with the login state gives another key. The first
 *       secret seals; every secret opens, so that a new secret can be put first while sessions sealed under the old
 *       one still open (as the official SDKs' encrypted-cookie sessions take their {@code secrets} list).</li>
 *   <li>Format: version (1 byte), key id (4 bytes, HKDF of the secret under a third label), IV (12 random bytes), then
 *       AES-GCM ciphertext and 128-bit tag (NIST SP 800-38D) of the whole sign-in, the version and key id as
 *       additional authenticated data. Everything is sealed, the identity included: the tag authenticates the user id,
 *       tenant and roles together with the tokens, and none of them is readable in the session store.</li>
 *   <li>Opening fails for bytes altered anywhere, bytes sealed under a secret not configured here, and anything that
 *       is not a {@link SealedSession}: the {@link SessionStore} then ends the sign-in.</li>
 * </ol>
 *
 * <p>What sealing cannot stop: a member of the cluster that can write sessions can copy one user's sealed value into
 * another session whose id it knows; reading session ids is the same power. It can no longer read tokens, nor make up a
 * user or a role.
 */
public final class SessionSeal {

    private static final byte VERSION = 1;
    private static final int KEY_ID_LENGTH = 4;
    private static final int IV_LENGTH = 12;
    private static final int TAG_BITS = 128;
    private static final int HEADER = 1 + KEY_ID_LENGTH + IV_LENGTH;
    private static final String KEY_LABEL = "wristband-jakarta-auth session v1";
    private static final String KEY_ID_LABEL = "wristband-jakarta-auth session key id v1";
    private static final String AES_GCM = "AES/GCM/NoPadding";

    /** What a sealed value opened to. {@code stale}: sealed under a secret that is no longer the first. */
    record Opened(SessionSeal by, WristbandSession session, boolean stale) {
    }

    private record Key(byte[] id, SecretKeySpec aes) {
    }

    private final List<Key> keys;
    private final SecureRandom random;
    /**
     * One decrypting Cipher per thread, initialised anew for each value: {@code Cipher.getInstance} costs about three
     * times what decrypting a sign-in does. (A JDK class: a pooled thread that keeps one pins no application class.)
     */
    private final ThreadLocal<Cipher> decryptors = ThreadLocal.withInitial(SessionSeal::aesGcm);

    /** @param secrets newest first; each at least 32 characters (checked by the configuration) */
    public SessionSeal(List<String> secrets, SecureRandom random) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("no session secret");
        }
        List<Key> derived = new ArrayList<>();
        for (String secret : secrets) {
            derived.add(new Key(Arrays.copyOf(Hkdf.sha256(secret, KEY_ID_LABEL), KEY_ID_LENGTH),
                    new SecretKeySpec(Hkdf.sha256(secret, KEY_LABEL), "AES")));
        }
        this.keys = List.copyOf(derived);
        this.random = random;
    }

    public SealedSession seal(WristbandSession session) {
        Key key = keys.get(0);
        byte[] iv = new byte[IV_LENGTH];
        random.nextBytes(iv);
        byte[] plain = encode(session);
        try {
            Cipher cipher = aesGcm();
            cipher.init(Cipher.ENCRYPT_MODE, key.aes(), new GCMParameterSpec(TAG_BITS, iv));
            byte[] out = new byte[HEADER + cipher.getOutputSize(plain.length)];
            out[0] = VERSION;
            System.arraycopy(key.id(), 0, out, 1, KEY_ID_LENGTH);
            System.arraycopy(iv, 0, out, 1 + KEY_ID_LENGTH, IV_LENGTH);
            cipher.updateAAD(out, 0, 1 + KEY_ID_LENGTH);
            cipher.doFinal(plain, 0, plain.length, out, HEADER);
            SealedSession sealed = new SealedSession(out);
            sealed.opened(new Opened(this, session, false));
            return sealed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot seal the session", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** The sign-in {@code sealed} holds, or empty when it does not open under any of the configured secrets. */
    public Optional<WristbandSession> open(SealedSession sealed) {
        return opening(sealed).map(Opened::session);
    }

    /** As {@link #open}, saying whether the secret that opened it is still the first. */
    Optional<Opened> opening(SealedSession sealed) {
        Opened known = sealed.opened();
        if (known != null && known.by() == this) {
            return Optional.of(known);
        }
        byte[] value = sealed.value();
        if (value == null || value.length < HEADER + TAG_BITS / 8 || value[0] != VERSION) {
            return Optional.empty();
        }
        for (int k = 0; k < keys.size(); k++) {
            Key key = keys.get(k);
            if (!Arrays.equals(value, 1, 1 + KEY_ID_LENGTH, key.id(), 0, KEY_ID_LENGTH)) {
                continue;
            }
            Optional<WristbandSession> session = decrypt(key, value);
            if (session.isPresent()) {
                Opened opened = new Opened(this, session.get(), k > 0);
                sealed.opened(opened);
                return Optional.of(opened);
            }
        }
        return Optional.empty();
    }

    private Optional<WristbandSession> decrypt(Key key, byte[] value) {
        byte[] plain = null;
        try {
            Cipher cipher = decryptors.get();
            cipher.init(Cipher.DECRYPT_MODE, key.aes(), new GCMParameterSpec(TAG_BITS, value, 1 + KEY_ID_LENGTH,
                    IV_LENGTH));
            cipher.updateAAD(value, 0, 1 + KEY_ID_LENGTH);
            plain = cipher.doFinal(value, HEADER, value.length - HEADER);
            return Optional.of(decode(plain));
        } catch (GeneralSecurityException | IOException | RuntimeException notOurs) {
            // Tag mismatch (altered, or another key under a colliding id) or a malformed plaintext.
            return Optional.empty();
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    private static Cipher aesGcm() {
        try {
            return Cipher.getInstance(AES_GCM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from the JDK", e);
        }
    }

    private static byte[] encode(WristbandSession session) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeString(out, session.userId());
            writeString(out, session.tenantId());
            writeString(out, session.tenantName());
            writeString(out, session.tenantCustomDomain());
            writeString(out, session.identityProviderName());
            writeString(out, session.email());
            out.writeInt(session.roles().size());
            for (String role : session.roles()) {
                writeString(out, role);
            }
            writeString(out, session.tokens().accessToken());
            writeString(out, session.tokens().refreshToken());
            writeInstant(out, session.tokens().expiresAt());
            writeString(out, session.csrfToken());
            writeInstant(out, session.authenticatedAt());
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return bytes.toByteArray();
    }

    /** Reads what {@link #encode} wrote; any other content throws (a ByteBuffer bounds error or IOException). */
    private static WristbandSession decode(byte[] plain) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(plain);
        String userId = readString(in);
        String tenantId = readString(in);
        String tenantName = readString(in);
        String tenantCustomDomain = readString(in);
        String identityProviderName = readString(in);
        String email = readString(in);
        int roleCount = in.getInt();
        if (roleCount < 0 || roleCount > in.remaining() / Integer.BYTES) {
            throw new IOException("role count");
        }
        List<String> roles = new ArrayList<>(roleCount);
        for (int i = 0; i < roleCount; i++) {
            roles.add(readString(in));
        }
        TokenSet tokens = new TokenSet(readString(in), readString(in), readInstant(in));
        String csrfToken = readString(in);
        Instant authenticatedAt = readInstant(in);
        if (in.hasRemaining()) {
            throw new IOException("trailing bytes");
        }
        return new WristbandSession(userId, tenantId, tenantName, tenantCustomDomain, identityProviderName, email,
                roles, tokens, csrfToken, authenticatedAt);
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(ByteBuffer in) throws IOException {
        int length = in.getInt();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > in.remaining()) {
            throw new IOException("string length");
        }
        String value = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return value;
    }

    private static void writeInstant(DataOutputStream out, Instant instant) throws IOException {
        out.writeLong(instant.getEpochSecond());
        out.writeInt(instant.getNano());
    }

    private static Instant readInstant(ByteBuffer in) {
        return Instant.ofEpochSecond(in.getLong(), in.getInt());
    }
}
