package io.github.wristbandjakarta.internal.session;

import io.github.wristbandjakarta.internal.session.HttpFakes.Request;
import io.github.wristbandjakarta.internal.session.HttpFakes.Session;
import io.github.wristbandjakarta.internal.token.TokenSet;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HttpSession attribute: read without creating, a sign-in begins under a session id nobody knew before, refresh
 * never goes backwards, a dead sign-in ends once, and the next user never inherits the previous one's state.
 */
class SessionStoreTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final SessionSeal SEAL = new SessionSeal(
            List.of("a session secret of at least thirty-two characters"), new SecureRandom());
    private final SessionStore store = new SessionStore(SEAL);

    private static WristbandSession signedIn(Instant expiresAt) {
        return signedIn("u", expiresAt);
    }

    private static WristbandSession signedIn(String userId, Instant expiresAt) {
        return new WristbandSession(userId, "t", "n", null, "w", null, List.of(),
                new TokenSet("at", "rt", expiresAt), "c", NOW);
    }

    /** The sign-in the fake HttpSession holds, opened. */
    private static WristbandSession stored(Request request) {
        return SEAL.open((SealedSession) request.session.attributes.get(SessionStore.ATTRIBUTE)).orElseThrow();
    }

    /** A request whose browser already has the session {@code id}. */
    private static Request withSession(String id) {
        Request request = new Request();
        request.session = new Session(id);
        request.requestedSessionId = id;
        return request;
    }

    /** A request signed in as {@code session}, in a session that had none before. */
    private Request signedInRequest(WristbandSession session) {
        Request request = new Request();
        store.begin(request.proxy, session);
        return request;
    }

    @Test
    void readingWithoutSessionCreatesNone() {
        Request request = new Request();

        assertEquals(Optional.empty(), store.current(request.proxy));

        assertEquals(0, request.created);
    }

    @Test
    void aSessionWithoutSignInSignsNobodyIn() {
        Request request = withSession("anonymous");
        request.session.attributes.put("cart", "the visitor's");

        assertSame(SessionStore.Read.NONE, store.read(request.proxy));
    }

    // ---- begin

    @Test
    void beginWithAnExistingSessionChangesItsIdAndKeepsAnAnonymousVisitorsState() {
        Request request = withSession("anonymous");
        request.session.attributes.put("cart", "the visitor's");
        WristbandSession session = signedIn(NOW);

        assertSame(request.session.proxy, store.begin(request.proxy, session));

        assertEquals(1, request.idChanges);
        assertNotEquals("anonymous", request.session.id);
        assertEquals(0, request.created);
        assertEquals("the visitor's", request.session.attributes.get("cart"));
        assertEquals(session, stored(request));
    }

    @Test
    void beginWithAnotherUsersSignInEmptiesTheSessionAndChangesItsId() {
        Request request = signedInRequest(signedIn("alice", NOW));
        request.session.attributes.put("cart", "alice's");

        WristbandSession bob = signedIn("bob", NOW);
        store.begin(request.proxy, bob);

        assertEquals(Set.of(SessionStore.ATTRIBUTE), request.session.attributes.keySet());
        assertEquals(bob, stored(request));
        assertEquals(1, request.idChanges);
        assertFalse(request.session.invalidated, "emptied, not invalidated (WildFly)");
    }

    @Test
    void beginAgainAsTheSameUserKeepsTheStateAndChangesTheId() {
        Request request = signedInRequest(signedIn("alice", NOW));
        request.session.attributes.put("cart", "alice's");

        WristbandSession again = signedIn("alice", NOW.plusSeconds(60));
        store.begin(request.proxy, again);

        assertEquals(1, request.idChanges);
        assertEquals("alice's", request.session.attributes.get("cart"));
        assertEquals(again, stored(request));
    }

    @Test
    void beginAfterAnEndedSignInEmptiesTheSessionAndChangesTheId() {
        WristbandSession dead = signedIn(NOW);
        Request request = signedInRequest(dead);
        request.session.attributes.put("cart", "the previous user's");
        store.end(request.proxy, dead);

        WristbandSession next = signedIn(NOW.plusSeconds(3600));
        store.begin(request.proxy, next);

        assertEquals(Set.of(SessionStore.ATTRIBUTE), request.session.attributes.keySet());
        assertEquals(next, stored(request));
        assertEquals(1, request.idChanges);
        assertFalse(request.session.invalidated, "emptied, not invalidated (WildFly)");
    }

    @Test
    void beginWithAValueThatDoesNotOpenEmptiesTheSession() {
        Request request = withSession("written-by-someone");
        request.session.attributes.put(SessionStore.ATTRIBUTE, signedIn("u", NOW.plusSeconds(600)));
        request.session.attributes.put("cart", "someone's");

        store.begin(request.proxy, signedIn("u", NOW));

        assertEquals(Set.of(SessionStore.ATTRIBUTE), request.session.attributes.keySet(),
                "a value that does not open counts as another user's");
    }

    @Test
    void beginWithoutSessionNeverCreatesItUnderTheRequestedId() {
        Request request = new Request();
        request.requestedSessionId = "planted-by-a-sibling-host";
        WristbandSession session = signedIn(NOW);

        store.begin(request.proxy, session);

        assertEquals(1, request.created);
        assertEquals(1, request.idChanges, "the session created under the requested id gets a new one at once");
        assertNotEquals("planted-by-a-sibling-host", request.session.id);
        assertEquals(session, stored(request));
    }

    @Test
    void beginWithoutSessionNeverCreatesItUnderTheRequestedIdWithoutItsRoute() {
        Request request = new Request();
        request.requestedSessionId = "planted.node-a";

        store.begin(request.proxy, signedIn(NOW));

        // WildFly creates the session under the requested id without the route its cookie carries.
        assertEquals(1, request.idChanges, "the session created under \"planted\" gets a new id at once");
        assertNotEquals("planted", request.session.id);
    }

    @Test
    void beginWithoutSessionNeedsNoSecondIdWhenTheContainerDidNotAdoptTheRequestedOne() {
        Request request = new Request();
        request.requestedSessionId = "expired-long-ago";
        request.adoptsRequestedId = false;

        store.begin(request.proxy, signedIn(NOW));

        assertEquals(1, request.created);
        assertEquals(0, request.idChanges, "one session cookie, not two");
    }

    // ---- replace

    @Test
    void replaceStoresNewerTokens() {
        WristbandSession old = signedIn(NOW);
        Request request = signedInRequest(old);
        WristbandSession newer = signedIn(NOW.plusSeconds(1740));

        store.replace(request.proxy, old, newer);

        assertSame(newer, store.current(request.proxy).orElseThrow());
    }

    @Test
    void onLibertyRefreshedTokensAreWrittenToTheSessionStoreBeforeTheResponse() {
        WristbandSession old = signedIn(NOW);
        Request request = new Request();
        request.session = new Session("liberty-session", true);
        request.session.attributes.put(SessionStore.ATTRIBUTE, SEAL.seal(old));

        assertTrue(store.replace(request.proxy, old, signedIn(NOW.plusSeconds(1740))), "stored before the answer");

        assertEquals(List.of("set " + SessionStore.ATTRIBUTE, "sync"), request.session.writes);
    }

    @Test
    void elsewhereRefreshedTokensAreLeftToTheEndOfTheRequest() {
        WristbandSession old = signedIn(NOW);
        Request request = signedInRequest(old);

        assertFalse(store.replace(request.proxy, old, signedIn(NOW.plusSeconds(1740))),
                "the container stores them after the answer");
    }

    @Test
    void onLibertyASignInIsWrittenToTheSessionStoreBeforeTheResponse() {
        Request request = withSession("liberty-session");
        request.session = new Session("liberty-session", true);

        store.begin(request.proxy, signedIn(NOW));

        assertEquals(List.of("set " + SessionStore.ATTRIBUTE, "sync"), request.session.writes);
    }

    @Test
    void onLibertyAnEndedSignInIsWrittenToTheSessionStoreBeforeTheResponse() {
        WristbandSession dead = signedIn(NOW);
        Request request = new Request();
        request.session = new Session("liberty-session", true);
        request.session.attributes.put(SessionStore.ATTRIBUTE, SEAL.seal(dead));

        store.end(request.proxy, dead);

        assertEquals(List.of("set " + SessionStore.ENDED, "remove " + SessionStore.ATTRIBUTE, "sync"),
                request.session.writes);
    }

    @Test
    void replaceNeverOverwritesNewerTokensWithOlderOnes() {
        WristbandSession newest = signedIn(NOW.plusSeconds(3600));
        Request request = signedInRequest(newest);

        store.replace(request.proxy, signedIn(NOW), signedIn(NOW.plusSeconds(1740)));

        assertSame(newest, store.current(request.proxy).orElseThrow());
    }

    @Test
    void replaceWithTheTokensAlreadyStoredSetsNothing() {
        WristbandSession old = signedIn(NOW);
        Request request = signedInRequest(old);
        WristbandSession refreshed = signedIn(NOW.plusSeconds(1740));
        store.replace(request.proxy, old, refreshed);
        Object sealed = request.session.attributes.get(SessionStore.ATTRIBUTE);

        // A second request that shared the same single-flight refresh brings an equal value.
        store.replace(request.proxy, old, signedIn(NOW.plusSeconds(1740)));

        assertSame(sealed, request.session.attributes.get(SessionStore.ATTRIBUTE), "the stored value is not replaced");
    }

    @Test
    void aRefreshDoesNotBringBackAnEndedSignIn() {
        WristbandSession dead = signedIn(NOW);
        Request request = signedInRequest(dead);
        store.end(request.proxy, dead);

        store.replace(request.proxy, dead, signedIn(NOW.plusSeconds(1740)));

        assertEquals(Optional.empty(), store.current(request.proxy));
    }

    @Test
    void theTokensRefreshedForThisRequestAreItsSignIn() {
        WristbandSession old = signedIn(NOW);
        Request request = signedInRequest(old);
        WristbandSession refreshed = signedIn(NOW.plusSeconds(1740));

        store.useForThisRequest(request.proxy, refreshed);

        assertSame(refreshed, store.current(request.proxy).orElseThrow());
        assertEquals(old, stored(request), "the HttpSession is not written by it");
    }

    // ---- end

    @Test
    void endingADeadSignInSignsOutAtOnceAndKeepsTheHttpSessionForLater() {
        WristbandSession dead = signedIn(NOW);
        Request request = signedInRequest(dead);

        assertTrue(store.end(request.proxy, dead));

        assertEquals(Optional.empty(), store.current(request.proxy));
        assertEquals(Boolean.TRUE, request.session.attributes.get(SessionStore.ENDED), "emptied at the next sign-in");
        assertFalse(request.session.invalidated, "not invalidated during the container's authentication step");
    }

    @Test
    void endingForgetsTheTokensRefreshedForThisRequest() {
        WristbandSession dead = signedIn(NOW);
        Request request = signedInRequest(dead);
        store.useForThisRequest(request.proxy, signedIn(NOW.plusSeconds(1740)));

        store.end(request.proxy, dead);

        assertEquals(Optional.empty(), store.current(request.proxy));
    }

    @Test
    void onlyTheFirstRequestThatFindsASignInDeadEndsIt() {
        WristbandSession dead = signedIn(NOW);
        Request request = signedInRequest(dead);

        assertTrue(store.end(request.proxy, dead));
        assertFalse(store.end(request.proxy, dead));
    }

    @Test
    void aDeadSignInDoesNotEndTheSignInThatReplacedIt() {
        WristbandSession newer = signedIn(NOW.plusSeconds(1740));
        Request request = signedInRequest(newer);

        assertFalse(store.end(request.proxy, signedIn(NOW)));

        assertSame(newer, store.current(request.proxy).orElseThrow());
    }

    // ---- invalidate

    @Test
    void invalidateEndsTheWholeSession() {
        Request request = signedInRequest(signedIn(NOW));
        request.session.attributes.put("cart", "the user's");

        assertTrue(store.invalidate(request.proxy));

        assertTrue(request.session.invalidated);
        assertEquals(Optional.empty(), store.current(request.proxy));
    }

    @Test
    void invalidateWithoutSessionHasNothingToEnd() {
        Request request = new Request();

        assertFalse(store.invalidate(request.proxy));

        assertEquals(0, request.created);
    }

    // ---- sealing

    @Test
    void aSignInAlteredInTheSessionStoreSignsNobodyInAndIsEnded() {
        Request request = signedInRequest(signedIn(NOW));
        byte[] altered = ((SealedSession) request.session.attributes.get(SessionStore.ATTRIBUTE)).value().clone();
        altered[altered.length / 2] ^= 0x01;
        request.session.attributes.put(SessionStore.ATTRIBUTE, new SealedSession(altered));

        assertEquals(Optional.empty(), store.current(request.proxy));

        assertNull(request.session.attributes.get(SessionStore.ATTRIBUTE), "removed");
        assertEquals(Boolean.TRUE, request.session.attributes.get(SessionStore.ENDED), "emptied at the next sign-in");
    }

    @Test
    void aValueThatDoesNotOpenIsEndedByOneRequestOnly() {
        Request request = withSession("s");
        request.session.attributes.put(SessionStore.ATTRIBUTE, new SealedSession(new byte[] {1, 2, 3}));

        assertInstanceOf(SessionStore.Read.Unopened.class, store.read(request.proxy));
        assertSame(SessionStore.Read.NONE, store.read(request.proxy), "already removed: nothing left to tell");
    }

    @Test
    void ofTwoRequestsThatFindTheSameValueUnopenedOnlyOneEndsIt() {
        Request first = withSession("s");
        first.session.attributes.put(SessionStore.ATTRIBUTE, new SealedSession(new byte[] {1, 2, 3}));
        Request second = new Request();
        second.session = first.session;
        List<SessionStore.Read> firstRead = new ArrayList<>();
        first.session.interleaved = () -> firstRead.add(store.read(first.proxy));

        SessionStore.Read secondRead = store.read(second.proxy);

        assertInstanceOf(SessionStore.Read.Unopened.class, firstRead.get(0));
        assertSame(SessionStore.Read.NONE, secondRead, "found it removed meanwhile: nothing left to tell");
    }

    @Test
    void anUnsealedSignInPutIntoTheSessionSignsNobodyIn() {
        Request request = withSession("s");
        // What a cluster member could write before sessions were sealed: a user and roles of its choosing.
        request.session.attributes.put(SessionStore.ATTRIBUTE, signedIn("admin-of-its-choosing", NOW.plusSeconds(600)));

        assertEquals(Optional.empty(), store.current(request.proxy));

        assertNull(request.session.attributes.get(SessionStore.ATTRIBUTE));
    }

    @Test
    void aSignInSealedUnderAnOlderSecretIsSealedAgainUnderTheFirstWhenRead() {
        String olderSecret = "the secret used before the rotation, 32+ chars";
        String newerSecret = "the secret put first at the rotation, 32+ chars";
        Request request = new Request();
        WristbandSession session = signedIn(NOW.plusSeconds(600));
        new SessionStore(new SessionSeal(List.of(olderSecret), new SecureRandom())).begin(request.proxy, session);

        SessionStore rotated = new SessionStore(new SessionSeal(List.of(newerSecret, olderSecret),
                new SecureRandom()));
        assertEquals(Optional.of(session), rotated.current(request.proxy));

        SealedSession resealed = (SealedSession) request.session.attributes.get(SessionStore.ATTRIBUTE);
        SessionSeal newestOnly = new SessionSeal(List.of(newerSecret), new SecureRandom());
        assertEquals(Optional.of(session), newestOnly.open(SealedSessionCopies.replicated(resealed)),
                "opens without the old secret");
    }
}
