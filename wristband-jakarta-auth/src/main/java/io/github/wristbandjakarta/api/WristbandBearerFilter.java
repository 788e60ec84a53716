package io.github.wristbandjakarta.api;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Adds {@code Authorization: Bearer <the caller's access token>} ({@link WristbandAccessToken}) to an outgoing Jakarta
 * REST client call, or to a MicroProfile Rest Client's calls ({@code @RegisterProvider(WristbandBearerFilter.class)}),
 * when the call goes to an origin of {@code wristband.bearer-filter.allowed-origins}
 * ({@link WristbandAccessToken#forCallTo}):
 * none by default, so nothing is sent until the application names the APIs that should receive the user's token. A
 * call to another origin, made without a caller, or with an Authorization header of its own, is left as it is.
 */
public class WristbandBearerFilter implements ClientRequestFilter {

    /** Adds the caller's access token to {@code call}, when it may carry it. */
    @Override
    public void filter(ClientRequestContext call) {
        if (call.getHeaders().containsKey(HttpHeaders.AUTHORIZATION)) {
            return;
        }
        CDI.current().select(WristbandAccessToken.class).get().forCallTo(call.getUri())
                .ifPresent(token -> call.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token));
    }
}
