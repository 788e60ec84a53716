package io.github.wristbandjakarta.internal.login;

import io.github.wristbandjakarta.testing.Emulators;
import io.github.wristbandjakarta.testing.TestConfig;

import io.github.wristbandjakarta.internal.config.ConfigKey;
import io.github.wristbandjakarta.internal.config.WristbandConfig;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers of the login-package tests: the docs/protocol.md §10 configuration and URL/cookie parsing. */
final class LoginTestSupport {

    static final String VANITY = "invotasticb2b-invotastic.dev.wristband.dev";
    static final String LOGIN_URL = "https://localhost:6001/api/auth/login";
    static final String REDIRECT_URI = "https://localhost:6001/api/auth/callback";
    static final URI APP_ORIGIN = URI.create("https://localhost:6001");

    private LoginTestSupport() {
    }

    static final String CUSTOM_DOMAINS = "auth.acme.com, query.com, priority1.custom.com, default.com, *.custom.example";

    /** docs/protocol.md §10 worked example configuration, auto-configure disabled. */
    static Map<String, String> specConfig() {
        Map<String, String> values = new HashMap<>();
        values.put(ConfigKey.CLIENT_ID.key(), Emulators.CLIENT_ID);
        values.put(ConfigKey.CLIENT_SECRET.key(), Emulators.CLIENT_SECRET);
        values.put(ConfigKey.LOGIN_STATE_SECRET.key(), TestConfig.LOGIN_STATE_SECRET);
        values.put(ConfigKey.APPLICATION_VANITY_DOMAIN.key(), VANITY);
        values.put(ConfigKey.LOGIN_URL.key(), LOGIN_URL);
        values.put(ConfigKey.REDIRECT_URI.key(), REDIRECT_URI);
        values.put(ConfigKey.AUTO_CONFIGURE_ENABLED.key(), "false");
        // The custom domains the conformance cases use (none is allowed by default).
        values.put(ConfigKey.TENANT_CUSTOM_DOMAINS.key(), CUSTOM_DOMAINS);
        return values;
    }

    /** Subdomain mode of docs/protocol.md §10 step 5 (root {@code business.invotastic.com}). */
    static void useSubdomains(Map<String, String> values, boolean customDomainActive) {
        values.put(ConfigKey.PARSE_TENANT_FROM_ROOT_DOMAIN.key(), "business.invotastic.com");
        values.put(ConfigKey.LOGIN_URL.key(), "https://{tenant_name}.business.invotastic.com/api/auth/login");
        values.put(ConfigKey.REDIRECT_URI.key(),
                "https://{tenant_name}.business.invotastic.com/api/auth/callback");
        if (customDomainActive) {
            values.put(ConfigKey.APPLICATION_VANITY_DOMAIN.key(), "auth.invotastic.com");
            values.put(ConfigKey.APPLICATION_CUSTOM_DOMAIN_ACTIVE.key(), "true");
        }
    }

    static WristbandConfig config(Map<String, String> values) {
        return TestConfig.config(values);
    }

    static AuthRequest request(String rawQuery) {
        return new AuthRequest(rawQuery, "localhost:6001", List.of(), APP_ORIGIN);
    }

    static AuthRequest request(String rawQuery, String host, List<String> cookieHeaders) {
        return new AuthRequest(rawQuery, host, cookieHeaders, APP_ORIGIN);
    }

    /** The part of a URL before {@code ?}. */
    static String base(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    static String rawQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? "" : url.substring(q + 1);
    }

    /** Decoded query parameters in order (each name once). */
    static Map<String, String> params(String url) {
        Map<String, String> params = new LinkedHashMap<>();
        String query = rawQuery(url);
        if (query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
            if (params.put(name, URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)) != null) {
                throw new AssertionError("parameter " + name + " appears twice in " + url);
            }
        }
        return params;
    }

    /** Name and value of a Set-Cookie header. */
    static String cookieName(String setCookie) {
        return setCookie.substring(0, setCookie.indexOf('='));
    }

    static String cookieValue(String setCookie) {
        int eq = setCookie.indexOf('=');
        int semi = setCookie.indexOf(';');
        return setCookie.substring(eq + 1, semi < 0 ? setCookie.length() : semi);
    }

    static String cookieAttributes(String setCookie) {
        int semi = setCookie.indexOf(';');
        return semi < 0 ? "" : setCookie.substring(semi);
    }

    static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
