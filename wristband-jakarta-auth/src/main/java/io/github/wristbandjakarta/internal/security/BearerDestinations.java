package io.github.wristbandjakarta.internal.security;

import io.github.wristbandjakarta.internal.config.Origins;
import io.github.wristbandjakarta.internal.config.WristbandConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Where {@link WristbandBearerFilter} may send the user's access token: the origins of
 * {@code wristband.bearer-filter.allowed-origins}, none by default. A bearer token works for whoever holds it (RFC 6750
 * §5.2), so a client that also calls a third party, or a URL built from user input, must not hand it over: an unlisted
 * origin's call goes without it, and the log says so once per origin (at most {@value #MAX_WARNED} origins, so that
 * calls to ever new hosts cannot grow the set).
 */
@ApplicationScoped
public class BearerDestinations {

    private static final Logger LOG = Logger.getLogger(BearerDestinations.class.getName());
    static final int MAX_WARNED = 1000;

    private final List<URI> allowed;
    private final Set<URI> warned = ConcurrentHashMap.newKeySet();

    @Inject
    public BearerDestinations(WristbandConfig config) {
        this.allowed = config.bearerFilterAllowedOrigins();
    }

    /** For the CDI client proxy only. */
    protected BearerDestinations() {
        this.allowed = List.of();
    }

    /** Whether a call to {@code target} may carry the user's access token; a WARNING the first time it may not. */
    public boolean allows(URI target) {
        if (target == null || target.getScheme() == null || target.getHost() == null) {
            return false;
        }
        URI origin = Origins.of(target.getScheme(), target.getHost(), target.getPort());
        if (allowed.contains(origin)) {
            return true;
        }
        if (warned.size() < MAX_WARNED && warned.add(origin)) {
            LOG.warning("WristbandBearerFilter sent no access token to " + origin
                    + ": it is not on wristband.bearer-filter.allowed-origins (logged once per origin)");
        }
        return false;
    }
}
