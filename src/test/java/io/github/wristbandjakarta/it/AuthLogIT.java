package io.github.wristbandjakarta.it;

import io.github.wristbandjakarta.testkit.Browser;
import io.github.wristbandjakarta.testkit.WristbandTestKit;
import io.github.wristbandjakarta.emulator.WristbandEmulator;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static io.github.wristbandjakarta.it.TestApp.last;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each auth event is logged once (also when several requests share one refresh), and no token,
 * authorization code, secret or cookie value reaches the server log.
 */
@ExtendWith(ArquillianExtension.class)
class AuthLogIT {

    private static final String TENANT_LOGIN = TestApp.url("/api/auth/login?tenant_name=devs4you");
    private static final int PARALLEL = 8;
    /** Due for refresh two seconds after sign-in (TestApp.TOKEN_EXPIRATION_BUFFER). */
    private static final Duration SHORT_LIFETIME = Duration.ofSeconds(62);
    /** A callback without its login-state cookie: 302 to the login, one log line. Also the fence of the others. */
    private static final String STALE_CALLBACK = TestApp.url("/api/auth/callback?state=abc&code=xyz&tenant_name=devs4you");
    private static final String STALE_CALLBACK_LINE = "Callback requires a new login";

    private final WristbandEmulator wristband = TestApp.emulator();
    private final Set<String> cookieValues = new HashSet<>();

    @Deployment(testable = false)
    static WebArchive app() {
        return TestApp.withServerClock(TestApp.deployment());
    }

    @Test
    void eachAuthEventIsLoggedOnceAndNoSecretIsEverLogged() throws Exception {
        wristband.reset();
        wristband.accessTokenLifetime(SHORT_LIFETIME);
        Browser browser = new Browser();

        long mark = ServerLog.mark();
        Browser.Exchange loginPage = last(browser.follow(TENANT_LOGIN));
        remember(browser);
        assertLoggedOnce(mark, "Login started");

        mark = ServerLog.mark();
        Browser.Exchange callback = browser.get(browser.get(WristbandTestKit.approveLink(loginPage, "alice")).location());
        assertEquals(302, callback.status());
        remember(browser);
        assertLoggedOnce(mark, "Callback completed");
        String csrf = browser.cookie("localhost", "CSRF-TOKEN").orElseThrow().value();

        mark = ServerLog.mark();
        assertEquals(403, browser.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", "wrong").status());
        assertLoggedOnce(mark, "CSRF check failed");

        TestApp.advanceToTokenExpiry(SHORT_LIFETIME);
        mark = ServerLog.mark();
        parallel(() -> browser.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrf))
                .forEach(a -> assertEquals(200, a.status()));
        assertLoggedOnce(mark, "Tokens refreshed");

        TestApp.advanceToTokenExpiry(SHORT_LIFETIME);
        wristband.revokeAllRefreshTokens();
        mark = ServerLog.mark();
        parallel(() -> browser.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrf))
                .forEach(a -> assertEquals(401, a.status()));
        assertLoggedOnce(mark, "Token refresh refused");

        Browser other = new Browser();
        WristbandTestKit.signInAt(other, "bob", TestApp.loginUrl());
        remember(other);
        mark = ServerLog.mark();
        assertEquals(302, other.get(TestApp.url("/api/auth/logout"), "Sec-Fetch-Site", "same-origin").status());
        assertLoggedOnce(mark, "Logout");

        mark = ServerLog.mark();
        assertEquals(302, new Browser().get(STALE_CALLBACK).status());
        assertLoggedOnce(mark, STALE_CALLBACK_LINE + ": missing_login_state");

        Browser third = new Browser();
        Browser.Exchange thirdLoginPage = last(third.follow(TENANT_LOGIN));
        remember(third);
        wristband.nextAuthorizeError("access_denied");
        mark = ServerLog.mark();
        assertEquals(400, third.get(third.get(WristbandTestKit.approveLink(thirdLoginPage, "alice")).location()).status());
        assertLoggedOnce(mark, "Callback failed: access_denied");

        List<String> secrets = new ArrayList<>(wristband.issuedTokens());
        secrets.add(TestApp.CLIENT_SECRET);
        secrets.addAll(cookieValues);
        assertTrue(secrets.size() > 10, "tokens, codes and cookie values to look for: " + secrets.size());
        Path logs = TestApp.serverLog().getParent();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file, StandardCharsets.ISO_8859_1);
                for (String secret : secrets) {
                    assertTrue(secret.length() < 8 || !text.contains(secret),
                            () -> file.getFileName() + " contains a token, code, secret or cookie value: "
                                    + secret.substring(0, Math.min(6, secret.length())) + "…");
                }
            }
        }
    }

    private void remember(Browser browser) {
        browser.history().forEach(exchange -> exchange.headers("Set-Cookie").forEach(setCookie -> {
            Browser.Cookie cookie = Browser.parse("localhost", setCookie);
            if (!cookie.value().isEmpty()) {
                cookieValues.add(cookie.value());
            }
        }));
    }

    /**
     * {@code event} is in the log once since {@code mark}. A duplicate's absence cannot be waited for, so a fence
     * follows: every request that could log the event has been answered, so a request sent now logs its own line after
     * any duplicate (one log, written in order); once the fence's line is there, so is every duplicate.
     */
    private static void assertLoggedOnce(long mark, String event) throws Exception {
        ServerLog.awaitSince(mark, text -> text.contains(event));
        String fence = event.startsWith(STALE_CALLBACK_LINE) ? "Login started" : STALE_CALLBACK_LINE;
        long fencesBefore = ServerLog.count(ServerLog.since(mark), fence);
        if (fence.equals(STALE_CALLBACK_LINE)) {
            assertEquals(302, new Browser().get(STALE_CALLBACK).status());
        } else {
            assertEquals(302, new Browser().get(TENANT_LOGIN).status());
        }
        String log = ServerLog.awaitSince(mark, text -> ServerLog.count(text, fence) > fencesBefore);
        assertTrue(ServerLog.count(log, fence) > fencesBefore, "the fence \"" + fence + "\" was logged:\n" + log);
        assertEquals(1, ServerLog.count(log, event), "\"" + event + "\" logged once:\n" + log);
    }

    private static List<Browser.Exchange> parallel(java.util.concurrent.Callable<Browser.Exchange> request)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<Browser.Exchange>> futures = new ArrayList<>();
            for (int i = 0; i < PARALLEL; i++) {
                futures.add(pool.submit(request));
            }
            List<Browser.Exchange> answers = new ArrayList<>();
            for (Future<Browser.Exchange> f : futures) {
                answers.add(f.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
