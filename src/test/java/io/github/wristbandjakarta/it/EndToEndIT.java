package io.github.wristbandjakarta.it;

import io.github.wristbandjakarta.testkit.Browser;
import io.github.wristbandjakarta.testkit.WristbandTestKit;
import io.github.wristbandjakarta.emulator.Endpoint;
import io.github.wristbandjakarta.emulator.WristbandEmulator;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.URI;
import java.util.List;
import java.util.Map;

import static io.github.wristbandjakarta.it.TestApp.last;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The four endpoints end to end on a real server: login → emulator → callback → session → protected JSF, JSP
 * and JAX-RS → logout, over real HTTP with real cookies and real RS256 tokens; and the demo's own pages as a
 * newcomer meets them: the home page signed in and out, the logout's landing, the 404 and 500 pages.
 */
@ExtendWith(ArquillianExtension.class)
class EndToEndIT {

    private final WristbandEmulator wristband = TestApp.emulator();
    private final Browser browser = new Browser();

    /**
     * Where the demo's configuration (src/demo/resources) sends the browser after Wristband's logout: its own home page,
     * with the marker that makes the page say "You are signed out" (DemoConfigurationTest keeps the two the same).
     */
    static final String SIGNED_OUT_LANDING = "/?signed-out";

    @Deployment(testable = false)
    static WebArchive app() {
        // The demo's own logout landing, as its configuration sets it, here on the test server's address.
        Map<String, String> config = TestApp.baseConfig();
        config.put("wristband.logout.redirect-url", TestApp.url(SIGNED_OUT_LANDING));
        return TestApp.deployment(config)
                .addAsWebResource(new StringAsset("<%@ page session=\"false\" %><% if (true) {"
                        + " throw new IllegalStateException(\"a failing page, for the test\"); } %>"), FAILING_PAGE);
    }

    /** A page of the tests only, beside the demo's: it throws, as a page with a bug does. */
    private static final String FAILING_PAGE = "test-only/failing.jsp";

    @BeforeEach
    void resetEmulator() {
        wristband.reset();
    }

    @Test
    void loginRedirectsToTheTenantsAuthorizeEndpointWithASealedLoginStateCookie() {
        Browser.Exchange login = browser.get(TestApp.url("/api/auth/login?tenant_name=devs4you&return_url=%2Fapp%2Fpages%2Fprofile.xhtml"));

        assertEquals(302, login.status());
        URI authorize = URI.create(login.location());
        assertEquals("devs4you-" + wristband.vanityDomain(), authorize.getRawAuthority());
        assertEquals("/api/v1/oauth2/authorize", authorize.getPath());
        assertTrue(authorize.getRawQuery().startsWith("client_id=" + TestApp.CLIENT_ID + "&redirect_uri="));
        assertNoStore(login);
        assertEquals("no-cache", login.header("Pragma").orElseThrow());
        List<String> setCookies = login.headers("Set-Cookie").stream().filter(c -> c.startsWith("login#")).toList();
        assertEquals(1, setCookies.size(), login.headers("Set-Cookie").toString());
        Browser.Cookie cookie = Browser.parse("localhost", setCookies.get(0));
        String state = query(authorize, "state");
        assertTrue(cookie.name().startsWith("login#" + state + "#"), cookie.name());
        assertLivesAnHour(cookie);
        assertEquals("Lax", cookie.attributes().get("samesite"));
        assertTrue(cookie.attributes().containsKey("httponly"));
        assertTrue(cookie.attributes().containsKey("secure"));
        assertEquals("/", cookie.path());
    }

    /**
     * The login-state cookie lives an hour, written as {@code Max-Age=3600} as the official SDKs write it: a
     * {@code Expires} date instead would be read against the browser's clock.
     */
    static void assertLivesAnHour(Browser.Cookie cookie) {
        assertEquals("3600", cookie.attributes().get("max-age"), cookie.toString());
        assertFalse(cookie.attributes().containsKey("expires"), cookie.toString());
    }

    @Test
    void signingInLandsOnTheReturnUrlWithARotatedSessionAndACsrfCookie() {
        browser.setCookie("localhost", "JSESSIONID", "attacker-chosen-session-id");

        List<Browser.Exchange> hops = WristbandTestKit.signInAt(browser, "alice",
                TestApp.url("/api/auth/login?tenant_name=devs4you&return_url=" + TestApp.url("/pages/profile.xhtml")));

        Browser.Exchange landed = last(hops);
        assertEquals(200, landed.status(), landed.body());
        assertEquals(TestApp.url("/pages/profile.xhtml"), landed.uri().toString());
        Browser.Cookie session = browser.cookie("localhost", "JSESSIONID").orElseThrow();
        assertNotEquals("attacker-chosen-session-id", session.value());
        assertTrue(browser.cookies().stream().noneMatch(c -> c.name().startsWith("login#")),
                "the login-state cookie is deleted by the callback");
        Browser.Exchange callback = hops.stream().filter(h -> h.uri().getPath().endsWith("/api/auth/callback"))
                .findFirst().orElseThrow();
        Browser.Exchange login = hops.get(0);
        assertTrue(login.headers("Set-Cookie").stream().noneMatch(c -> c.startsWith("JSESSIONID=")),
                "the Login Endpoint keeps nothing on the server: " + login.headers("Set-Cookie"));
        Browser.Cookie sessionCookie = callback.headers("Set-Cookie").stream()
                .map(c -> Browser.parse("localhost", c)).filter(c -> c.name().equals("JSESSIONID"))
                .findFirst().orElseThrow(() -> new AssertionError("the callback gives the sign-in its session"));
        assertEquals(sessionCookie.value(), session.value(), "the browser holds the callback's session");
        assertTrue(sessionCookie.attributes().containsKey("secure"), "session cookie Secure");
        assertTrue(sessionCookie.attributes().containsKey("httponly"), "session cookie HttpOnly");
        assertEquals("lax", sessionCookie.attributes().getOrDefault("samesite", "").toLowerCase());
        Browser.Cookie csrf = callback.headers("Set-Cookie").stream()
                .map(c -> Browser.parse("localhost", c)).filter(c -> c.name().equals("CSRF-TOKEN"))
                .findFirst().orElseThrow(() -> new AssertionError("the callback sets the CSRF cookie"));
        assertFalse(csrf.attributes().containsKey("httponly"), "the CSRF cookie is readable by scripts");
        assertTrue(csrf.value().matches("[0-9a-f]{32}"), csrf.value());
        assertTrue(landed.body().contains("alice@devs4you.example"), landed.body());
        assertEquals(1, wristband.calls(Endpoint.TOKEN_CODE));
        assertEquals(1, wristband.calls(Endpoint.USERINFO));
    }

    /**
     * Session fixation by cookie tossing: an attacker starts a login, keeps the cookies it holds (a session of its own
     * and the login-state cookie) and plants them into the victim's browser from a sibling host (a cookie without the
     * {@code __Host-} prefix can be set there with {@code Domain=} the parent domain; here straight into the browser's
     * jar), then sends the victim the authorize link. The victim signs in; every check of the login state passes,
     * since the attacker started that login. The sign-in must sit under a session id the attacker never saw.
     */
    @Test
    void cookiesPlantedByAnAttackerWhoStartedTheLoginAreNotSignedInByTheVictimsSignIn() {
        Browser attacker = new Browser();
        WristbandTestKit.signInAt(attacker, "bob", TestApp.loginUrl());
        String attackerCsrf = attacker.cookie("localhost", "CSRF-TOKEN").orElseThrow().value();
        Browser.Exchange attackerLogin = attacker.get(TestApp.url("/api/auth/login?tenant_name=devs4you"));
        assertEquals(302, attackerLogin.status());
        Browser.Cookie loginState = attacker.cookies().stream().filter(c -> c.name().startsWith("login#"))
                .findFirst().orElseThrow(() -> new AssertionError("the attacker's login-state cookie"));
        String attackerSession = attacker.cookie("localhost", "JSESSIONID").orElseThrow().value();
        browser.setCookie("localhost", "JSESSIONID", attackerSession);
        browser.setCookie("localhost", loginState.name(), loginState.value());

        Browser.Exchange loginPage = last(browser.follow(attackerLogin.location()));
        Browser.Exchange landed = last(browser.follow(WristbandTestKit.approveLink(loginPage, "alice")));

        assertEquals(200, landed.status(), "the victim signed in: " + landed.body());
        Browser.Exchange victim = browser.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrfToken());
        assertEquals(200, victim.status(), victim.body());
        String alice = wristband.users().stream().filter(u -> u.login().equals("alice")).findFirst().orElseThrow()
                .userId();
        assertTrue(victim.body().contains("\"userId\":\"" + alice + "\""), victim.body());
        assertNotEquals(attackerSession, browser.cookie("localhost", "JSESSIONID").orElseThrow().value());
        Browser.Exchange api = attacker.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", attackerCsrf);
        assertEquals(401, api.status(), "the attacker's session cookie signs nobody in: " + api.body());
        Browser.Exchange page = attacker.get(TestApp.url("/pages/profile.xhtml"));
        assertEquals(302, page.status(), "the attacker's session cookie opens no protected page: " + page.body());
    }

    @Test
    void anonymousLoginStartsSetNoSessionCookie() {
        int starts = 300;
        for (int i = 0; i < starts; i++) {
            Browser.Exchange login = new Browser().get(TestApp.url("/api/auth/login?tenant_name=devs4you"));
            assertEquals(302, login.status(), "login start " + i);
            List<String> setCookies = login.headers("Set-Cookie");
            assertEquals(1, setCookies.size(), "login start " + i + " sets its login-state cookie only: " + setCookies);
            assertTrue(setCookies.get(0).startsWith("login#"), setCookies.get(0));
        }
    }

    @Test
    void sessionEndpointAnswersUserTenantAndMetadataWithTheCsrfHeader() {
        WristbandTestKit.signInAt(browser, "alice", TestApp.loginUrl());

        Browser.Exchange session = browser.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrfToken());

        assertEquals(200, session.status(), session.body());
        assertNoStore(session);
        assertEquals("no-cache", session.header("Pragma").orElseThrow());
        assertTrue(session.header("Content-Type").orElseThrow().startsWith("application/json"));
        JsonObject json = Json.createReader(new StringReader(session.body())).readObject();
        assertEquals(wristband.users().stream().filter(u -> u.login().equals("alice")).findFirst().orElseThrow().userId(),
                json.getString("userId"));
        assertFalse(json.getString("tenantId").isBlank());
        assertEquals("devs4you", json.getJsonObject("metadata").getString("tenantName"));
    }

    @Test
    void sessionEndpointWithoutTheCsrfHeaderIsForbidden() {
        WristbandTestKit.signInAt(browser, "alice", TestApp.loginUrl());

        Browser.Exchange missing = browser.get(TestApp.url("/api/auth/session"));
        Browser.Exchange wrong = browser.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", "0".repeat(32));

        assertEquals(403, missing.status());
        assertEquals("{\"error\":\"Forbidden\"}", missing.body());
        assertEquals(403, wrong.status());
        assertEquals("{\"error\":\"Forbidden\"}", wrong.body());
    }

    @Test
    void sessionEndpointWithoutASessionIsUnauthorized() {
        Browser.Exchange session = browser.get(TestApp.url("/api/auth/session"));

        assertEquals(401, session.status());
        assertEquals("{\"error\":\"Unauthorized\"}", session.body());
        assertTrue(session.headers("Set-Cookie").isEmpty(), "no session is created");
    }

    @Test
    void protectedJsfPageShowsTheSignedInUser() {
        WristbandTestKit.signInAt(browser, "bob", TestApp.loginUrl());

        Browser.Exchange page = browser.get(TestApp.url("/pages/profile.xhtml"));

        assertEquals(200, page.status());
        assertTrue(page.body().contains("bob@devs4you.example"), page.body());
        assertTrue(page.body().contains("<span id=\"tenant\">devs4you</span>"), page.body());
        assertTrue(page.body().contains("<span id=\"admin\">false</span>"), page.body());
    }

    @Test
    void aProtectedPageRequestedAsJsonGets401JsonInsteadOfTheLoginRedirect() {
        Browser.Exchange page = browser.get(TestApp.url("/pages/profile.xhtml"), "Accept", "application/json");

        assertEquals(401, page.status(), page.body());
        assertEquals("{\"error\":\"Unauthorized\"}", page.body());
    }

    @Test
    void aBrowsersVisitToAProtectedPageIsStillSentToTheLogin() {
        Browser.Exchange page = browser.get(TestApp.url("/pages/profile.xhtml"), "Accept",
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        assertEquals(302, page.status(), page.body());
        assertTrue(page.location().startsWith(TestApp.url("/api/auth/login?return_url=")), page.location());
    }

    @Test
    void adminJspNeedsTheAdminRole() {
        Browser alice = new Browser();
        WristbandTestKit.signInAt(alice, "alice", TestApp.loginUrl());
        WristbandTestKit.signInAt(browser, "bob", TestApp.loginUrl());

        Browser.Exchange forAlice = alice.get(TestApp.url("/admin/index.jsp"));
        Browser.Exchange forBob = browser.get(TestApp.url("/admin/index.jsp"));

        assertEquals(200, forAlice.status(), forAlice.body());
        assertTrue(forAlice.body().contains("<span id=\"admin\">true</span>"), forAlice.body());
        assertEquals(403, forBob.status());
        assertTrue(forBob.body().contains("<h1 id=\"forbidden\">Not for your role</h1>"), forBob.body());
        assertTrue(forBob.body().contains("<a href=\"" + TestApp.CONTEXT + "/\">Home</a>"), forBob.body());
    }

    @Test
    void rolesAllowedResourceAnswersForTheSignedInUser() {
        WristbandTestKit.signInAt(browser, "alice", TestApp.loginUrl());

        Browser.Exchange me = browser.get(TestApp.url("/api/demo/me"), "X-CSRF-TOKEN", csrfToken());

        assertEquals(200, me.status(), me.body());
        JsonObject json = Json.createReader(new StringReader(me.body())).readObject();
        assertEquals("devs4you", json.getString("tenantName"));
        assertTrue(json.getBoolean("admin"));
    }

    @Test
    void rolesAllowedResourceWithoutASessionIsUnauthorizedJson() {
        Browser.Exchange me = browser.get(TestApp.url("/api/demo/me"));

        assertEquals(401, me.status(), me.body());
        assertEquals("{\"error\":\"Unauthorized\"}", me.body());
    }

    @Test
    void protectedPageWithoutASessionRedirectsToLoginAndBackAfterSignIn() {
        Browser.Exchange page = browser.get(TestApp.url("/pages/profile.xhtml?tab=1"));

        assertEquals(302, page.status());
        URI login = URI.create(TestApp.origin()).resolve(page.location());
        assertEquals(TestApp.CONTEXT + "/api/auth/login", login.getPath());
        assertEquals(TestApp.url("/pages/profile.xhtml?tab=1"), query(login, "return_url"));

        Browser.Exchange landed = last(WristbandTestKit.signInAt(browser, "bob", login + "&tenant_name=devs4you"));
        assertEquals(TestApp.url("/pages/profile.xhtml?tab=1"), landed.uri().toString());
        assertEquals(200, landed.status());
    }

    @Test
    void publicRequestsCreateNoSession() {
        Browser.Exchange home = browser.get(TestApp.url("/"));
        Browser.Exchange api = browser.get(TestApp.url("/api/demo/public"));

        assertEquals(200, home.status());
        assertEquals(200, api.status());
        assertTrue(browser.cookies().isEmpty(), "cookies: " + browser.cookies());
    }

    @Test
    void theHomePageOfASignedInUserShowsTheUserAndNoSignInLinks() {
        Browser.Exchange home = last(WristbandTestKit.signInAt(browser, "alice", TestApp.loginUrl())); // the callback's default return URL: home

        assertEquals(TestApp.url("/"), home.uri().toString());
        assertEquals(200, home.status(), home.body());
        String page = home.body();
        assertTrue(page.contains("<section id=\"signed-in\">"), page);
        assertTrue(page.contains("<strong id=\"user\">alice@devs4you.example</strong>"), page);
        assertTrue(page.contains("<strong id=\"tenant\">devs4you</strong>"), page);
        assertTrue(page.contains("href=\"" + TestApp.CONTEXT + "/pages/profile.xhtml\""), page);
        assertTrue(page.contains("href=\"" + TestApp.CONTEXT + "/admin/index.jsp\""), page);
        assertTrue(page.contains("<button id=\"call-me\""), page);
        assertTrue(page.contains("<a id=\"logout\" href=\"" + TestApp.CONTEXT + "/api/auth/logout\">Log out</a>"), page);
        assertFalse(page.contains("id=\"sign-in-links\""), page);
        assertFalse(page.contains("/api/auth/login"), "no way to sign in again while signed in: " + page);
        Browser.Exchange marked = browser.get(TestApp.url(SIGNED_OUT_LANDING));
        assertTrue(marked.body().contains("<section id=\"signed-in\">"), marked.body());
        assertFalse(marked.body().contains("id=\"signed-out\""), "signed in, whatever the address says: " + marked.body());
    }

    @Test
    void theHomePageSignedOutShowsTheSignInLinks() {
        Browser.Exchange home = browser.get(TestApp.url("/"));

        assertEquals(200, home.status(), home.body());
        String page = home.body();
        assertTrue(page.contains("<section id=\"sign-in-links\">"), page);
        assertTrue(page.contains("<a id=\"login\" href=\"" + TestApp.CONTEXT + "/api/auth/login\">"), page);
        assertTrue(page.contains("<a id=\"login-devs4you\" href=\"" + TestApp.CONTEXT
                + "/api/auth/login?tenant_name=devs4you\">"), page);
        assertFalse(page.contains("id=\"signed-in\""), page);
        assertFalse(page.contains("/api/auth/logout"), "nothing to log out of: " + page);
        assertFalse(page.contains("id=\"signed-out\""), "no logout happened: " + page);
        assertTrue(browser.cookies().isEmpty(), "the home page creates no session: " + browser.cookies());
    }

    @Test
    void loggingOutLandsOnTheHomePageSayingYouAreSignedOut() {
        WristbandTestKit.signInAt(browser, "bob", TestApp.loginUrl());

        List<Browser.Exchange> hops = browser.follow(TestApp.url("/api/auth/logout"), "Sec-Fetch-Site", "same-origin");

        Browser.Exchange landed = last(hops);
        assertEquals("/api/v1/logout", hops.get(1).uri().getPath(), "through Wristband's logout: " + hops);
        assertEquals(TestApp.url(SIGNED_OUT_LANDING), landed.uri().toString());
        assertEquals(200, landed.status(), landed.body());
        assertTrue(landed.body().contains("<p id=\"signed-out\" class=\"notice\">You are signed out.</p>"),
                landed.body());
        assertTrue(landed.body().contains("<section id=\"sign-in-links\">"), landed.body());
    }

    /**
     * Logging out lands on the home page and starts no login, so signing in again from there leaves no login state
     * behind: every {@code login#} cookie the browser holds afterwards would be one it no longer needs.
     */
    @Test
    void signingInAgainAfterLoggingOutLeavesNoLoginStateCookie() {
        WristbandTestKit.signInAt(browser, "bob", TestApp.loginUrl());
        browser.follow(TestApp.url("/api/auth/logout"), "Sec-Fetch-Site", "same-origin");

        WristbandTestKit.signInAt(browser, "alice", TestApp.loginUrl());

        assertEquals(List.of(), browser.cookies().stream().map(Browser.Cookie::name)
                .filter(name -> name.startsWith("login#")).toList());
    }

    /**
     * A mistyped address gets the demo's page with a way home, not the server's default one, which on Open Liberty
     * names Java exceptions ("Error 404: jakarta.servlet.ServletException: java.io.FileNotFoundException: SRVE0190E").
     * The library's own answers stay as they are.
     */
    @Test
    void aMissingPageIsAStyled404WithoutJavaNames() {
        for (String path : List.of("/no-such-page.html", "/no-such-page.jsp", "/no/such/folder/",
                "/no-such-page.xhtml")) {
            Browser.Exchange missing = browser.get(TestApp.url(path));

            assertEquals(404, missing.status(), path + ": " + missing.body());
            String page = missing.body();
            assertTrue(page.contains("<h1 id=\"not-found\">No such page</h1>"), path + ": " + page);
            assertTrue(page.contains("<link rel=\"stylesheet\" href=\"" + TestApp.CONTEXT + "/demo.css\">"), page);
            assertTrue(page.contains("<a id=\"home\" href=\"" + TestApp.CONTEXT + "/\">"), page);
            for (String internal : List.of("Exception", "SRVE", "java.", "\tat ")) {
                assertFalse(page.contains(internal), path + " names " + internal + ": " + page);
            }
        }
        // (A missing Faces view leaves MyFaces' flash cookie on Liberty: no session.)
        assertTrue(browser.cookie("localhost", "JSESSIONID").isEmpty(), "the error page creates no session: "
                + browser.cookies());
        Browser.Exchange missingEndpoint = browser.get(TestApp.url("/api/auth/nothing-here"));
        assertEquals(404, missingEndpoint.status(), missingEndpoint.body());
        assertEquals("{\"error\":\"Not Found\"}", missingEndpoint.body(), "the library's answer, not the page");
    }

    /** A page that throws gets the demo's 500 page, not the exception's class, message or stack trace. */
    @Test
    void aFailingPageIsAStyled500WithoutJavaNames() {
        Browser.Exchange failed = browser.get(TestApp.url("/" + FAILING_PAGE));

        assertEquals(500, failed.status(), failed.body());
        String page = failed.body();
        assertTrue(page.contains("<h1 id=\"server-error\">Something went wrong</h1>"), page);
        assertTrue(page.contains("<a id=\"home\" href=\"" + TestApp.CONTEXT + "/\">"), page);
        for (String internal : List.of("Exception", "a failing page", "SRVE", "java.", "\tat ")) {
            assertFalse(page.contains(internal), "names " + internal + ": " + page);
        }
    }

    @Test
    void logoutRevokesTheRefreshTokenEndsTheSessionAndRedirectsToWristband() {
        Browser.Cookie sessionCookie = WristbandTestKit.signInAt(browser, "alice", TestApp.loginUrl()).stream()
                .filter(h -> h.uri().getPath().endsWith("/api/auth/callback"))
                .flatMap(h -> h.headers("Set-Cookie").stream()).map(c -> Browser.parse("localhost", c))
                .filter(c -> c.name().equals("JSESSIONID")).findFirst().orElseThrow();
        String csrf = csrfToken();

        Browser.Exchange logout = browser.get(TestApp.url("/api/auth/logout"), "Sec-Fetch-Site", "same-origin");

        assertEquals(302, logout.status());
        URI wristbandLogout = URI.create(logout.location());
        assertEquals("devs4you-" + wristband.vanityDomain(), wristbandLogout.getRawAuthority());
        assertEquals("/api/v1/logout", wristbandLogout.getPath());
        assertEquals(TestApp.CLIENT_ID, query(wristbandLogout, "client_id"));
        assertEquals(1, wristband.calls(Endpoint.REVOKE));
        assertEquals(1, wristband.revokedTokens().size());
        assertTrue(logout.headers("Set-Cookie").stream().anyMatch(c -> c.startsWith("CSRF-TOKEN=;") && c.contains("Max-Age=0")));
        Browser.Cookie sessionDeletion = logout.headers("Set-Cookie").stream().map(c -> Browser.parse("localhost", c))
                .filter(c -> c.name().equals("JSESSIONID")).findFirst()
                .orElseThrow(() -> new AssertionError("the logout deletes the session cookie"));
        assertEquals("0", sessionDeletion.attributes().get("max-age"));
        assertEquals(sessionCookie.path(), sessionDeletion.path(), "deleted on the path the server set it on");
        assertTrue(browser.cookie("localhost", "JSESSIONID").isEmpty(),
                () -> "no session cookie left: " + logout.headers("Set-Cookie"));
        Browser.Exchange after = browser.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrf);
        assertEquals(401, after.status());
    }

    @Test
    void logoutAfterAuthenticatedRequestsEndsTheSession() {
        WristbandTestKit.signInAt(browser, "alice", TestApp.loginUrl());
        String csrf = csrfToken();
        assertEquals(200, browser.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrf).status());
        assertEquals(200, browser.get(TestApp.url("/pages/profile.xhtml")).status());

        Browser.Exchange logout = browser.get(TestApp.url("/api/auth/logout"), "Sec-Fetch-Site", "same-origin");

        assertEquals(302, logout.status(), logout.body());
        assertEquals(401, browser.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrf).status());
        assertEquals(302, browser.get(TestApp.url("/pages/profile.xhtml")).status());
    }

    @Test
    void signingInAgainOverAnExistingSessionReplacesTheUser() {
        WristbandTestKit.signInAt(browser, "alice", TestApp.loginUrl());
        assertEquals(200, browser.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrfToken()).status());
        String firstSession = browser.cookie("localhost", "JSESSIONID").orElseThrow().value();

        WristbandTestKit.signInAt(browser, "bob", TestApp.loginUrl());
        Browser.Exchange session = browser.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrfToken());

        assertEquals(200, session.status(), session.body());
        assertTrue(session.body().contains("bob@devs4you.example"), session.body());
        assertNotEquals(firstSession, browser.cookie("localhost", "JSESSIONID").orElseThrow().value());
    }

    @Test
    void tokenEndpointIsOffUnlessConfigured() {
        WristbandTestKit.signInAt(browser, "alice", TestApp.loginUrl());

        Browser.Exchange token = browser.get(TestApp.url("/api/auth/token"), "X-CSRF-TOKEN", csrfToken());

        assertEquals(404, token.status());
    }

    /**
     * {@code Cache-Control: no-store} (docs/protocol.md §1.2). Open Liberty adds {@code no-cache=set-cookie} to any response
     * that sets a cookie, which only narrows caching further.
     */
    static void assertNoStore(Browser.Exchange exchange) {
        String cacheControl = exchange.header("Cache-Control").orElseThrow(() -> new AssertionError("no Cache-Control"));
        assertTrue(cacheControl.equals("no-store") || cacheControl.startsWith("no-store, no-cache=set-cookie"), cacheControl);
        assertEquals("no-cache", exchange.header("Pragma").orElseThrow());
    }

    private String csrfToken() {
        return browser.cookie("localhost", "CSRF-TOKEN").orElseThrow(() -> new AssertionError("no CSRF cookie")).value();
    }

    static String query(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            if (pair.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + uri);
    }
}
