package io.github.wristbandjakarta.bench;

import io.github.wristbandjakarta.bench.BenchCase.Visitor;
import io.github.wristbandjakarta.internal.session.SessionSeal;
import io.github.wristbandjakarta.internal.session.WristbandSession;
import io.github.wristbandjakarta.internal.token.TokenSet;
import io.github.wristbandjakarta.testkit.Browser;
import io.github.wristbandjakarta.testkit.WristbandTestKit;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Who sends the load's requests: K users signed in through the real login (our Login Endpoint, the emulator, our
 * callback), K anonymous visitors of the public JSF page and K visitors of the session-caller WAR, each kind written
 * to a file of cookies that wrk rotates over; and what a signed-in user carries (session and cookie sizes).
 */
final class Visitors {

    static final String CSRF_HEADER = "X-CSRF-TOKEN";
    static final String USER = "alice";

    private final Settings settings;
    private final List<Browser> signedIn;
    private final Path usersFile;
    private final Path anonymousFile;
    private final Path sessionCallersFile;

    private Visitors(Settings settings, List<Browser> signedIn) {
        this.settings = settings;
        this.signedIn = signedIn;
        this.usersFile = settings.out().resolve("users.tsv").toAbsolutePath();
        this.anonymousFile = settings.out().resolve("anonymous.tsv").toAbsolutePath();
        this.sessionCallersFile = settings.out().resolve("session-callers.tsv").toAbsolutePath();
    }

    /** Signs the K users in and writes the three visitor files. */
    static Visitors prepare(Settings settings) throws Exception {
        Visitors visitors = new Visitors(settings, signIn(settings, settings.users()));
        Files.writeString(visitors.usersFile, visitors.signedIn.stream().map(b -> cookieHeader(b) + "\t" + csrf(b))
                .collect(Collectors.joining("\n", "", "\n")));
        visitors.writeAnonymous();
        visitors.writeSessionCallers();
        return visitors;
    }

    static String loginUrl(Settings settings) {
        return settings.app("/api/auth/login?tenant_name=devs4you");
    }

    private static List<Browser> signIn(Settings settings, int k) throws Exception {
        BenchRunner.progress("signing in " + k + " users through the login flow");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Browser>> futures = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                futures.add(pool.submit(() -> {
                    Browser browser = new Browser();
                    Browser.Exchange landed = signIn(browser, settings);
                    if (landed.status() != 200 || browser.cookie("localhost", "JSESSIONID").isEmpty()
                            || browser.cookie("localhost", "CSRF-TOKEN").isEmpty()) {
                        throw new IllegalStateException("sign-in did not complete: " + landed.status() + " "
                                + landed.uri() + " cookies " + browser.cookies());
                    }
                    return browser;
                }));
            }
            List<Browser> browsers = new ArrayList<>();
            for (Future<Browser> f : futures) {
                browsers.add(f.get());
            }
            return browsers;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One sign-in of {@code browser} as {@link #USER} through the test kit's login walk: the page it lands on. */
    static Browser.Exchange signIn(Browser browser, Settings settings) {
        return landed(WristbandTestKit.signInAt(browser, USER, loginUrl(settings)));
    }

    private static Browser.Exchange landed(List<Browser.Exchange> hops) {
        return hops.get(hops.size() - 1);
    }

    /** The file wrk reads the visitors of {@code visitor} from; {@code null}: requests without cookies. */
    Path file(Visitor visitor) {
        return switch (visitor) {
            case SIGNED_IN -> usersFile;
            case ANONYMOUS -> anonymousFile;
            case SESSION_CALLER -> sessionCallersFile;
            case NONE -> null;
        };
    }

    /** The first visitor's Cookie header, for the check before the load; {@code null} for none. */
    String firstCookie(Visitor visitor) throws IOException {
        return visitor == Visitor.NONE ? null : Files.readAllLines(file(visitor)).get(0).split("\t")[0];
    }

    String firstCsrf() {
        return csrf(signedIn.get(0));
    }

    /** K anonymous visitors, each with the session cookies one visit of the public JSF page gave it. */
    private void writeAnonymous() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < settings.users(); i++) {
            Browser browser = new Browser();
            browser.get(settings.app("/public/profile.xhtml"));
            lines.append(cookieHeader(browser)).append("\t-\n");
        }
        Files.writeString(anonymousFile, lines.toString());
    }

    /**
     * K visitors of the session-caller WAR, each with the session cookie that its first request there created (the
     * mechanism puts the caller into the new session); the load's requests then read it from that session.
     */
    private void writeSessionCallers() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < settings.users(); i++) {
            Browser visitor = new Browser();
            Browser.Exchange first = visitor.get(settings.origin() + Cases.SESSION_CALLER_CONTEXT + "/api/bench/caller");
            Browser.Cookie session = visitor.cookie("localhost", "JSESSIONID")
                    .orElseThrow(() -> new IllegalStateException(Cases.SESSION_LOGIN_FLOOR + ": the first request got "
                            + "no session cookie: " + first.status() + " " + first.headers("Set-Cookie")));
            lines.append(session.name()).append('=').append(session.value()).append("\t-\n");
        }
        Files.writeString(sessionCallersFile, lines.toString());
    }

    /** The Cookie header the browser sends to our application. */
    private static String cookieHeader(Browser browser) {
        return browser.cookies().stream()
                .filter(c -> c.host().equals("localhost") && Cases.CONTEXT.startsWith(c.path().replaceAll("/$", "")))
                .map(c -> c.name() + "=" + c.value())
                .collect(Collectors.joining("; "));
    }

    private static String csrf(Browser browser) {
        return browser.cookie("localhost", "CSRF-TOKEN").orElseThrow().value();
    }

    /**
     * The serialized size of a real signed-in user's {@link WristbandSession}, sealed: its fields as the Session and
     * Token endpoints report them (the access token is the emulator's RS256 JWT), the refresh token of the
     * emulator's size (43 characters; it never reaches the browser).
     */
    int sessionBytes() throws Exception {
        Browser browser = signedIn.get(0);
        String csrf = csrf(browser);
        JsonObject session = json(browser.get(settings.app("/api/auth/session"), CSRF_HEADER, csrf));
        JsonObject token = json(browser.get(settings.app("/api/auth/token"), CSRF_HEADER, csrf));
        JsonObject metadata = session.getJsonObject("metadata");
        byte[] refresh = new byte[32];
        new SecureRandom().nextBytes(refresh);
        WristbandSession user = new WristbandSession(session.getString("userId"), session.getString("tenantId"),
                metadata.getString("tenantName"), null, metadata.getString("identityProviderName"),
                metadata.getString("email", null),
                metadata.getJsonArray("roles").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList(),
                new TokenSet(token.getString("accessToken"),
                        Base64.getUrlEncoder().withoutPadding().encodeToString(refresh),
                        Instant.ofEpochMilli(token.getJsonNumber("expiresAt").longValueExact())),
                csrf, Instant.now());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new SessionSeal(List.of("a session secret of at least 32 characters"),
                    new SecureRandom()).seal(user));
        }
        return bytes.size();
    }

    private static JsonObject json(Browser.Exchange exchange) {
        if (exchange.status() != 200) {
            throw new IllegalStateException(exchange.uri() + " answered " + exchange.status() + ": " + exchange.body());
        }
        return Json.createReader(new StringReader(exchange.body())).readObject();
    }

    /** The bytes of the Cookie header a signed-in browser sends to our application. */
    int cookieBytes() {
        return cookieHeader(signedIn.get(0)).getBytes(StandardCharsets.UTF_8).length;
    }

    /** The names of those cookies, e.g. {@code JSESSIONID + CSRF-TOKEN}. */
    String cookieNames() {
        return signedIn.get(0).cookies().stream().filter(c -> c.host().equals("localhost"))
                .map(Browser.Cookie::name).collect(Collectors.joining(" + "));
    }
}
