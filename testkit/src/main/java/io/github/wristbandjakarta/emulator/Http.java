package io.github.wristbandjakarta.emulator;

import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The emulator's HTTP vocabulary: a parsed request, an answer, and the encodings every endpoint uses. */
final class Http {

    static final String JSON_TYPE = "application/json;charset=UTF-8";
    static final String HTML_TYPE = "text/html;charset=UTF-8";
    static final String FORM_TYPE = "application/x-www-form-urlencoded";
    static final JsonProvider JSON = JsonProvider.provider();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Http() {
    }

    /**
     * A request as the endpoints see it.
     *
     * @param tenant          the tenant named by the Host header, or null
     * @param applicationHost whether the Host header names the application's vanity domain
     * @param headers         the request headers, names in any case
     */
    record Request(String method, String path, Map<String, List<String>> query, String host, String tenant,
            boolean applicationHost, com.sun.net.httpserver.Headers headers, byte[] body) {

        String param(String name) {
            return first(query, name);
        }

        String header(String name) {
            return headers.getFirst(name);
        }

        Map<String, List<String>> form() {
            return parseForm(new String(body, StandardCharsets.UTF_8));
        }
    }

    /** An answer; a null content type sends none. */
    record Response(int status, String contentType, byte[] body, Map<String, String> headers) {

        static Response json(int status, JsonObjectBuilder body) {
            return json(status, body.build().toString());
        }

        static Response json(int status, String body) {
            return new Response(status, JSON_TYPE, body.getBytes(StandardCharsets.UTF_8), Map.of());
        }

        static Response error(int status, String error, String description) {
            JsonObjectBuilder b = JSON.createObjectBuilder().add("error", error);
            if (description != null) {
                b.add("error_description", description);
            }
            return json(status, b);
        }

        static Response html(int status, String html) {
            return new Response(status, HTML_TYPE, html.getBytes(StandardCharsets.UTF_8), Map.of());
        }

        static Response redirect(String location) {
            return new Response(302, null, new byte[0], Map.of("Location", location, "Cache-Control", "no-store"));
        }

        static Response empty(int status) {
            return new Response(status, null, new byte[0], Map.of());
        }

        Response withHeaders(Map<String, String> more) {
            return new Response(status, contentType, body, more);
        }
    }

    static Response methodNotAllowed() {
        return Response.error(405, "invalid_request", "method not allowed");
    }

    static Map<String, List<String>> parseForm(String raw) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return result;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            result.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return result;
    }

    static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    static String hostName(String hostHeader) {
        if (hostHeader == null) {
            return null;
        }
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        if (colon >= 0 && !h.endsWith("]")) {
            h = h.substring(0, colon);
        }
        return h;
    }

    static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String appendParams(String url, Map<String, String> params) {
        StringBuilder sb = new StringBuilder(url);
        char sep = url.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> e : params.entrySet()) {
            sb.append(sep).append(enc(e.getKey())).append('=').append(enc(e.getValue()));
            sep = '&';
        }
        return sb.toString();
    }

    static void addNullable(JsonObjectBuilder b, String name, String value) {
        if (value == null) {
            b.addNull(name);
        } else {
            b.add(name, value);
        }
    }

    static Set<String> scopes(String scope) {
        Set<String> result = new LinkedHashSet<>();
        for (String s : scope.split("[ +]")) {
            if (!s.isEmpty()) {
                result.add(s);
            }
        }
        return Collections.unmodifiableSet(result);
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 32 random bytes, base64url without padding (43 chars). */
    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A 26-char lowercase RFC 4648 base32 id (128 random bits), like Wristband's ids. */
    static String randomId() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        byte[] bytes = new byte[17];
        RANDOM.nextBytes(bytes);
        StringBuilder sb = new StringBuilder(26);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5 && sb.length() < 26) {
                sb.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        return sb.toString();
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
