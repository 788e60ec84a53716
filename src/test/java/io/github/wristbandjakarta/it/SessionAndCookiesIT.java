package io.github.wristbandjakarta.it;

import io.github.wristbandjakarta.testkit.Browser;
import io.github.wristbandjakarta.testkit.WristbandTestKit;
import io.github.wristbandjakarta.emulator.WristbandEmulator;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.github.wristbandjakarta.it.TestApp.last;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The absolute session lifetime, the attributes and sizes of every cookie, cookie-only
 * session tracking, login-state cookies deleted on callback and logout, and several logins in one browser.
 */
@ExtendWith(ArquillianExtension.class)
class SessionAndCookiesIT {

    /**
     * The absolute session lifetime of this deployment: the test passes it by moving the deployment's clock, in steps
     * long enough that the real time a slow machine takes between them never adds up to another step.
     */
    private static final Duration ABSOLUTE_LIFETIME = Duration.ofSeconds(60);
    private static final String TENANT_LOGIN = TestApp.url("/api/auth/login?tenant_name=devs4you");

    private final WristbandEmulator wristband = TestApp.emulator();
    private final Browser browser = new Browser();

    @Deployment(testable = false)
    static WebArchive app() {
        Map<String, String> config = TestApp.baseConfig();
        config.put("wristband.session.absolute-lifetime", String.valueOf(ABSOLUTE_LIFETIME.toSeconds()));
        return TestApp.withServerClock(TestApp.deployment(config));
    }

    @BeforeEach
    void resetEmulator() {
        wristband.reset();
    }

    @Test
    void theSessionEndsAfterItsAbsoluteLifetimeHoweverActive() {
        WristbandTestKit.signInAt(browser, "alice", TestApp.loginUrl());
        String csrf = csrf();
        Duration step = ABSOLUTE_LIFETIME.dividedBy(4);
        for (int i = 0; i < 3; i++) {
            TestApp.advanceServerClock(step);
            assertEquals(200, browser.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrf).status(),
                    "active before the lifetime ends");
        }
        TestApp.advanceServerClock(step.plusSeconds(1));

        Browser.Exchange api = browser.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrf);
        Browser.Exchange page = browser.get(TestApp.url("/pages/profile.xhtml"));

        assertEquals(401, api.status(), api.body());
        assertEquals(302, page.status());
        assertTrue(page.location().contains("/api/auth/login?return_url="), page.location());
    }

    @Test
    void everyCookieHasSafeAttributesAndTheSteadyStateIsSmall() {
        Browser.Exchange login = browser.get(TENANT_LOGIN);
        List<String> loginCookies = login.headers("Set-Cookie").stream().filter(c -> c.startsWith("login#")).toList();
        assertEquals(1, loginCookies.size(), login.headers("Set-Cookie").toString());
        assertEquals(1, login.headers("Set-Cookie").size(), "the login-state cookie only, no session");
        Browser.Cookie state = Browser.parse("localhost", loginCookies.get(0));
        assertTrue(state.name().startsWith("login#"));
        EndToEndIT.assertLivesAnHour(state);
        Map<String, String> attributes = new java.util.HashMap<>(state.attributes());
        attributes.keySet().removeAll(List.of("max-age", "expires"));
        assertEquals(Map.of("httponly", "", "path", "/", "samesite", "Lax", "secure", ""), attributes);
        assertTrue(loginCookies.get(0).length() < 4096, "login-state cookie under 4 KB: " + loginCookies.get(0).length());

        Browser.Exchange loginPage = last(browser.follow(login.location()));
        Browser.Exchange approval = browser.get(WristbandTestKit.approveLink(loginPage, "alice"));
        Browser.Exchange callback = browser.get(approval.location());

        assertEquals(302, callback.status());
        List<Browser.Cookie> set = callback.headers("Set-Cookie").stream().map(c -> Browser.parse("localhost", c)).toList();
        Browser.Cookie deleted = set.stream().filter(c -> c.name().equals(state.name())).findFirst().orElseThrow();
        if (TestApp.jakartaEe11() && "liberty".equals(System.getProperty("arquillian.launch"))) {
            // Open Liberty's Servlet 6.1 (servlet-6.1) sends a deletion as an Expires date in the past instead of the
            // Max-Age=0 the library wrote: RFC 6265 §4.1.1 gives servers no Max-Age of zero, and the Servlet 6.1 TCK
            // expects the rewrite.
            assertFalse(deleted.attributes().containsKey("max-age"), deleted.toString());
            assertEquals("Thu, 01 Dec 1994 16:00:00 GMT", deleted.attributes().get("expires"),
                    "the used login-state cookie is deleted: " + deleted);
        } else {
            assertEquals("0", deleted.attributes().get("max-age"), "the used login-state cookie is deleted: " + deleted);
        }
        Browser.Cookie session = set.stream().filter(c -> c.name().equals("JSESSIONID")).findFirst()
                .orElseThrow(() -> new AssertionError("the callback's new session: " + set));
        assertTrue(session.attributes().containsKey("secure"), "session cookie Secure: " + session);
        assertTrue(session.attributes().containsKey("httponly"), "session cookie HttpOnly: " + session);
        assertEquals("lax", session.attributes().getOrDefault("samesite", "").toLowerCase(), session.toString());
        assertFalse(session.attributes().containsKey("max-age") || session.attributes().containsKey("expires"),
                "a browser-session cookie: " + session);
        assertFalse(session.attributes().containsKey("domain"), "host-only: " + session);
        Browser.Cookie csrf = set.stream().filter(c -> c.name().equals("CSRF-TOKEN")).findFirst().orElseThrow();
        assertTrue(csrf.attributes().containsKey("secure"), csrf.toString());
        assertFalse(csrf.attributes().containsKey("httponly"), "readable by the SPA: " + csrf);
        assertEquals("lax", csrf.attributes().getOrDefault("samesite", "").toLowerCase(), csrf.toString());
        assertFalse(csrf.attributes().containsKey("domain"), "host-only: " + csrf);

        List<Browser.Cookie> steady = browser.cookies().stream().filter(c -> c.host().equals("localhost")).toList();
        assertEquals(List.of("CSRF-TOKEN", "JSESSIONID"), steady.stream().map(Browser.Cookie::name).sorted().toList());
        int bytes = steady.stream().mapToInt(c -> c.name().length() + 1 + c.value().length()).sum() + 2 * (steady.size() - 1);
        assertTrue(bytes <= 1024, "cookies of a signed-in browser: " + bytes + " bytes");
    }

    @Test
    void theSessionIsTrackedByCookieOnlyNeverByUrl() {
        WristbandTestKit.signInAt(browser, "alice", TestApp.loginUrl());
        String sessionId = browser.cookie("localhost", "JSESSIONID").orElseThrow().value();
        String csrf = csrf();
        Browser.Exchange profile = browser.get(TestApp.url("/pages/profile.xhtml"));
        assertEquals(200, profile.status());
        assertFalse(profile.body().toLowerCase().contains("jsessionid"), "no session id in links");

        Browser stranger = new Browser();
        Browser.Exchange api = stranger.get(TestApp.url("/api/auth/session;jsessionid=" + sessionId), "X-CSRF-TOKEN", csrf);
        Browser.Exchange page = stranger.get(TestApp.url("/pages/profile.xhtml;jsessionid=" + sessionId));

        assertTrue(api.status() == 401 || api.status() == 404 || api.status() == 400, "no session from the URL: " + api.status());
        assertFalse(api.body().contains("userId"), api.body());
        assertTrue(page.status() == 302 || page.status() == 404 || page.status() == 400, "no session from the URL: " + page.status());
        assertFalse(page.body().contains("alice"), page.body());
    }

    @Test
    void logoutDeletesEveryLoginStateCookie() {
        last(browser.follow(TENANT_LOGIN));
        last(browser.follow(TENANT_LOGIN)); // two logins left pending in other tabs
        WristbandTestKit.signInAt(browser, "alice", TestApp.loginUrl());
        assertEquals(2, loginCookies().size(), "the completed login's cookie is gone, the pending ones stay");

        Browser.Exchange logout = browser.get(TestApp.url("/api/auth/logout"), "Sec-Fetch-Site", "same-origin");

        assertEquals(302, logout.status());
        assertEquals(List.of(), loginCookies(), "every login# cookie deleted: " + logout.headers("Set-Cookie"));
        assertFalse(browser.cookie("localhost", "CSRF-TOKEN").isPresent());
        assertFalse(browser.cookie("localhost", "JSESSIONID").isPresent());
    }

    @Test
    void threeLoginsStartedInParallelInOneBrowserAllComplete() throws Exception {
        List<Browser.Exchange> loginPages = startInParallel(3);
        assertEquals(3, loginCookies().size());

        for (int i : new int[] {1, 0, 2}) {
            Browser.Exchange approval = browser.get(WristbandTestKit.approveLink(loginPages.get(i), i == 1 ? "bob" : "alice"));
            Browser.Exchange callback = browser.get(approval.location());
            assertEquals(302, callback.status());
            assertEquals(TestApp.url("/"), callback.location(), "tab " + i + " completes");
        }
        assertEquals(List.of(), loginCookies());
        assertEquals(200, browser.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrf()).status());
    }

    @Test
    void aFourthLoginEvictsTheOldestWhoseCallbackRecovers() throws Exception {
        List<Browser.Exchange> loginPages = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            loginPages.add(last(browser.follow(TENANT_LOGIN)));
            Thread.sleep(5); // distinct creation timestamps
        }
        assertEquals(3, loginCookies().size(), "at most three pending logins");
        for (int i = 1; i < 4; i++) {
            Browser.Exchange callback = browser.get(browser.get(WristbandTestKit.approveLink(loginPages.get(i), "alice")).location());
            assertEquals(TestApp.url("/"), callback.location(), "tab " + i + " completes");
        }

        Browser.Exchange approval = browser.get(WristbandTestKit.approveLink(loginPages.get(0), "alice"));
        Browser.Exchange oldest = browser.get(approval.location());

        assertEquals(302, oldest.status());
        assertEquals(TENANT_LOGIN, oldest.location(), "missing_login_state: back to the tenant's login");
        List<Browser.Exchange> recovery = browser.follow(oldest.location());
        List<Browser.Exchange> signedIn = browser.follow(WristbandTestKit.approveLink(last(recovery), "alice"));
        assertEquals(TestApp.url("/"), last(signedIn).uri().toString(), "the evicted tab recovers");
        assertEquals(200, browser.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrf()).status());
    }

    private List<Browser.Exchange> startInParallel(int tabs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tabs);
        try {
            List<Future<Browser.Exchange>> futures = new ArrayList<>();
            for (int i = 0; i < tabs; i++) {
                futures.add(pool.submit(() -> last(browser.follow(TENANT_LOGIN))));
            }
            List<Browser.Exchange> pages = new ArrayList<>();
            for (Future<Browser.Exchange> f : futures) {
                pages.add(f.get());
            }
            return pages;
        } finally {
            pool.shutdownNow();
        }
    }

    private List<String> loginCookies() {
        return browser.cookies().stream().map(Browser.Cookie::name).filter(n -> n.startsWith("login#")).toList();
    }

    private String csrf() {
        return browser.cookie("localhost", "CSRF-TOKEN").orElseThrow().value();
    }
}
