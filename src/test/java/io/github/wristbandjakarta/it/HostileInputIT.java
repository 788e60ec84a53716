package io.github.wristbandjakarta.it;

import io.github.wristbandjakarta.testkit.Browser;
import io.github.wristbandjakarta.testkit.WristbandTestKit;
import io.github.wristbandjakarta.emulator.WristbandEmulator;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.github.wristbandjakarta.it.TestApp.last;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * At least 10,000 generated malformed requests (seeded, so every run sends the same ones) over
 * raw sockets to loopback, across every endpoint: garbage, duplicated and huge parameters, invalid
 * percent-encoding and UTF-8, CR/LF, tampered and oversized cookies, wrong methods, huge headers. None may get a
 * 5xx, a stack trace, a Location off-site, a sign-in or a session that no login started; afterwards the server still signs users in.
 */
@ExtendWith(ArquillianExtension.class)
class HostileInputIT {

    static final int REQUESTS = 10_000;
    private static final long SEED = 20_261_129L;
    private static final int THREADS = 8;

    private static final String[] TARGETS = {
        "/api/auth/login", "/api/auth/callback", "/api/auth/logout", "/api/auth/session", "/api/auth/token",
        "/api/demo/me", "/pages/profile.xhtml", "/admin/index.jsp", "/api/auth/", "/api/auth/login/",
        "/api/auth/LOGIN", "/api/auth/nope", "/api/auth/callback/x"};
    private static final String[] PARAMS = {
        "tenant_name", "tenant_custom_domain", "tenant_domain", "return_url", "login_hint", "idp_hint", "state",
        "code", "error", "error_description", "redirect_url", "x"};
    private static final String[] METHODS = {
        "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "HEAD", "FOO", "get", "CONNECT"};
    private static final String[] BAD_ENCODINGS = {
        "%", "%z", "%G1", "%%", "%u1234", "%C0%AF", "%FF%FE", "%ED%A0%80", "%E2%82", "%F8%88%80%80%80", "%00",
        "%0D%0ASet-Cookie:%20x=y", "%0A", "%09", "%2e%2e%2f%2e%2e%2f", "%252F%252F", "%C3%28", "+%2B+"};

    private final WristbandEmulator wristband = TestApp.emulator();

    @Deployment(testable = false)
    static WebArchive app() {
        Map<String, String> config = TestApp.baseConfig();
        config.put("wristband.token-endpoint.enabled", "true");
        return TestApp.deployment(config);
    }

    /** One generated request: its kind (for the report) and its bytes. */
    record Attack(String kind, String hostHeader, String tenantCustomDomain, byte[] bytes) {
    }

    /** What came back; status 0 when the server closed the connection without an answer. */
    record Answer(int status, String head, String body) {
    }

    @Test
    void tenThousandMalformedRequestsGetNoServerErrorNoStackTraceNoOffSiteRedirectAndNoSession() throws Exception {
        wristband.reset();
        Random random = new Random(SEED);
        List<Attack> attacks = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            attacks.add(generate(random, i));
        }
        Map<String, AtomicInteger> kinds = new TreeMap<>();
        attacks.forEach(a -> kinds.computeIfAbsent(a.kind(), k -> new AtomicInteger()).incrementAndGet());
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();

        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int slice = t;
                futures.add(pool.submit(() -> {
                    for (int i = slice; i < attacks.size(); i += THREADS) {
                        Attack attack = attacks.get(i);
                        Answer answer = send(attack.bytes());
                        statuses.computeIfAbsent(answer.status(), s -> new AtomicInteger()).incrementAndGet();
                        String problem = problem(attack, answer);
                        if (problem != null && failures.size() < 50) {
                            failures.add("#" + i + " " + attack.kind() + ": " + problem + "\n  request: "
                                    + printable(attack.bytes(), 300) + "\n  answer: " + printable(
                                    (answer.head() + "\r\n\r\n" + answer.body()).getBytes(StandardCharsets.UTF_8), 600));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("HostileInputIT: %d requests in %d ms; kinds %s; statuses %s%n", attacks.size(), tookMillis,
                kinds, new TreeMap<>(statuses));

        assertTrue(failures.isEmpty(), failures.size() + " bad answers, first ones:\n" + String.join("\n", failures));
        assertTrue(tookMillis < 120_000, "bounded: " + tookMillis + " ms");

        Browser browser = new Browser();
        assertEquals(TestApp.url("/"), last(WristbandTestKit.signInAt(browser, "alice", TestApp.loginUrl())).uri().toString(), "still signs users in");
        String csrf = browser.cookie("localhost", "CSRF-TOKEN").orElseThrow().value();
        assertEquals(200, browser.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrf).status());
    }

    // ------------------------------------------------------------------ checks

    private static final Pattern LOCATION = Pattern.compile("(?im)^Location:\\s*(\\S*)\\s*$");
    private static final Pattern SET_COOKIE = Pattern.compile("(?im)^Set-Cookie:\\s*(.*)$");

    private String problem(Attack attack, Answer answer) {
        if (answer.status() >= 500) {
            return "server error " + answer.status();
        }
        String all = answer.head() + "\n" + answer.body();
        if (all.contains("Exception") || all.contains("\tat ") || all.contains("at io.github")
                || all.contains("at java.") || all.contains("at org.jboss") || all.contains("at com.ibm")) {
            int at = Math.max(all.indexOf("Exception"), all.indexOf("\tat "));
            return "stack trace or exception name: …" + all.substring(Math.max(0, at - 150), Math.min(all.length(), at + 100));
        }
        Matcher location = LOCATION.matcher(answer.head());
        while (location.find()) {
            String problem = offSite(location.group(1), attack);
            if (problem != null) {
                return problem;
            }
        }
        Matcher cookie = SET_COOKIE.matcher(answer.head());
        boolean loginStarted = false;
        String sessionCookie = null;
        while (cookie.find()) {
            String setCookie = cookie.group(1);
            String name = setCookie.substring(0, Math.max(0, setCookie.indexOf('='))).trim();
            boolean deletion = setCookie.toLowerCase(Locale.ROOT).contains("max-age=0");
            if (name.equals("CSRF-TOKEN") && !deletion) {
                return "signed in: " + setCookie;
            }
            loginStarted |= name.startsWith("login#") && !deletion;
            if (name.equalsIgnoreCase("JSESSIONID")) {
                sessionCookie = setCookie;
            } else if (!name.startsWith("login#") && !name.equals("CSRF-TOKEN")) {
                return "unexpected cookie: " + setCookie;
            }
        }
        // A session is created only by the Login Endpoint, for the login it starts (docs/security.md).
        return sessionCookie != null && !loginStarted ? "session created without a login: " + sessionCookie : null;
    }

    /** Null when {@code location} stays on this application, Wristband, or the host the request itself named. */
    private String offSite(String location, Attack attack) {
        String hostHeader = attack.hostHeader();
        URI uri;
        try {
            uri = URI.create(location);
        } catch (IllegalArgumentException e) {
            return "unparseable Location " + location;
        }
        if (uri.getRawAuthority() == null && location.startsWith("/") && !location.startsWith("//")) {
            return null;
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        if ((host.equals("localhost") || host.equals("127.0.0.1")) && port == TestApp.port()) {
            return null; // this server, by name or by the address it listens on (WildFly's answer to an empty Host)
        }
        if (hostHeader != null && (uri.getRawAuthority() + "").equalsIgnoreCase(hostHeader)) {
            return null; // the client's own idea of this server's name (it sent that Host)
        }
        boolean wristbandHost = port == wristband.port() && (host.equals("localhost") || host.endsWith("-localhost"));
        if (wristbandHost) {
            return null;
        }
        // No exception for tenant_custom_domain: this application allows no tenant custom domain
        // (wristband.tenant-custom-domains), so a redirect to one would be off-site like any other.
        return "Location off-site: " + location;
    }

    // ------------------------------------------------------------------ generation

    private Attack generate(Random r, int index) {
        String context = TestApp.CONTEXT;
        String path = context + TARGETS[r.nextInt(TARGETS.length)];
        String method = "GET";
        String kind;
        StringBuilder query = new StringBuilder();
        List<String> headers = new ArrayList<>();
        String host = "localhost:" + TestApp.port();
        byte[] rawTarget = null;
        String body = null;
        String tenantCustomDomain = null;
        switch (index % 12) {
            case 0 -> {
                kind = "garbage query";
                for (int i = 0, n = 1 + r.nextInt(6); i < n; i++) {
                    query.append(i > 0 ? "&" : "").append(randomToken(r, 1 + r.nextInt(20))).append('=')
                            .append(randomToken(r, r.nextInt(40)));
                }
            }
            case 1 -> {
                kind = "duplicated parameters";
                String name = PARAMS[r.nextInt(PARAMS.length)];
                for (int i = 0, n = 2 + r.nextInt(4); i < n; i++) {
                    query.append(i > 0 ? "&" : "").append(name).append('=').append(randomToken(r, r.nextInt(12)));
                }
                query.append("&state=").append(randomToken(r, 43)).append("&code=").append(randomToken(r, 20));
            }
            case 2 -> {
                kind = "huge parameter";
                query.append(PARAMS[r.nextInt(PARAMS.length)]).append('=')
                        .append("A".repeat(1_000 + r.nextInt(30_000)));
            }
            case 3 -> {
                kind = "invalid percent-encoding or UTF-8";
                query.append(PARAMS[r.nextInt(PARAMS.length)]).append('=').append(randomToken(r, 3))
                        .append(BAD_ENCODINGS[r.nextInt(BAD_ENCODINGS.length)]).append(randomToken(r, 3));
                if (r.nextBoolean()) {
                    query.append("&").append(BAD_ENCODINGS[r.nextInt(BAD_ENCODINGS.length)]).append("=1");
                }
                if (r.nextInt(4) == 0) {
                    path = path + BAD_ENCODINGS[r.nextInt(BAD_ENCODINGS.length)];
                }
            }
            case 4 -> {
                kind = "raw bytes in the request target";
                byte[] bytes = new byte[1 + r.nextInt(20)];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) (0x80 + r.nextInt(0x80));
                }
                String prefix = path + "?" + PARAMS[r.nextInt(PARAMS.length)] + "=";
                rawTarget = concat(prefix.getBytes(StandardCharsets.ISO_8859_1), bytes);
            }
            case 5 -> {
                kind = "CR/LF and control characters";
                String[] controls = {"%0D%0A", "%0d%0aLocation:%20https://evil.example", "%0A%0D", "%09", "%00",
                        "%0D%0A%0D%0A<html>", "%1B[31m", "%7F"};
                query.append(PARAMS[r.nextInt(PARAMS.length)]).append("=a").append(controls[r.nextInt(controls.length)])
                        .append("b&tenant_name=devs4you&return_url=%2F").append(controls[r.nextInt(controls.length)])
                        .append("%2Fevil.example");
            }
            case 6 -> {
                kind = "tampered cookies";
                String state = randomToken(r, 43);
                String[] cookies = {
                    "login#" + state + "#" + (System.currentTimeMillis() - r.nextInt(10_000)) + "=" + randomToken(r, 200),
                    "login#" + state + "#1=" + "Fe26.2**" + randomToken(r, 100),
                    "login#" + state + "#99999999999999999999=x",
                    "login##=", "login#=", "login#" + state + "#abc=" + randomToken(r, 10),
                    "JSESSIONID=" + randomToken(r, 23), "JSESSIONID=", "CSRF-TOKEN=" + randomToken(r, 32),
                    "=novalue", "noequals", "login#" + state + "#" + System.currentTimeMillis() + "=%ZZ%",
                };
                StringBuilder cookie = new StringBuilder();
                for (int i = 0, n = 1 + r.nextInt(5); i < n; i++) {
                    cookie.append(i > 0 ? "; " : "").append(cookies[r.nextInt(cookies.length)]);
                }
                headers.add("Cookie: " + cookie);
                headers.add("X-CSRF-TOKEN: " + randomToken(r, 32));
                query.append("state=").append(state).append("&code=").append(randomToken(r, 20))
                        .append("&tenant_name=devs4you");
            }
            case 7 -> {
                kind = "oversized cookies";
                StringBuilder cookie = new StringBuilder();
                if (r.nextBoolean()) {
                    cookie.append("login#").append(randomToken(r, 43)).append('#').append(System.currentTimeMillis())
                            .append('=').append("B".repeat(4_000 + r.nextInt(12_000)));
                } else {
                    for (int i = 0; i < 50 + r.nextInt(200); i++) {
                        cookie.append(i > 0 ? "; " : "").append("login#").append(randomToken(r, 43)).append('#')
                                .append(1_700_000_000_000L + r.nextInt(1_000_000)).append('=').append(randomToken(r, 40));
                    }
                }
                headers.add("Cookie: " + cookie);
                query.append("tenant_name=devs4you");
            }
            case 8 -> {
                kind = "wrong method";
                method = METHODS[r.nextInt(METHODS.length)];
                if (!method.equals("HEAD") && !method.equals("TRACE") && r.nextBoolean()) {
                    body = "grant_type=x&" + randomToken(r, 50);
                }
                query.append("tenant_name=devs4you");
            }
            case 9 -> {
                kind = "huge or many headers";
                if (r.nextBoolean()) {
                    headers.add("X-" + randomToken(r, 8) + ": " + "C".repeat(4_000 + r.nextInt(60_000)));
                } else {
                    for (int i = 0; i < 100 + r.nextInt(300); i++) {
                        headers.add("X-H" + i + ": " + randomToken(r, 30));
                    }
                }
                query.append("tenant_name=devs4you");
            }
            case 10 -> {
                kind = "hostile Host and forwarding headers";
                String[] hosts = {"evil.example", "localhost:" + TestApp.port() + "@evil.example", "",
                        "devs4you.evil.example", "[::1]:" + TestApp.port(), "localhost:99999", "a b", "localhost:" + TestApp.port() + "/x"};
                host = hosts[r.nextInt(hosts.length)];
                headers.add("X-Forwarded-Host: evil.example");
                headers.add("X-Forwarded-Proto: javascript");
                headers.add("Forwarded: host=evil.example;proto=https");
                query.append("tenant_name=devs4you&return_url=%2Fpages%2Fprofile.xhtml");
            }
            default -> {
                kind = "malformed return_url and tenant";
                String[] urls = {"//evil.example", "/\\evil.example", "https:evil.example", "javascript:alert(1)",
                        "data:text/html,x", "https://localhost@evil.example", "%2F%2Fevil.example",
                        "/" + "x".repeat(500), "http://[::1", "https://evil.example:99999/"};
                String[] tenants = {"devs4you", "../../etc", "evil.example/x", "a@b", "", "%00", "devs4you%0D%0A",
                        "x".repeat(300), "DEVS4YOU", "devs4you:443"};
                tenantCustomDomain = tenants[r.nextInt(tenants.length)];
                query.append("tenant_name=").append(tenants[r.nextInt(tenants.length)])
                        .append("&return_url=").append(java.net.URLEncoder.encode(urls[r.nextInt(urls.length)],
                                StandardCharsets.UTF_8))
                        .append("&tenant_custom_domain=").append(tenantCustomDomain);
            }
        }
        StringBuilder head = new StringBuilder();
        byte[] target = rawTarget != null ? rawTarget
                : (path + (query.length() > 0 ? "?" + query : "")).getBytes(StandardCharsets.ISO_8859_1);
        head.append("\r\nHost: ").append(host).append("\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        byte[] bodyBytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            head.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ")
                    .append(bodyBytes.length).append("\r\n");
        }
        if (r.nextInt(3) == 0) {
            head.append("Accept: text/html\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        byte[] bytes = concat(concat((method + " ").getBytes(StandardCharsets.ISO_8859_1), target),
                concat(" HTTP/1.1".getBytes(StandardCharsets.ISO_8859_1),
                        concat(head.toString().getBytes(StandardCharsets.ISO_8859_1), bodyBytes)));
        return new Attack(kind, host, tenantCustomDomain, bytes);
    }

    private static final String TOKEN_CHARS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~!$'()*,;:@/?%+=#[]{}|^`\"<>\\";

    private static String randomToken(Random r, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            char c = TOKEN_CHARS.charAt(r.nextInt(TOKEN_CHARS.length()));
            // '&', '=' and space are structure, '#' would end the target; keep them out of values
            s.append(c == '#' ? 'h' : c);
        }
        return s.toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    // ------------------------------------------------------------------ transport

    private static Answer send(byte[] request) {
        try (Socket socket = new Socket("127.0.0.1", TestApp.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                socket.shutdownOutput();
            } catch (IOException serverClosedEarly) {
                // A server may answer (e.g. 431) and close before reading everything; read what it said.
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) != -1 && answer.size() < 1_000_000; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException | java.net.SocketException e) {
                // keep what arrived
            }
            String text = answer.toString(StandardCharsets.ISO_8859_1);
            if (!text.startsWith("HTTP/")) {
                return new Answer(0, text, "");
            }
            int blank = text.indexOf("\r\n\r\n");
            String head = blank < 0 ? text : text.substring(0, blank);
            String body = blank < 0 ? "" : text.substring(blank + 4);
            int status = Integer.parseInt(text.substring(9, 12));
            return new Answer(status, head, body);
        } catch (IOException e) {
            return new Answer(0, "connection failed: " + e, "");
        }
    }

    private static String printable(byte[] bytes, int max) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, max); i++) {
            int b = bytes[i] & 0xff;
            s.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b));
        }
        return bytes.length > max ? s + "…(" + bytes.length + " bytes)" : s.toString();
    }
}
