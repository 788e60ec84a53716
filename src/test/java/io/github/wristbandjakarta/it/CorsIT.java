package io.github.wristbandjakarta.it;

import io.github.wristbandjakarta.testkit.Browser;
import io.github.wristbandjakarta.testkit.WristbandTestKit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On both servers: with {@code wristband.cors.allowed-origins}, a single-page application on another
 * origin of the same site (a dev server on another port) calls the auth endpoints and API paths with credentials: its
 * preflight is answered with the CSRF header allowed, its calls carry the CORS headers, and its state-changing calls
 * pass the origin check; another origin gets no CORS header.
 */
@ExtendWith(ArquillianExtension.class)
class CorsIT {

    private static final String SPA = "http://localhost:5173";
    private final Browser browser = new Browser();

    @Deployment(testable = false)
    static WebArchive app() {
        Map<String, String> config = TestApp.baseConfig();
        config.put("wristband.cors.allowed-origins", SPA);
        return TestApp.deployment(config).addClass(BearerCallerServlet.class);
    }

    @BeforeEach
    void resetEmulator() {
        TestApp.emulator().reset();
    }

    private static HttpResponse<String> preflight(String origin) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(TestApp.url("/api/auth/session")))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "x-csrf-token")
                .timeout(Duration.ofSeconds(10))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private String csrf() {
        return browser.cookie("localhost", "CSRF-TOKEN").orElseThrow().value();
    }

    @Test
    void aPreflightFromTheAllowedOriginAllowsCredentialsAndTheCsrfHeader() throws Exception {
        HttpResponse<String> preflight = preflight(SPA);

        assertEquals(204, preflight.statusCode(), preflight.body());
        assertEquals(Optional.of(SPA), preflight.headers().firstValue("Access-Control-Allow-Origin"));
        assertEquals(Optional.of("true"), preflight.headers().firstValue("Access-Control-Allow-Credentials"));
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase()
                .contains("x-csrf-token"), preflight.headers().map().toString());
    }

    @Test
    void aPreflightFromAnotherOriginGetsNoCorsHeader() throws Exception {
        HttpResponse<String> preflight = preflight("http://localhost:6666");

        assertEquals(Optional.empty(), preflight.headers().firstValue("Access-Control-Allow-Origin"));
        assertEquals(Optional.empty(), preflight.headers().firstValue("Access-Control-Allow-Credentials"));
    }

    @Test
    void aCredentialedCallFromTheAllowedOriginIsReadableByIt() {
        WristbandTestKit.signInAt(browser, "alice", TestApp.loginUrl());

        Browser.Exchange session = browser.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrf(),
                "Origin", SPA, "Sec-Fetch-Site", "same-site");

        assertEquals(200, session.status(), session.body());
        assertEquals(SPA, session.headers("Access-Control-Allow-Origin").get(0));
        assertEquals("true", session.headers("Access-Control-Allow-Credentials").get(0));
    }

    @Test
    void aStateChangingCallFromTheAllowedOriginPassesTheOriginCheck() {
        WristbandTestKit.signInAt(browser, "alice", TestApp.loginUrl());

        Browser.Exchange post = browser.post(TestApp.url("/api/it/caller"), "", "X-CSRF-TOKEN", csrf(),
                "Origin", SPA, "Sec-Fetch-Site", "same-site");

        assertEquals(200, post.status(), post.body());
        assertEquals(SPA, post.headers("Access-Control-Allow-Origin").get(0));
    }

    @Test
    void theSinglePageApplicationsLogoutRedirectSignsOut() {
        WristbandTestKit.signInAt(browser, "alice", TestApp.loginUrl());
        String csrf = csrf();

        // What a browser sends when the SPA sets window.location to the Logout Endpoint (the React SDK's
        // redirectToLogout): a same-site navigation whose Referer is the SPA's origin.
        Browser.Exchange logout = browser.get(TestApp.url("/api/auth/logout"), "Sec-Fetch-Site", "same-site",
                "Referer", SPA + "/");

        assertEquals(302, logout.status(), logout.body());
        assertEquals(401, browser.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrf).status());
    }
}
