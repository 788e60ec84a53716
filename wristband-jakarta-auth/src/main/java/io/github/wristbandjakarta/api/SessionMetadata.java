package io.github.wristbandjakarta.api;

import io.github.wristbandjakarta.api.WristbandPrincipal;
import jakarta.json.JsonObject;

/**
 * Fields an application adds to the Session Endpoint's {@code metadata} (the counterpart of the official SDKs'
 * {@code getSessionResponse(metadata)}; docs/extension-points.md "Your fields in the Session Endpoint's metadata"):
 * computed per request from the signed-in user. The library's own fields ({@code tenantName},
 * {@code identityProviderName}, {@code email}, {@code roles}) come first, and a field of the same name from the
 * application replaces one of them; {@code userId} and {@code tenantId} stay outside {@code metadata} and always
 * present.
 *
 * <p>Use the {@code user} given: the container has not logged the user in for the Session Endpoint (unless the
 * application constrains it in {@code web.xml}), so {@code SecurityContext} and {@code getUserPrincipal()} know no
 * caller there.
 *
 * <p>Provide one CDI bean of this type; the library provides none. A bean that throws makes the Session Endpoint
 * answer 500, so keep it to what the session already knows.
 */
public interface SessionMetadata {

    /**
     * Called on the thread of each Session Endpoint request of a signed-in user (a single-page application calls it
     * on every page load), after the library has refreshed expired tokens and checked CSRF (docs/protocol.md §6.1).
     *
     * @param user the signed-in user, as signed in through the session (never a bearer caller)
     * @return the fields to add, an empty object for none; never null (the endpoint would answer 500)
     */
    JsonObject metadata(WristbandPrincipal user);
}
