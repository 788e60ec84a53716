package io.github.wristbandjakarta.api;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Adds {@code Authorization: Bearer <the caller's access token>} ({@link WristbandAccessToken}) to an outgoing Jakarta
 * REST client call, or to a MicroProfile Rest Client's calls ({@code @RegisterProvider(WristbandBearerFilter.class)}),
 * when the call goes to an origin of {@code wristband.bearer-filter.allowed-origins}
 * ({@link WristbandAccessToken#forCallTo}): none by default, so nothing is sent until the application names the APIs
 * that should receive the user's token. A call to another origin, made without a caller, or with an Authorization
 * header of its own, is left as it is (docs/extension-points.md "Calling other APIs with the user's token").
 *
 * <p>It reads the request-scoped {@link WristbandAccessToken} at each call, so one client may serve every request,
 * but a call must be made on the thread of the request whose caller it speaks for.
 */
public class WristbandBearerFilter implements ClientRequestFilter {

    /** For registration by class ({@code register(WristbandBearerFilter.class)}); it holds no state. */
    public WristbandBearerFilter() {
    }

    /**
     * Adds the caller's access token to {@code call}, when it may carry it.
     *
     * @param call the outgoing call, before it is sent
     */
    @Override
    public void filter(ClientRequestContext call) {
        if (call.getHeaders().containsKey(HttpHeaders.AUTHORIZATION)) {
            return;
        }
        CDI.current().select(WristbandAccessToken.class).get().forCallTo(call.getUri())
                .ifPresent(token -> call.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token));
    }
}
