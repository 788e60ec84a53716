package io.github.wristbandjakarta.internal.session;

import io.github.wristbandjakarta.internal.config.Hkdf;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The short-lived cookie with which the Callback Endpoint tells every cluster node "a sign-in has just been stored
 * under this session id" (docs/clustering.md). WildFly stores a session that a response creates or renames only
 * after that response has been sent, so the browser's next request can reach another node before the session does;
 * a node that finds no sign-in for a request carrying a valid marker waits for it (see {@link SignIns}) instead of
 * answering as if nobody were signed in.
 *
 * <p>A token refresh sets it again, with the new tokens' generation (their expiry, in epoch seconds): WildFly stores
 * the refreshed tokens after the answer as well, and a node that still holds the previous ones would present a refresh
 * token Wristband may have rotated. A node that holds an older generation than the marker announces waits for the
 * newer one as for a sign-in.
 *
 * <p>It signs nobody in and carries nothing secret: its value is the time until which it holds, the generation, and an
 * HMAC-SHA256 (RFC 2104) of those and the session id, under a key derived from the session secrets (HKDF, RFC 5869)
 * with a label of its own. A marker is worth something only together with the session cookie it was made for, and
 * only until its time: nobody can make one for another session id, make one last longer or announce another
 * generation. A marker without a generation ({@code until.mac}, generation 0) announces a sign-in of any tokens.
 *
 * @param secure whether the cookie is {@code Secure}
 * @param keys   one HMAC key per session secret, the newest first
 */
record SignInMarker(boolean secure, List<SecretKeySpec> keys) {

    static final String NAME = "WRISTBAND-SIGN-IN";
    private static final String KEY_LABEL = "wristband-jakarta-auth sign-in marker v1";
    private static final String HMAC_SHA256 = "HmacSHA256";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    /** Far longer than any value {@link #set} writes; a longer one is not even looked at. */
    private static final int MAX_VALUE_LENGTH = 96;

    /** @param secrets the session secrets, newest first: the first one makes markers, every one checks them */
    static SignInMarker of(List<String> secrets, boolean secure) {
        List<SecretKeySpec> keys = new ArrayList<>();
        for (String secret : secrets) {
            keys.add(new SecretKeySpec(Hkdf.sha256(secret, KEY_LABEL), HMAC_SHA256));
        }
        return new SignInMarker(secure, List.copyOf(keys));
    }

    /** What a valid marker announces: until when it holds, and the generation of the tokens stored (0: any). */
    record Announcement(Instant until, long generation) {
    }

    /** The {@code Set-Cookie} value of a marker for {@code sessionId} that holds until {@code until}, of any tokens. */
    String set(String sessionId, Instant until, Instant now) {
        return set(sessionId, until, now, 0);
    }

    /**
     * The {@code Set-Cookie} value of a marker for {@code sessionId} that holds until {@code until} and announces tokens
     * of {@code generation} (their expiry in epoch seconds; 0: any).
     */
    String set(String sessionId, Instant until, Instant now, long generation) {
        long seconds = Math.max(1, until.getEpochSecond() - now.getEpochSecond());
        String mac = BASE64URL.encodeToString(mac(keys.get(0), sessionId, until.getEpochSecond(), generation));
        return NAME + "=" + until.getEpochSecond() + (generation == 0 ? "" : "." + generation) + "." + mac
                + "; HttpOnly; Path=/; Max-Age=" + seconds + "; SameSite=Lax" + (secure ? "; Secure" : "");
    }

    String delete() {
        return NAME + "=; HttpOnly; Path=/; Max-Age=0; SameSite=Lax" + (secure ? "; Secure" : "");
    }

    /**
     * Until when the marker in {@code cookieValue} holds for the session the browser named with
     * {@code requestedSessionId}; empty when it was made for another session, has passed, or is not a marker of ours.
     * Compared in constant time.
     */
    Optional<Instant> holdsUntil(String cookieValue, String requestedSessionId, Instant now) {
        return announcement(cookieValue, requestedSessionId, now).map(Announcement::until);
    }

    /**
     * What the marker in {@code cookieValue} announces for the session the browser named with
     * {@code requestedSessionId}; empty when it was made for another session, has passed, or is not a marker of ours.
     * Compared in constant time.
     */
    Optional<Announcement> announcement(String cookieValue, String requestedSessionId, Instant now) {
        if (cookieValue == null || requestedSessionId == null || cookieValue.length() > MAX_VALUE_LENGTH) {
            return Optional.empty();
        }
        int dot = cookieValue.indexOf('.');
        int last = cookieValue.lastIndexOf('.');
        long until;
        long generation;
        byte[] presented;
        try {
            until = Long.parseLong(cookieValue, 0, Math.max(dot, 0), 10);
            generation = last == dot ? 0 : Long.parseLong(cookieValue, dot + 1, last, 10);
            presented = Base64.getUrlDecoder().decode(cookieValue.substring(last + 1));
        } catch (IllegalArgumentException | IndexOutOfBoundsException malformed) {
            return Optional.empty();
        }
        if (until <= now.getEpochSecond() || generation < 0 || (last != dot && generation == 0)) {
            return Optional.empty();
        }
        for (String sessionId : candidates(requestedSessionId)) {
            for (SecretKeySpec key : keys) {
                if (MessageDigest.isEqual(mac(key, sessionId, until, generation), presented)) {
                    return Optional.of(new Announcement(Instant.ofEpochSecond(until), generation));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The session id the browser sent, as the container names the session: WildFly's cookie may append the node's
     * route after a {@code .} ({@code id.node-a}). (Open Liberty stores a session before answering, so its nodes never
     * need the marker.)
     */
    private static List<String> candidates(String requested) {
        List<String> ids = new ArrayList<>(List.of(requested));
        int dot = requested.indexOf('.');
        if (dot > 0) {
            ids.add(requested.substring(0, dot));
        }
        return ids;
    }

    private static byte[] mac(SecretKeySpec key, String sessionId, long until, long generation) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(key);
            mac.update(sessionId.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            String signed = generation == 0 ? Long.toString(until) : until + "." + generation;
            return mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from the JDK", e);
        }
    }

    @Override
    public String toString() {
        return "SignInMarker[" + NAME + "]";
    }
}
