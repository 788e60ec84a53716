package io.github.wristbandjakarta.internal.security;

import io.github.wristbandjakarta.internal.config.ConfigKey;
import io.github.wristbandjakarta.internal.config.WristbandConfigLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which origins WristbandBearerFilter sends the user's access token to. */
class BearerDestinationsTest {

    private final Logger logger = Logger.getLogger(BearerDestinations.class.getName());
    private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        logger.addHandler(capture);
    }

    @AfterEach
    void release() {
        logger.removeHandler(capture);
    }

    private static BearerDestinations destinations(String allowedOrigins) {
        Map<String, String> values = new HashMap<>();
        values.put(ConfigKey.CLIENT_ID.key(), "clientId");
        values.put(ConfigKey.CLIENT_SECRET.key(), "a-client-secret-of-at-least-32-characters");
        values.put(ConfigKey.APPLICATION_VANITY_DOMAIN.key(), "app.us.wristband.dev");
        if (allowedOrigins != null) {
            values.put(ConfigKey.BEARER_FILTER_ALLOWED_ORIGINS.key(), allowedOrigins);
        }
        return new BearerDestinations(WristbandConfigLoader.load(key -> Optional.ofNullable(values.get(key)), values.keySet()));
    }

    @Test
    void withoutAllowedOriginsNoCallGetsTheToken() {
        assertFalse(destinations(null).allows(URI.create("https://api.example.com/v1/invoices")));
    }

    @Test
    void aCallToAListedOriginGetsTheTokenWhateverItsPathAndDefaultPort() {
        BearerDestinations destinations = destinations("https://api.example.com");
        assertTrue(destinations.allows(URI.create("https://API.example.com:443/v1/invoices?page=2")));
    }

    @Test
    void anotherSchemePortOrHostOfAListedOriginIsNotListed() {
        BearerDestinations destinations = destinations("https://api.example.com");
        assertFalse(destinations.allows(URI.create("http://api.example.com/v1")));
        assertFalse(destinations.allows(URI.create("https://api.example.com:8443/v1")));
        assertFalse(destinations.allows(URI.create("https://api.example.com.evil.test/v1")));
    }

    @Test
    void anUnlistedOriginIsWarnedAboutOnceAndNamedWithoutItsPath() {
        BearerDestinations destinations = destinations("https://api.example.com");
        destinations.allows(URI.create("https://tracker.example.net/a?user=alice"));
        destinations.allows(URI.create("https://tracker.example.net/b"));
        destinations.allows(URI.create("https://other.example.net/"));

        assertEquals(2, warnings.size());
        assertTrue(warnings.get(0).getMessage().contains("https://tracker.example.net"));
        assertFalse(warnings.get(0).getMessage().contains("user=alice"));
        assertTrue(warnings.get(1).getMessage().contains("https://other.example.net"));
    }
}
