package io.github.wristbandjakarta.session;

import io.github.wristbandjakarta.token.TokenSet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HttpSession attribute: read without creating, login rotates the id, refresh never goes backwards. */
class SessionStoreTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final SessionStore store = new SessionStore();

    /** Minimal hand-made fake of the request's session handling (a JDK proxy; other calls fail). */
    private static final class FakeRequest {
        Map<String, Object> attributes;
        boolean invalidated;
        int created;
        int idChanges;
        final HttpSession session = (HttpSession) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpSession.class}, (p, m, a) -> switch (m.getName()) {
                    case "getAttribute" -> attributes.get((String) a[0]);
                    case "setAttribute" -> {
                        attributes.put((String) a[0], a[1]);
                        yield null;
                    }
                    case "getAttributeNames" -> Collections.enumeration(List.copyOf(attributes.keySet()));
                    case "removeAttribute" -> {
                        attributes.remove((String) a[0]);
                        yield null;
                    }
                    case "invalidate" -> {
                        invalidated = true;
                        attributes = null;
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        final HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> switch (m.getName()) {
                    case "getSession" -> {
                        if (attributes == null && (Boolean) a[0]) {
                            created++;
                            attributes = new HashMap<>();
                        }
                        yield attributes == null ? null : session;
                    }
                    case "changeSessionId" -> {
                        idChanges++;
                        yield "new-id";
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private static WristbandSession signedIn(Instant expiresAt) {
        return signedIn("u", expiresAt);
    }

    private static WristbandSession signedIn(String userId, Instant expiresAt) {
        return new WristbandSession(userId, "t", "n", null, "w", null, List.of(),
                new TokenSet("at", "rt", expiresAt), "c", NOW);
    }

    @Test
    void readingWithoutSessionCreatesNone() {
        FakeRequest fake = new FakeRequest();
        assertEquals(Optional.empty(), store.current(fake.request));
        assertEquals(0, fake.created);
    }

    @Test
    void startWithoutSessionCreatesOne() {
        FakeRequest fake = new FakeRequest();
        WristbandSession session = signedIn(NOW);
        store.start(fake.request, session);
        assertEquals(1, fake.created);
        assertEquals(0, fake.idChanges);
        assertSame(session, store.current(fake.request).orElseThrow());
    }

    @Test
    void startWithExistingSessionRotatesTheId() {
        FakeRequest fake = new FakeRequest();
        fake.attributes = new HashMap<>();
        store.start(fake.request, signedIn(NOW));
        assertEquals(1, fake.idChanges);
        assertEquals(0, fake.created);
    }

    @Test
    void replaceStoresNewerTokens() {
        FakeRequest fake = new FakeRequest();
        WristbandSession old = signedIn(NOW);
        store.start(fake.request, old);
        WristbandSession newer = signedIn(NOW.plusSeconds(1740));
        store.replace(fake.request, old, newer);
        assertSame(newer, store.current(fake.request).orElseThrow());
    }

    @Test
    void replaceNeverOverwritesNewerTokensWithOlderOnes() {
        FakeRequest fake = new FakeRequest();
        WristbandSession newest = signedIn(NOW.plusSeconds(3600));
        store.start(fake.request, newest);
        store.replace(fake.request, signedIn(NOW), signedIn(NOW.plusSeconds(1740)));
        assertSame(newest, store.current(fake.request).orElseThrow());
    }

    @Test
    void replaceWithTheTokensAlreadyStoredSetsNothing() {
        FakeRequest fake = new FakeRequest();
        WristbandSession old = signedIn(NOW);
        store.start(fake.request, old);
        WristbandSession refreshed = signedIn(NOW.plusSeconds(1740));
        store.replace(fake.request, old, refreshed);
        // A second request that shared the same single-flight refresh brings an equal value.
        store.replace(fake.request, old, signedIn(NOW.plusSeconds(1740)));
        assertSame(refreshed, store.current(fake.request).orElseThrow(), "the stored object is not replaced");
    }

    @Test
    void endInvalidatesTheSession() {
        FakeRequest fake = new FakeRequest();
        store.start(fake.request, signedIn(NOW));
        store.end(fake.request);
        assertTrue(fake.invalidated);
        assertEquals(Optional.empty(), store.current(fake.request));
    }
    @Test
    void endingADeadSignInSignsOutAtOnceAndKeepsTheHttpSessionForLater() {
        FakeRequest fake = new FakeRequest();
        WristbandSession dead = signedIn(NOW);
        store.start(fake.request, dead);

        assertTrue(store.end(fake.request, dead));

        assertEquals(Optional.empty(), store.current(fake.request));
        assertFalse(fake.invalidated, "not invalidated during the container's authentication step");
    }

    @Test
    void onlyTheFirstRequestThatFindsASignInDeadEndsIt() {
        FakeRequest fake = new FakeRequest();
        WristbandSession dead = signedIn(NOW);
        store.start(fake.request, dead);

        assertTrue(store.end(fake.request, dead));
        assertFalse(store.end(fake.request, dead));
    }

    @Test
    void aDeadSignInDoesNotEndTheSignInThatReplacedIt() {
        FakeRequest fake = new FakeRequest();
        WristbandSession newer = signedIn(NOW.plusSeconds(1740));
        store.start(fake.request, newer);

        assertFalse(store.end(fake.request, signedIn(NOW)));

        assertSame(newer, store.current(fake.request).orElseThrow());
    }

    @Test
    void aRefreshDoesNotBringBackAnEndedSignIn() {
        FakeRequest fake = new FakeRequest();
        WristbandSession dead = signedIn(NOW);
        store.start(fake.request, dead);
        store.end(fake.request, dead);

        store.replace(fake.request, dead, signedIn(NOW.plusSeconds(1740)));

        assertEquals(Optional.empty(), store.current(fake.request));
    }

    @Test
    void theSignInAfterAnEndedOneEmptiesTheHttpSessionAndRotatesTheId() {
        FakeRequest fake = new FakeRequest();
        WristbandSession dead = signedIn(NOW);
        store.start(fake.request, dead);
        fake.attributes.put("cart", "the previous user's");
        store.end(fake.request, dead);

        WristbandSession next = signedIn(NOW.plusSeconds(3600));
        store.start(fake.request, next);

        assertEquals(Map.of(SessionStore.ATTRIBUTE, next), fake.attributes);
        assertEquals(1, fake.idChanges);
        assertFalse(fake.invalidated, "emptied, not invalidated (WildFly)");
    }

    @Test
    void signingInAsAnotherUserEmptiesTheHttpSessionAndRotatesTheId() {
        FakeRequest fake = new FakeRequest();
        store.start(fake.request, signedIn("alice", NOW));
        fake.attributes.put("cart", "alice's");

        WristbandSession bob = signedIn("bob", NOW);
        store.start(fake.request, bob);

        assertEquals(Map.of(SessionStore.ATTRIBUTE, bob), fake.attributes);
        assertEquals(1, fake.idChanges);
    }

    @Test
    void signingInAgainAsTheSameUserKeepsTheStateAndRotatesTheId() {
        FakeRequest fake = new FakeRequest();
        store.start(fake.request, signedIn("alice", NOW));
        fake.attributes.put("cart", "alice's");

        store.start(fake.request, signedIn("alice", NOW.plusSeconds(60)));

        assertFalse(fake.invalidated);
        assertEquals(1, fake.idChanges);
        assertEquals("alice's", fake.attributes.get("cart"));
    }
}
