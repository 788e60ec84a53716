package io.github.wristbandjakarta.internal.rest;

import io.github.wristbandjakarta.internal.config.ConfigKey;
import io.github.wristbandjakarta.internal.config.WristbandConfigLoader;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which logout requests of a signed-in user sign out at once, and which are asked to confirm. */
class LogoutConfirmationTest {

    private static final URI OWN = URI.create("https://app.example.com");
    private static final String SPA = "https://spa.example.com";

    private static final Map<String, String> VALUES = Map.of(ConfigKey.CLIENT_ID.key(), "clientId",
            ConfigKey.CLIENT_SECRET.key(), "a-client-secret-of-at-least-32-characters",
            ConfigKey.APPLICATION_VANITY_DOMAIN.key(), "app.us.wristband.dev",
            ConfigKey.CORS_ALLOWED_ORIGINS.key(), SPA);

    private final LogoutConfirmation confirmation = new LogoutConfirmation(
            WristbandConfigLoader.load(key -> Optional.ofNullable(VALUES.get(key)), VALUES.keySet()));

    private boolean needed(String method, String... headerPairs) {
        Map<String, String> headers = new HashMap<>();
        for (int i = 0; i + 1 < headerPairs.length; i += 2) {
            headers.put(headerPairs[i], headerPairs[i + 1]);
        }
        return confirmation.needed(method, OWN, headers::get);
    }

    @Test
    void aSameOriginLinkSignsOut() {
        assertFalse(needed("GET", "Sec-Fetch-Site", "same-origin"));
    }

    @Test
    void aTypedOrBookmarkedLogoutSignsOut() {
        assertFalse(needed("GET", "Sec-Fetch-Site", "none"));
    }

    @Test
    void aCrossSiteLogoutIsConfirmed() {
        assertTrue(needed("GET", "Sec-Fetch-Site", "cross-site", "Referer", "https://evil.example/"));
    }

    @Test
    void aSiblingHostsLogoutIsConfirmed() {
        assertTrue(needed("GET", "Sec-Fetch-Site", "same-site", "Referer", "https://blog.example.com/post"));
    }

    @Test
    void aSameSiteLogoutWithoutRefererIsConfirmed() {
        assertTrue(needed("GET", "Sec-Fetch-Site", "same-site"));
    }

    @Test
    void aSameSiteLogoutFromTheListedSinglePageApplicationSignsOut() {
        assertFalse(needed("GET", "Sec-Fetch-Site", "same-site", "Referer", SPA + "/account"));
    }

    @Test
    void aCrossSiteLogoutIsConfirmedEvenWithAListedReferer() {
        assertTrue(needed("GET", "Sec-Fetch-Site", "cross-site", "Referer", SPA + "/account"));
    }

    @Test
    void withoutFetchMetadataARefererOfThisOriginSignsOut() {
        assertFalse(needed("GET", "Referer", "https://app.example.com/members/page"));
    }

    @Test
    void withoutFetchMetadataARefererOfAnotherOriginIsConfirmed() {
        assertTrue(needed("GET", "Referer", "https://app.example.com.evil.example/"));
    }

    @Test
    void withoutFetchMetadataAnOriginOfThisOriginSignsOut() {
        assertFalse(needed("GET", "Origin", "https://app.example.com"));
    }

    @Test
    void withNoneOfTheHeadersTheLogoutIsConfirmed() {
        assertTrue(needed("GET"));
    }

    @Test
    void aPostFromThisOriginSignsOut() {
        assertFalse(needed("POST", "Sec-Fetch-Site", "same-site", "Origin", "https://app.example.com"));
    }

    @Test
    void aPostFromAnotherOriginIsConfirmed() {
        assertTrue(needed("POST", "Sec-Fetch-Site", "same-site", "Origin", "https://blog.example.com"));
    }

    @Test
    void aPostWithOriginNullIsConfirmed() {
        assertTrue(needed("POST", "Origin", "null"));
    }

    @Test
    void aMalformedRefererIsConfirmed() {
        assertTrue(needed("GET", "Referer", "::not a url::"));
    }
}
