package io.github.wristbandjakarta.internal.session;

import io.github.wristbandjakarta.internal.token.TokenSet;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sealed HttpSession attribute: confidential, authenticated, rotatable, small. */
class SessionSealTest {

    private static final String SECRET = "a session secret of at least thirty-two characters";
    private static final String OLDER = "the secret used before the rotation, 32+ chars";
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static SessionSeal seal(String... secrets) {
        return new SessionSeal(List.of(secrets), new SecureRandom());
    }

    private static byte[] serialize(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    private static Object deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }

    /** As another cluster node receives it: a new instance, nothing remembered from the node that sealed it. */
    private static SealedSession replicated(SealedSession sealed) throws Exception {
        return (SealedSession) deserialize(serialize(sealed));
    }

    @Test
    void aReplicatedSealedSessionOpensToTheSameSignInOnANodeWithTheSameSecret() throws Exception {
        WristbandSession session = WristbandSessionTest.realistic();
        SealedSession sealed = seal(SECRET).seal(session);
        assertEquals(Optional.of(session), seal(SECRET).open(replicated(sealed)));
    }

    @Test
    void nullFieldsSurviveSealing() throws Exception {
        WristbandSession session = new WristbandSession("u", "t", "n", null, "wristband", null, List.of(),
                new TokenSet("at", null, NOW), null, NOW);
        assertEquals(Optional.of(session), seal(SECRET).open(replicated(seal(SECRET).seal(session))));
    }

    @Test
    void neitherTokensNorIdentityAreReadableInTheSerializedAttribute() throws Exception {
        WristbandSession session = WristbandSessionTest.realistic();
        String serialized = new String(serialize(seal(SECRET).seal(session)), StandardCharsets.ISO_8859_1);
        for (String value : List.of(session.tokens().accessToken().substring(0, 40),
                session.tokens().refreshToken().substring(0, 40), session.userId(), session.email(),
                session.csrfToken(), "app:invotastic")) {
            assertFalse(serialized.contains(value), "readable: " + value);
        }
    }

    @Test
    void aRealisticSealedSessionSerializesToAtMost4096Bytes() throws Exception {
        int size = serialize(seal(SECRET).seal(WristbandSessionTest.realistic())).length;
        assertTrue(size <= 4096, "serialized size " + size);
    }

    @Test
    void twoSealsOfOneSignInDiffer() {
        SessionSeal seal = seal(SECRET);
        WristbandSession session = WristbandSessionTest.realistic();
        assertNotEquals(seal.seal(session), seal.seal(session), "each seal has its own IV");
    }

    @Test
    void everySingleChangedByteKeepsTheSealedSessionFromOpening() throws Exception {
        SessionSeal seal = seal(SECRET);
        byte[] value = replicated(seal.seal(WristbandSessionTest.realistic())).value();
        for (int i = 0; i < value.length; i++) {
            byte[] altered = value.clone();
            altered[i] ^= 0x01;
            assertEquals(Optional.empty(), seal.open(new SealedSession(altered)), "byte " + i + " changed");
        }
    }

    @Test
    void aTruncatedOrEmptySealedSessionDoesNotOpen() throws Exception {
        SessionSeal seal = seal(SECRET);
        byte[] value = replicated(seal.seal(WristbandSessionTest.realistic())).value();
        for (int length : new int[] {0, 1, 17, 33, value.length - 1}) {
            assertEquals(Optional.empty(), seal.open(new SealedSession(Arrays.copyOf(value, length))),
                    length + " bytes");
        }
        assertEquals(Optional.empty(), seal.open(new SealedSession(null)));
    }

    @Test
    void aSessionSealedUnderASecretThatIsNotConfiguredDoesNotOpen() throws Exception {
        SealedSession foreign = seal("somebody else's secret, also 32 characters").seal(WristbandSessionTest.realistic());
        assertEquals(Optional.empty(), seal(SECRET).open(replicated(foreign)));
    }

    @Test
    void aSessionSealedUnderAnOlderSecretOpensAndIsMarkedForResealing() throws Exception {
        WristbandSession session = WristbandSessionTest.realistic();
        SealedSession old = replicated(seal(OLDER).seal(session));
        Optional<SessionSeal.Opened> opened = seal(SECRET, OLDER).opening(old);
        assertEquals(session, opened.orElseThrow().session());
        assertTrue(opened.get().stale());
    }

    @Test
    void aSessionSealedUnderTheFirstSecretIsNotMarkedForResealing() throws Exception {
        SealedSession current = replicated(seal(SECRET).seal(WristbandSessionTest.realistic()));
        assertFalse(seal(SECRET, OLDER).opening(current).orElseThrow().stale());
    }

    @Test
    void aSealedSessionIsOpenedOnceOnANode() throws Exception {
        SessionSeal seal = seal(SECRET);
        SealedSession arrived = replicated(seal.seal(WristbandSessionTest.realistic()));
        WristbandSession first = seal.open(arrived).orElseThrow();
        assertSame(first, seal.open(arrived).orElseThrow(), "the second request reuses the first opening");
    }

    @Test
    void anOpeningIsRememberedOnlyForTheSealThatMadeIt() {
        SealedSession sealed = seal(SECRET).seal(WristbandSessionTest.realistic());
        assertEquals(Optional.empty(), seal("another application's secret, 32+ chars").open(sealed));
    }
}
