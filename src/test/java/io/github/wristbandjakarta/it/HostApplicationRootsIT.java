package io.github.wristbandjakarta.it;

import io.github.wristbandjakarta.it.host.HostClock;
import io.github.wristbandjakarta.it.host.HostJsonb;
import io.github.wristbandjakarta.it.host.HostResource;
import io.github.wristbandjakarta.it.host.apiroot.ApiRootApplication;
import io.github.wristbandjakarta.it.host.root.RootApplication;
import io.github.wristbandjakarta.testkit.Browser;
import io.github.wristbandjakarta.testkit.WristbandTestKit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Host applications whose JAX-RS root is where the library's endpoints live. One has its Application at
 * {@code /api}, the parent of the default auth path {@code /api/auth}; the other at the context root, over every
 * path. Both let JAX-RS scan their classes. The endpoints are a servlet of the library's own at the more specific
 * {@code /api/auth/*}, so they answer there, and the hosts' resources keep their paths
 * ({@link HostApplicationIT}: an Application at {@code /rest} listing its classes).
 */
@ExtendWith(ArquillianExtension.class)
class HostApplicationRootsIT {

    private static final String API_ROOT = "/host-api";
    private static final String ROOT = "/host-root";

    @RegisterExtension
    static final WristbandTestKit apiRootWristband = WristbandTestKit.forApplication(TestApp.origin() + API_ROOT);

    @RegisterExtension
    static final WristbandTestKit rootWristband = WristbandTestKit.forApplication(TestApp.origin() + ROOT);

    @Deployment(name = "api-root", testable = false)
    static WebArchive apiRoot() {
        return host("host-api.war", apiRootWristband, "/api/").addClass(ApiRootApplication.class);
    }

    @Deployment(name = "root", testable = false)
    static WebArchive root() {
        return host("host-root.war", rootWristband, "/").addClass(RootApplication.class);
    }

    private static WebArchive host(String name, WristbandTestKit wristband, String apiPathPrefix) {
        Map<String, String> config = wristband.config();
        config.put("wristband.api-path-prefix", apiPathPrefix);
        config.put("wristband.role-mapping", "app:demo:admin=admin, app:demo:user=user");
        return TestApp.hostArchive(name, config)
                .addClasses(HostResource.class, HostClock.class, HostJsonb.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    private static String url(String context, String path) {
        return TestApp.origin() + context + path;
    }

    @Test
    void anApplicationAtApiKeepsItsResourcesBesideTheAuthEndpoints() {
        assertResourceAndEndpointsAnswer(API_ROOT, "/api/hello");
    }

    @Test
    void anApplicationAtTheRootKeepsItsResourcesBesideTheAuthEndpoints() {
        assertResourceAndEndpointsAnswer(ROOT, "/hello");
    }

    @Test
    void aSignedInUserIsTheCallerOfAnApplicationAtApi() {
        assertCallerOfResource(apiRootWristband, API_ROOT, "/api/me");
    }

    @Test
    void aSignedInUserIsTheCallerOfAnApplicationAtTheRoot() {
        assertCallerOfResource(rootWristband, ROOT, "/me");
    }

    private static void assertResourceAndEndpointsAnswer(String context, String hello) {
        Browser browser = new Browser();

        Browser.Exchange resource = browser.get(url(context, hello));
        Browser.Exchange session = browser.get(url(context, "/api/auth/session"));
        Browser.Exchange login = browser.get(url(context, "/api/auth/login?tenant_name=devs4you"));

        assertEquals(200, resource.status(), resource.body());
        assertEquals("hello from the host", resource.body());
        assertEquals(401, session.status(), session.body());
        assertEquals("{\"error\":\"Unauthorized\"}", session.body());
        assertEquals(302, login.status(), login.body());
        assertTrue(login.location().contains("/api/v1/oauth2/authorize?"), login.location());
    }

    private static void assertCallerOfResource(WristbandTestKit wristband, String context, String me) {
        Browser browser = wristband.signIn("alice");
        String csrf = wristband.csrfToken(browser);

        Browser.Exchange session = browser.get(url(context, "/api/auth/session"), "X-CSRF-TOKEN", csrf);
        Browser.Exchange caller = browser.get(url(context, me), "X-CSRF-TOKEN", csrf);

        String alice = wristband.emulator().users().get(0).userId();
        assertEquals(200, session.status(), session.body());
        assertTrue(session.body().contains("\"userId\":\"" + alice + "\""), session.body());
        assertEquals(200, caller.status(), caller.body());
        assertEquals(alice + " devs4you true", caller.body());
    }
}
