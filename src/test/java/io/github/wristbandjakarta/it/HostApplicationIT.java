package io.github.wristbandjakarta.it;

import io.github.wristbandjakarta.it.host.HostApplication;
import io.github.wristbandjakarta.it.host.HostAsyncServlet;
import io.github.wristbandjakarta.it.host.HostClock;
import io.github.wristbandjakarta.it.host.HostExceptionMapper;
import io.github.wristbandjakarta.it.host.HostJsonb;
import io.github.wristbandjakarta.it.host.HostResource;
import io.github.wristbandjakarta.it.host.HostSessionMetadata;
import io.github.wristbandjakarta.it.host.HostUnauthenticatedRequests;
import io.github.wristbandjakarta.it.host.HostUser;
import io.github.wristbandjakarta.testkit.Browser;
import io.github.wristbandjakarta.testkit.WristbandTestKit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library in a host application that is not the demo, as a team adds it to its own WAR: its JAX-RS
 * Application at /rest listing its classes, its own ExceptionMapper&lt;Throwable&gt; and unqualified Clock producer,
 * its own web.xml with a JSF page behind a constraint; in WEB-INF/lib the library jar and jose4j, nothing else of
 * ours. The host's tests sign users in with the test kit, as a user's tests would.
 */
@ExtendWith(ArquillianExtension.class)
class HostApplicationIT {

    @RegisterExtension
    static final WristbandTestKit wristband = WristbandTestKit.forApplication(TestApp.url(""));

    private static final String WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                <servlet>
                    <servlet-name>Faces Servlet</servlet-name>
                    <servlet-class>jakarta.faces.webapp.FacesServlet</servlet-class>
                    <load-on-startup>1</load-on-startup>
                </servlet>
                <servlet-mapping>
                    <servlet-name>Faces Servlet</servlet-name>
                    <url-pattern>*.xhtml</url-pattern>
                </servlet-mapping>
                <welcome-file-list>
                    <welcome-file>welcome.html</welcome-file>
                </welcome-file-list>
                <security-constraint>
                    <web-resource-collection>
                        <web-resource-name>members</web-resource-name>
                        <url-pattern>/members/*</url-pattern>
                    </web-resource-collection>
                    <auth-constraint>
                        <role-name>user</role-name>
                    </auth-constraint>
                </security-constraint>
                <security-constraint>
                    <web-resource-collection>
                        <web-resource-name>the team's API</web-resource-name>
                        <url-pattern>/rest/team</url-pattern>
                        <url-pattern>/api/auth/token</url-pattern>
                    </web-resource-collection>
                    <auth-constraint>
                        <role-name>admin</role-name>
                    </auth-constraint>
                </security-constraint>
                <security-role>
                    <role-name>user</role-name>
                </security-role>
                <security-role>
                    <role-name>admin</role-name>
                </security-role>
                <error-page>
                    <error-code>400</error-code>
                    <location>/errors/400.html</location>
                </error-page>
                <error-page>
                    <error-code>401</error-code>
                    <location>/errors/401.html</location>
                </error-page>
                <error-page>
                    <error-code>403</error-code>
                    <location>/errors/403.html</location>
                </error-page>
                <error-page>
                    <error-code>404</error-code>
                    <location>/errors/404.html</location>
                </error-page>
            </web-app>
            """;

    private static final String PAGE = """
            <!DOCTYPE html>
            <html xmlns:h="jakarta.faces.html">
            <h:head><title>Members</title></h:head>
            <h:body><p>Members only: <span id="caller">#{hostUser.name}</span></p>
            <h:form id="notes"><h:commandButton id="save" value="Save" action="#{hostUser.save}"/></h:form>
            <p>saved: <span id="saved">#{hostUser.saved}</span></p></h:body>
            </html>
            """;

    @Deployment(testable = false)
    static WebArchive host() {
        return TestApp.hostArchive("app.war", hostConfig())
                .addClasses(HostApplication.class, HostResource.class, HostExceptionMapper.class, HostClock.class,
                        HostJsonb.class, HostUser.class, HostUnauthenticatedRequests.class,
                        HostSessionMetadata.class, HostAsyncServlet.class)
                .addAsWebInfResource(new StringAsset(WEB_XML), "web.xml")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsWebResource(new StringAsset(PAGE), "members/page.xhtml")
                .addAsWebResource(new StringAsset("<!DOCTYPE html><p>the host's welcome page</p>"), "welcome.html")
                .addAsWebResource(new StringAsset(hostErrorPage(400)), "errors/400.html")
                .addAsWebResource(new StringAsset(hostErrorPage(401)), "errors/401.html")
                .addAsWebResource(new StringAsset(hostErrorPage(403)), "errors/403.html")
                .addAsWebResource(new StringAsset(hostErrorPage(404)), "errors/404.html");
    }

    private static String hostErrorPage(int status) {
        return "<!DOCTYPE html><p>the host's " + status + " page</p>";
    }

    private static Map<String, String> hostConfig() {
        Map<String, String> config = wristband.config();
        config.put("wristband.api-path-prefix", "/rest/");
        config.put("wristband.role-mapping", "app:demo:admin=admin, app:demo:user=user");
        config.put("wristband.token-endpoint.enabled", "true");
        return config;
    }

    @Test
    void theHostsResourcesKeepTheirPathsAndTheAuthEndpointsAnswerAtTheirs() {
        Browser browser = new Browser();

        Browser.Exchange hello = browser.get(TestApp.url("/rest/hello"));
        Browser.Exchange session = browser.get(TestApp.url("/api/auth/session"));
        Browser.Exchange unknown = browser.get(TestApp.url("/api/auth/nothing-here"));
        Browser.Exchange welcome = browser.get(TestApp.url("/"));

        assertEquals(200, hello.status(), hello.body());
        assertEquals("hello from the host", hello.body());
        assertEquals(401, session.status(), session.body());
        assertEquals("{\"error\":\"Unauthorized\"}", session.body());
        assertEquals(404, unknown.status(), unknown.body());
        assertTrue(welcome.body().contains("the host's welcome page"), welcome.body());
    }

    @Test
    void aSignedInUserIsTheCallerOfTheHostsPagesAndResources() {
        Browser browser = wristband.signIn("alice");
        String csrf = wristband.csrfToken(browser);

        Browser.Exchange session = browser.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrf);
        Browser.Exchange me = browser.get(TestApp.url("/rest/me"), "X-CSRF-TOKEN", csrf);
        Browser.Exchange page = browser.get(TestApp.url("/members/page.xhtml"));

        String alice = wristband.emulator().users().get(0).userId();
        assertEquals(200, session.status(), session.body());
        assertTrue(session.body().contains("\"userId\":\"" + alice + "\""), session.body());
        assertEquals(200, me.status(), me.body());
        assertEquals(alice + " devs4you true", me.body());
        assertEquals(200, page.status(), page.body());
        assertTrue(page.body().contains("<span id=\"caller\">" + alice + "</span>"), page.body());
    }

    @Test
    void theHostsAsyncServletGoesAsynchronousPastTheLibrarysFilters() {
        Browser visitor = new Browser();
        Browser alice = wristband.signIn("alice");

        Browser.Exchange anonymous = visitor.get(TestApp.url("/async"));
        Browser.Exchange signedIn = alice.get(TestApp.url("/async"));

        assertEquals(200, anonymous.status(), anonymous.body());
        assertEquals("answered asynchronously", anonymous.body());
        assertEquals(200, signedIn.status(), signedIn.body());
        assertEquals("answered asynchronously", signedIn.body());
    }

    @Test
    void securityContextAuthenticateOfASignedInUserAnswersSuccess() {
        Browser browser = wristband.signIn("alice");

        Browser.Exchange answer = browser.get(TestApp.url("/rest/authenticate"), "X-CSRF-TOKEN",
                wristband.csrfToken(browser));

        assertEquals(200, answer.status(), answer.body());
        assertEquals("SUCCESS", answer.body());
    }

    @Test
    void onWildFlyTheContainerCallsTheMechanismWithoutJakartaSecuritysBridge() {
        Browser.Exchange provider = new Browser().get(TestApp.url("/rest/provider"));

        assertEquals(200, provider.status(), provider.body());
        if ("wildfly".equals(System.getProperty("arquillian.launch"))) {
            assertEquals("io.github.wristbandjakarta.internal.security.MechanismAuthConfigProvider", provider.body());
        } else {
            assertFalse(provider.body().startsWith("io.github.wristbandjakarta."), provider.body());
        }
    }

    @Test
    void onLibertyASignedInUsersRequestsReuseTheContainersIdentity() {
        Browser alice = wristband.signIn("alice");
        Browser bob = wristband.signIn("bob");

        String first = alice.get(TestApp.url("/rest/caller-subject"), "X-CSRF-TOKEN", wristband.csrfToken(alice)).body();
        String second = alice.get(TestApp.url("/rest/caller-subject"), "X-CSRF-TOKEN", wristband.csrfToken(alice)).body();
        String bobs = bob.get(TestApp.url("/rest/caller-subject"), "X-CSRF-TOKEN", wristband.csrfToken(bob)).body();

        if ("wildfly".equals(System.getProperty("arquillian.launch"))) {
            // Elytron makes an identity per request without a login module: nothing to reuse.
            assertEquals(List.of("none", "none", "none"), List.of(first, second, bobs));
        } else {
            assertTrue(first.matches("[0-9a-f]+"), first);
            assertEquals(first, second, "the login of the first request, found in Liberty's authentication cache");
            assertNotEquals(first, bobs, "another caller, another login");
        }
    }

    @Test
    void theHostsOwnFieldsJoinTheSessionEndpointsMetadata() {
        Browser alice = wristband.signIn("alice");

        Browser.Exchange session = alice.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", wristband.csrfToken(alice));

        assertEquals(200, session.status(), session.body());
        String aliceId = wristband.emulator().users().get(0).userId();
        assertTrue(session.body().startsWith("{\"userId\":\"" + aliceId + "\",\"tenantId\":\""), session.body());
        assertTrue(session.body().contains("\"tenantName\":\"devs4you\""), session.body());
        assertTrue(session.body().contains("\"plan\":\"gold\""), session.body());
    }

    @Test
    void theHostsProtectedPageSendsAVisitorToTheLogin() {
        Browser.Exchange page = new Browser().get(TestApp.url("/members/page.xhtml"));

        assertEquals(302, page.status(), page.body());
        assertTrue(page.location().startsWith(TestApp.url("/api/auth/login?return_url=")), page.location());
    }

    @Test
    void theHostsOwnDecisionTurnsAPageRedirectInto401Json() {
        Browser.Exchange page = new Browser().get(TestApp.url("/members/page.xhtml"), "X-Host-Answer", "json");

        assertEquals(401, page.status(), page.body());
        assertEquals("{\"error\":\"Unauthorized\"}", page.body());
    }

    @Test
    void theHostsRolesAllowedRefusalOfAVisitorIsTheHostsToAnswer() {
        // Not a web.xml constraint, so the mechanism lets the anonymous request through; the JAX-RS runtime refuses it
        // and the host's own mapper answers (the reference application's turns it into 401 JSON for its SPA).
        Browser.Exchange me = new Browser().get(TestApp.url("/rest/me"));

        assertEquals(418, me.status(), me.body());
        assertEquals("the host's mapper: ForbiddenException", me.body());
    }

    @Test
    void theHostsExceptionMapperDecidesTheHostsErrorsAndOnlyThose() {
        Browser browser = new Browser();

        Browser.Exchange boom = browser.get(TestApp.url("/rest/boom"));
        Browser.Exchange badLogin = browser.get(TestApp.url("/api/auth/login?tenant_name=a&tenant_name=b"));

        assertEquals(418, boom.status(), boom.body());
        assertEquals("the host's mapper: IllegalStateException", boom.body());
        assertEquals(400, badLogin.status(), badLogin.body());
        assertTrue(badLogin.body().startsWith("{\"error\":\"invalid_request\""), badLogin.body());
    }

    @Test
    void theHostsErrorPagesAnswerItsOwnErrorsButNotTheAuthEndpoints() {
        Browser browser = new Browser();

        Browser.Exchange missingPage = browser.get(TestApp.url("/no-such-page.html"));
        Browser.Exchange missingEndpoint = browser.get(TestApp.url("/api/auth/nothing-here"));
        Browser.Exchange badLogin = browser.get(TestApp.url("/api/auth/login?tenant_name=a&tenant_name=b"));

        assertEquals(404, missingPage.status(), missingPage.body());
        assertTrue(missingPage.body().contains("the host's 404 page"), missingPage.body());
        assertEquals(404, missingEndpoint.status(), missingEndpoint.body());
        assertEquals("{\"error\":\"Not Found\"}", missingEndpoint.body());
        assertEquals(400, badLogin.status(), badLogin.body());
        assertTrue(badLogin.body().startsWith("{\"error\":\"invalid_request\""), badLogin.body());
    }

    @Test
    void aConstrainedApiPathAnswersAVisitor401JsonNotTheHostsPage() {
        Browser.Exchange team = new Browser().get(TestApp.url("/rest/team"));

        assertEquals(401, team.status(), team.body());
        assertEquals("{\"error\":\"Unauthorized\"}", team.body());
        assertTrue(team.headers("WWW-Authenticate").isEmpty(), "no Basic challenge: " + team.headers("WWW-Authenticate"));
    }

    @Test
    void aSignedInUserWithoutTheRoleGetsTheHostsForbiddenPage() {
        Browser bob = wristband.signIn("bob");

        Browser.Exchange team = bob.get(TestApp.url("/rest/team"), "X-CSRF-TOKEN", wristband.csrfToken(bob));

        assertEquals(403, team.status(), team.body());
        assertTrue(team.body().contains("the host's 403 page"), team.body());
    }

    @Test
    void anAdminReachesTheConstrainedApiPath() {
        Browser alice = wristband.signIn("alice");

        Browser.Exchange team = alice.get(TestApp.url("/rest/team"), "X-CSRF-TOKEN", wristband.csrfToken(alice));

        assertEquals(200, team.status(), team.body());
        assertEquals("the team page of " + wristband.emulator().users().get(0).userId(), team.body());
    }

    @Test
    void aTokenEndpointTheHostConstrainsAnswersItsRole() {
        // The Session and Token endpoints are answered without the container's login, unless the host constrains
        // them: then the container decides, with the caller the mechanism gave it.
        Browser alice = wristband.signIn("alice");

        Browser.Exchange token = alice.get(TestApp.url("/api/auth/token"), "X-CSRF-TOKEN", wristband.csrfToken(alice));

        assertEquals(200, token.status(), token.body());
        assertTrue(token.body().startsWith("{\"accessToken\":\"ey"), token.body());
    }

    @Test
    void aTokenEndpointTheHostConstrainsRefusesOtherRoles() {
        Browser bob = wristband.signIn("bob");

        Browser.Exchange token = bob.get(TestApp.url("/api/auth/token"), "X-CSRF-TOKEN", wristband.csrfToken(bob));

        assertEquals(403, token.status(), token.body());
        assertTrue(token.body().contains("the host's 403 page"), token.body());
    }

    @Test
    void visitorsCheckingTheirSessionOrOpeningAPageLeaveNoWarningInTheServerLog() {
        // Each anonymous load of a single-page app asks the Session Endpoint; operations read every warning. (A 401 the
        // mechanism itself answers on a constrained path still makes Open Liberty log SRVE8115W: docs/deploying-liberty.md.)
        long mark = ServerLog.mark();
        Browser visitor = new Browser();
        for (int i = 0; i < 3; i++) {
            assertEquals(401, visitor.get(TestApp.url("/api/auth/session")).status());
        }
        assertEquals(302, visitor.get(TestApp.url("/members/page.xhtml")).status());
        // A request the library logs at INFO: once it is in the log, so is everything the requests above logged.
        assertEquals(400, visitor.get(TestApp.url("/api/auth/login?tenant_name=a&tenant_name=b")).status());

        String log = ServerLog.awaitSince(mark, text -> text.contains("Login rejected"));

        assertTrue(log.contains("Login rejected"), log);
        assertEquals(List.of(), ServerLog.warnings(log));
    }

    @Test
    void refusedRequestsOfASignedInUserGetOurJsonAndLeaveNoWarningInTheServerLog() {
        // The host defines a 403 error page; before RefusedRequestFilter, Open Liberty dispatched it over our answer
        // (SRVE8115W, and SRVE0777E for a JSP page), and WildFly logged UT010019 for a refused POST with a body.
        Browser alice = wristband.signIn("alice");
        String page = alice.get(TestApp.url("/members/page.xhtml")).body();
        long mark = ServerLog.mark();

        Browser.Exchange form = alice.post(TestApp.url("/members/page.xhtml"), jsfSave(page),
                "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site");
        Browser.Exchange api = alice.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", "0".repeat(32));
        assertEquals(400, alice.get(TestApp.url("/api/auth/login?tenant_name=a&tenant_name=b")).status());

        assertEquals(403, form.status(), form.body());
        assertEquals("{\"error\":\"Forbidden\"}", form.body(), "our answer, not the host's 403 page");
        assertEquals(403, api.status(), api.body());
        assertEquals("{\"error\":\"Forbidden\"}", api.body());
        String log = ServerLog.awaitSince(mark, text -> text.contains("Login rejected"));
        assertTrue(log.contains("Login rejected"), log);
        assertEquals(List.of(), ServerLog.warnings(log));
    }

    @Test
    void jose4jLogsToTheServersLogAndSlf4jPrintsNothingOfItsOwn() {
        wristband.signIn("alice"); // the ID token's verification and the login state's encryption use jose4j

        // The whole log of this server run: SLF4J complains once, at its first use, whichever test that was.
        assertFalse(ServerLog.since(0).contains("SLF4J"),
                () -> String.join("\n", ServerLog.since(0).lines().filter(l -> l.contains("SLF4J")).toList()));
    }

    // ---- state-changing requests come from the host's own pages

    @Test
    void aSignedInUsersPostFromAnotherSiteIsRefused() {
        Browser alice = wristband.signIn("alice");

        Browser.Exchange note = alice.post(TestApp.url("/rest/notes"), "", "X-CSRF-TOKEN", wristband.csrfToken(alice),
                "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site");

        assertEquals(403, note.status(), note.body());
        assertEquals("{\"error\":\"Forbidden\"}", note.body());
    }

    @Test
    void aSignedInUsersPostFromTheApplicationsOwnPagePasses() {
        Browser alice = wristband.signIn("alice");

        Browser.Exchange note = alice.post(TestApp.url("/rest/notes"), "", "X-CSRF-TOKEN", wristband.csrfToken(alice),
                "Origin", TestApp.origin(), "Sec-Fetch-Site", "same-origin");

        assertEquals(200, note.status(), note.body());
        assertEquals("noted by " + wristband.emulator().users().get(0).userId(), note.body());
    }

    @Test
    void aJsfFormPostFromTheHostsOwnPageKeepsWorking() {
        Browser alice = wristband.signIn("alice");
        String page = alice.get(TestApp.url("/members/page.xhtml")).body();

        Browser.Exchange saved = alice.post(TestApp.url("/members/page.xhtml"), jsfSave(page),
                "Origin", TestApp.origin(), "Sec-Fetch-Site", "same-origin");

        assertEquals(200, saved.status(), saved.body());
        assertTrue(saved.body().contains("<span id=\"saved\">true</span>"), saved.body());
    }

    @Test
    void aJsfFormPostedFromAnotherSiteIsRefused() {
        Browser alice = wristband.signIn("alice");
        String page = alice.get(TestApp.url("/members/page.xhtml")).body();

        Browser.Exchange saved = alice.post(TestApp.url("/members/page.xhtml"), jsfSave(page),
                "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site");

        assertEquals(403, saved.status(), saved.body());
    }

    @Test
    void aLogoutSentFromAnotherSiteAsksTheUserFirst() {
        Browser bob = wristband.signIn("bob");
        String csrf = wristband.csrfToken(bob);

        Browser.Exchange asked = bob.get(TestApp.url("/api/auth/logout"), "Sec-Fetch-Site", "cross-site");

        assertEquals(200, asked.status(), asked.body());
        assertTrue(asked.body().contains("<a id=\"logout\" href=\"" + TestApp.CONTEXT + "/api/auth/logout\">"),
                asked.body());
        assertEquals(200, bob.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrf).status(), "still signed in");
        Browser.Exchange confirmed = bob.get(TestApp.url("/api/auth/logout"), "Sec-Fetch-Site", "same-origin");
        assertEquals(302, confirmed.status(), confirmed.body());
        assertEquals(401, bob.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrf).status());
    }

    @Test
    void aLogoutSentFromASiblingHostAsksTheUserFirst() {
        Browser bob = wristband.signIn("bob");
        String csrf = wristband.csrfToken(bob);

        Browser.Exchange asked = bob.get(TestApp.url("/api/auth/logout"), "Sec-Fetch-Site", "same-site",
                "Referer", "http://blog.localhost:" + TestApp.port() + "/");

        assertEquals(200, asked.status(), asked.body());
        assertTrue(asked.body().contains("<a id=\"logout\""), asked.body());
        assertEquals(200, bob.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrf).status(), "still signed in");
    }

    @Test
    void aLogoutWithoutFetchMetadataFromAnotherOriginsPageAsksTheUserFirst() {
        Browser bob = wristband.signIn("bob");
        String csrf = wristband.csrfToken(bob);

        Browser.Exchange asked = bob.get(TestApp.url("/api/auth/logout"), "Referer", "https://evil.example/");

        assertEquals(200, asked.status(), asked.body());
        assertEquals(200, bob.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrf).status(), "still signed in");
    }

    @Test
    void theLogoutConfirmationPageCannotBeFramed() {
        Browser bob = wristband.signIn("bob");

        Browser.Exchange asked = bob.get(TestApp.url("/api/auth/logout"), "Sec-Fetch-Site", "cross-site");

        assertEquals(200, asked.status(), asked.body());
        assertEquals("frame-ancestors 'none'", asked.header("Content-Security-Policy").orElse(""));
        assertEquals("DENY", asked.header("X-Frame-Options").orElse(""));
    }

    @Test
    void aSignOutLinkOnTheApplicationsOwnPageSignsOut() {
        Browser bob = wristband.signIn("bob");
        String csrf = wristband.csrfToken(bob);

        Browser.Exchange logout = bob.get(TestApp.url("/api/auth/logout"), "Sec-Fetch-Site", "same-origin",
                "Referer", TestApp.url("/members/page.xhtml"));

        assertEquals(302, logout.status(), logout.body());
        assertEquals(401, bob.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrf).status());
    }

    @Test
    void aSignOutFormPostedFromTheApplicationsOwnPageSignsOut() {
        Browser bob = wristband.signIn("bob");
        String csrf = wristband.csrfToken(bob);

        Browser.Exchange logout = bob.post(TestApp.url("/api/auth/logout"), "",
                "Origin", TestApp.url("").replaceAll("^(https?://[^/]+).*$", "$1"), "Sec-Fetch-Site", "same-origin");

        assertEquals(302, logout.status(), logout.body());
        assertEquals(401, bob.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrf).status());
    }

    @Test
    void aSignOutFormPostedFromASiblingHostAsksTheUserFirst() {
        Browser bob = wristband.signIn("bob");
        String csrf = wristband.csrfToken(bob);

        Browser.Exchange asked = bob.post(TestApp.url("/api/auth/logout"), "",
                "Origin", "http://blog.localhost:" + TestApp.port(), "Sec-Fetch-Site", "same-site");

        assertEquals(200, asked.status(), asked.body());
        assertEquals(200, bob.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrf).status(), "still signed in");
    }

    /** The form fields a browser posts when the page's Save button is pressed. */
    private static String jsfSave(String page) {
        java.util.regex.Matcher viewState = java.util.regex.Pattern
                .compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"").matcher(page);
        assertTrue(viewState.find(), page);
        // Mojarra (WildFly) marks the submitted form with notes=notes, MyFaces (Liberty) with notes_SUBMIT=1.
        return "notes=notes&notes_SUBMIT=1&notes%3Asave=Save&jakarta.faces.ViewState="
                + java.net.URLEncoder.encode(viewState.group(1), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void theHostsOwnJsonbProducerStaysTheOneItsBeansGet() {
        Browser.Exchange json = new Browser().get(TestApp.url("/rest/json"));

        assertEquals(200, json.status(), json.body());
        assertTrue(json.body().contains("\n"), "formatted by the host's Jsonb: " + json.body());
        assertTrue(json.body().contains("\"producer\": \"host\""), json.body());
    }

    @Test
    void theHostsOwnClockProducerStaysTheOneItsBeansGet() {
        Browser.Exchange clock = new Browser().get(TestApp.url("/rest/clock"));

        assertEquals(200, clock.status(), clock.body());
        assertEquals("2030-01-02T03:04:05Z", clock.body());
    }

    @Test
    void logoutEndsTheSessionInTheHostApplication() {
        Browser browser = wristband.signIn("bob");
        String csrf = wristband.csrfToken(browser);
        // The container has had bob as its caller (Open Liberty keeps that identity in its authentication cache).
        assertEquals(200, browser.get(TestApp.url("/members/page.xhtml")).status());
        assertEquals(200, browser.get(TestApp.url("/rest/me"), "X-CSRF-TOKEN", csrf).status());

        Browser.Exchange logout = browser.get(TestApp.url("/api/auth/logout"), "Sec-Fetch-Site", "same-origin");

        assertEquals(302, logout.status(), logout.body());
        assertTrue(logout.location().startsWith("http://devs4you-" + wristband.emulator().vanityDomain()),
                logout.location());
        assertEquals(401, browser.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrf).status());
        assertEquals(302, browser.get(TestApp.url("/members/page.xhtml")).status());
        // A visitor's @RolesAllowed refusal, answered by the host's mapper (see the test above).
        assertEquals("the host's mapper: ForbiddenException",
                browser.get(TestApp.url("/rest/me"), "X-CSRF-TOKEN", csrf).body());
    }
}
