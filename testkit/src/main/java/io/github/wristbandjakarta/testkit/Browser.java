package io.github.wristbandjakarta.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test browser over the JDK's HttpClient: its own cookie jar (names with {@code #}, host-only cookies,
 * {@code Max-Age=0} deletion, Secure cookies sent to loopback as browsers do), redirects followed by hand so
 * that each hop can be inspected, and every host (tenant hosts such as {@code devs4you-localhost:9099})
 * reached on 127.0.0.1 with the right {@code Host} header.
 *
 * <p>The JDK's HttpClient sends a {@code Host} header only when the system property
 * {@code jdk.httpclient.allowRestrictedHeaders} contains {@code host}; set it in the test JVM's arguments (Surefire's
 * and Failsafe's {@code argLine}). This class sets it when nothing has yet, which is enough when it is the first
 * user of the HttpClient in the JVM.
 */
public final class Browser {

    static {
        if (System.getProperty("jdk.httpclient.allowRestrictedHeaders") == null) {
            System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    /** A cookie as the browser stores it. */
    public record Cookie(String host, String name, String value, String path, Map<String, String> attributes) {
    }

    /** One HTTP exchange. */
    public record Exchange(URI uri, int status, Map<String, List<String>> headers, String body) {

        public Optional<String> header(String name) {
            List<String> values = headers(name);
            return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        public List<String> headers(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .toList();
        }

        public String location() {
            return header("Location").orElseThrow(() -> new AssertionError("no Location in " + status + " from " + uri));
        }
    }

    private final List<Cookie> jar = new ArrayList<>();
    private final List<Exchange> history = new ArrayList<>();

    public synchronized List<Cookie> cookies() {
        return List.copyOf(jar);
    }

    /** The cookie of that name the browser sends first to {@code host}: the one with the longest path. */
    public synchronized Optional<Cookie> cookie(String host, String name) {
        return jar.stream().filter(c -> c.host().equalsIgnoreCase(host) && c.name().equals(name))
                .max(Comparator.comparingInt(c -> c.path().length()));
    }

    public synchronized void setCookie(String host, String name, String value) {
        jar.removeIf(c -> c.host().equalsIgnoreCase(host) && c.name().equals(name));
        jar.add(new Cookie(host.toLowerCase(Locale.ROOT), name, value, "/", Map.of()));
    }

    public synchronized List<Exchange> history() {
        return List.copyOf(history);
    }

    /**
     * Forgets the exchanges {@link #history()} holds, and keeps the cookies: for a browser that sends many requests
     * (a load test's user), whose history would otherwise grow with every one.
     */
    public synchronized void forgetHistory() {
        history.clear();
    }

    public Exchange get(String url, String... headerPairs) {
        return send("GET", URI.create(url), headerPairs);
    }

    /** GETs {@code url} and follows redirects; returns every hop, the last one not a redirect. */
    public List<Exchange> follow(String url, String... headerPairs) {
        List<Exchange> hops = new ArrayList<>();
        URI next = URI.create(url);
        for (int i = 0; i < 15; i++) {
            Exchange exchange = send("GET", next, headerPairs);
            hops.add(exchange);
            if (exchange.status() < 300 || exchange.status() >= 400) {
                return hops;
            }
            next = next.resolve(exchange.location());
        }
        throw new AssertionError("too many redirects from " + url);
    }

    /** POSTs {@code form} ({@code application/x-www-form-urlencoded}, already encoded) to {@code url}. */
    public Exchange post(String url, String form, String... headerPairs) {
        String[] withType = java.util.Arrays.copyOf(headerPairs, headerPairs.length + 2);
        withType[headerPairs.length] = "Content-Type";
        withType[headerPairs.length + 1] = "application/x-www-form-urlencoded";
        return send("POST", URI.create(url), HttpRequest.BodyPublishers.ofString(form), withType);
    }

    public Exchange send(String method, URI uri, String... headerPairs) {
        return send(method, uri, HttpRequest.BodyPublishers.noBody(), headerPairs);
    }

    private Exchange send(String method, URI uri, HttpRequest.BodyPublisher body, String... headerPairs) {
        String cookieHeader = cookieHeader(uri);
        HttpRequest.Builder request = HttpRequest.newBuilder(loopback(uri))
                .timeout(Duration.ofSeconds(60))
                .method(method, body)
                .header("Host", uri.getRawAuthority());
        if (!cookieHeader.isEmpty()) {
            request.header("Cookie", cookieHeader);
        }
        for (int i = 0; i + 1 < headerPairs.length; i += 2) {
            request.header(headerPairs[i], headerPairs[i + 1]);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Exchange exchange = new Exchange(uri, response.statusCode(), response.headers().map(), response.body());
            store(uri, exchange.headers("Set-Cookie"));
            synchronized (this) {
                history.add(exchange);
            }
            return exchange;
        } catch (IOException e) {
            throw new AssertionError("request to " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Everything is served on this machine; the Host header carries the name. */
    private static URI loopback(URI uri) {
        return URI.create(uri.getScheme() + "://127.0.0.1:" + port(uri) + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
    }

    private synchronized String cookieHeader(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        // RFC 6265 §5.4: cookies with longer paths first (a server reading the first JSESSIONID gets the most
        // specific one), otherwise in the order they were stored.
        StringBuilder header = new StringBuilder();
        jar.stream()
                .filter(cookie -> cookie.host().equals(host) && path.startsWith(cookie.path()))
                .sorted(Comparator.comparingInt((Cookie cookie) -> cookie.path().length()).reversed())
                .forEach(cookie -> {
                    if (header.length() > 0) {
                        header.append("; ");
                    }
                    header.append(cookie.name()).append('=').append(cookie.value());
                });
        return header.toString();
    }

    private static final Pattern MAX_AGE = Pattern.compile("(?i)max-age=(-?\\d+)");

    private synchronized void store(URI uri, List<String> setCookies) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        for (String setCookie : setCookies) {
            Cookie cookie = parse(host, setCookie);
            jar.removeIf(c -> c.host().equals(host) && c.name().equals(cookie.name()) && c.path().equals(cookie.path()));
            Matcher maxAge = MAX_AGE.matcher(setCookie);
            // RFC 6265 §5.3: Max-Age wins over Expires; either one in the past deletes the cookie.
            boolean deleted = maxAge.find() ? Long.parseLong(maxAge.group(1)) <= 0 : expired(cookie);
            if (!deleted) {
                jar.add(cookie);
            }
        }
    }

    private static final DateTimeFormatter EXPIRES = DateTimeFormatter.ofPattern("EEE, dd[-][ ]MMM[-][ ]yyyy HH:mm:ss zzz",
            Locale.ROOT);

    private static boolean expired(Cookie cookie) {
        String expires = cookie.attributes().get("expires");
        if (expires == null) {
            return false;
        }
        try {
            return ZonedDateTime.parse(expires, EXPIRES).toInstant().isBefore(Instant.now());
        } catch (DateTimeParseException e) {
            throw new AssertionError("unreadable Expires in cookie " + cookie, e);
        }
    }

    /** Parses a Set-Cookie header; attribute names are lower-cased, flags map to "". */
    public static Cookie parse(String host, String setCookie) {
        String[] parts = setCookie.split(";");
        int eq = parts[0].indexOf('=');
        String name = parts[0].substring(0, eq).trim();
        String value = parts[0].substring(eq + 1).trim();
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].trim();
            int aeq = part.indexOf('=');
            if (aeq < 0) {
                attributes.put(part.toLowerCase(Locale.ROOT), "");
            } else {
                attributes.put(part.substring(0, aeq).trim().toLowerCase(Locale.ROOT), part.substring(aeq + 1).trim());
            }
        }
        String path = attributes.getOrDefault("path", "/");
        return new Cookie(host, name, value, path.isEmpty() ? "/" : path, attributes);
    }
}
