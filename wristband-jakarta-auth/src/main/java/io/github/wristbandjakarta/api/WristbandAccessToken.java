package io.github.wristbandjakarta.api;

import java.net.URI;
import java.util.Optional;

/**
 * The current caller's Wristband access token, for calls to other APIs on the user's behalf (docs/extension-points.md
 * "Calling other APIs with the user's token"); inject it ({@code @Inject WristbandAccessToken accessToken}), it is
 * request-scoped. For a caller signed in through the session: the token of this request's sign-in, which the library
 * refreshed at the start of the request if it had expired, and refreshes again should it expire while the request
 * runs. For a bearer caller (the JWT strategy): the token it presented. {@link WristbandBearerFilter} adds it to
 * outgoing Jakarta REST client calls.
 *
 * <p>The library provides the one bean of this type; use it on the request's thread, where its request scope is
 * active.
 */
public interface WristbandAccessToken {

    /**
     * The caller's access token, whatever the call's destination: the application decides where it goes. It is a
     * credential (RFC 6750 §5.2): never log it, and send it only to APIs meant to receive the user's token.
     *
     * @return the caller's access token; empty without a caller, and when the sign-in ended or its refresh failed
     *         during the request
     */
    Optional<String> get();

    /**
     * The caller's access token for a call to {@code target}: as {@link #get()} when the target's origin is on
     * {@code wristband.bearer-filter.allowed-origins}, else empty (and a WARNING names that origin once).
     *
     * @param target the URL the call goes to
     * @return the token to send there, or empty
     */
    Optional<String> forCallTo(URI target);
}
