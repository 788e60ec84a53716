package io.github.wristbandjakarta.it;

import io.github.wristbandjakarta.servers.DeploymentConfig;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.Cookie;
import io.github.wristbandjakarta.emulator.EmulatorClient;
import io.github.wristbandjakarta.emulator.WristbandEmulator;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo as a newcomer meets it, in a real headless Chromium: the home page signed out and signed in, a mistyped
 * address, the logout's landing, and the browser's cookie store afterwards. The browser runs the demo's pages as
 * they are (their scripts, their stylesheet, the redirects across the application and the emulator's tenant host),
 * which the HTTP-level tests of {@link EndToEndIT} do not.
 *
 * <p>Chromium comes from the npm registry ({@link NpmChromium}), Playwright's Java client drives it; the build
 * installs nothing on the machine (docs/testing.md "Browser test").
 */
@EnabledOnOs(value = OS.LINUX, architectures = "amd64") // the only platform the npm package has a browser for
@ExtendWith({BrowserIT.Chromium.class, ArquillianExtension.class})
class BrowserIT {

    /**
     * Longest wait for a page to show what the test expects: a redirect chain through the application and the
     * emulator on a loaded machine takes a second or two; a wait that runs out fails the test.
     */
    private static final double PAGE_WAIT_MILLIS = 20_000;

    /**
     * The demo's emulator setting (src/demo/resources): tenant hosts are {@code {tenant}.localhost:{port}}, which
     * Chromium resolves to loopback and treats as a secure context, as it does {@code localhost}.
     */
    private static final WristbandEmulator WRISTBAND = WristbandEmulator.start(0, new EmulatorClient(
            TestApp.CLIENT_ID, TestApp.CLIENT_SECRET, List.of(TestApp.url("/api/auth/callback")),
            TestApp.url("/api/auth/login"), null, true, null));

    /** Each test in a context of its own: no cookie or storage of another test. */
    private BrowserContext context;
    private Page page;

    @Deployment(testable = false)
    static WebArchive app() {
        Map<String, String> config = DeploymentConfig.of(TestApp.CLIENT_ID, TestApp.CLIENT_SECRET,
                WRISTBAND.applicationOrigin(), TestApp::url);
        config.put("wristband.application-custom-domain-active", "true");
        config.put("wristband.logout.redirect-url", TestApp.url(EndToEndIT.SIGNED_OUT_LANDING));
        return TestApp.deployment(config);
    }

    @AfterAll
    static void stopEmulator() {
        WRISTBAND.close();
    }

    @BeforeEach
    void openPage() {
        context = Chromium.browser().newContext();
        context.setDefaultTimeout(PAGE_WAIT_MILLIS);
        context.setDefaultNavigationTimeout(PAGE_WAIT_MILLIS);
        page = context.newPage();
    }

    @AfterEach
    void closePage() {
        context.close();
    }

    @Test
    void theSignedOutHomePageOffersTheSignInLinks() {
        page.navigate(TestApp.url("/"));

        assertTrue(page.isVisible("#sign-in-links"));
        assertEquals(0, page.locator("#signed-in").count(), page.content());
        assertEquals(0, page.locator("#signed-out").count(), "no sign-out note without a logout");
    }

    @Test
    void theSignedInHomePageShowsTheUserAndNoSignInLinks() {
        signInAsAlice();

        page.navigate(TestApp.url("/"));
        assertEquals("alice@devs4you.example", page.textContent("#user"));
        assertEquals("devs4you", page.textContent("#tenant"));
        assertEquals(0, page.locator("#sign-in-links").count(), page.content());
        assertEquals(0, page.locator("a[href*='/api/auth/login']").count(), "no link starts a login while signed in");
        assertTrue(page.isVisible("#logout"));
    }

    /** The page's script sends the CSRF cookie's value as the header, as Wristband's React SDK does. */
    @Test
    void theHomePagesApiButtonGetsAnAnswerForTheSignedInUser() {
        signInAsAlice();
        page.navigate(TestApp.url("/"));

        page.click("#call-me");

        page.waitForFunction("() => document.getElementById('answer').textContent !== ''");
        String answer = page.textContent("#answer");
        String aliceId = WRISTBAND.users().stream().filter(u -> u.login().equals("alice")).findFirst().orElseThrow()
                .userId();
        assertTrue(answer.startsWith("200 "), answer);
        assertTrue(answer.contains("\"userId\":\"" + aliceId + "\""), answer);
    }

    @Test
    void aMistypedAddressShowsTheStyled404PageWithoutJavaNames() {
        page.navigate(TestApp.url("/no-such-page"));

        assertEquals("No such page", page.textContent("#not-found"));
        Number rules = (Number) page.evaluate(
                "() => Array.from(document.styleSheets).reduce((n, s) => n + s.cssRules.length, 0)");
        assertTrue(rules.intValue() > 0, "the demo's stylesheet applies to the page");
        String text = page.innerText("body");
        for (String internal : List.of("Exception", "SRVE", "java.", "jakarta.")) {
            assertFalse(text.contains(internal), "names " + internal + ": " + text);
        }
        page.click("#home");
        page.waitForURL(TestApp.url("/"));
    }

    @Test
    void logoutLandsOnTheHomePageSayingSignedOut() {
        signInAsAlice();
        page.navigate(TestApp.url("/"));

        page.click("#logout");

        page.waitForURL(TestApp.url(EndToEndIT.SIGNED_OUT_LANDING));
        assertEquals("You are signed out.", page.textContent("#signed-out"));
        assertTrue(page.isVisible("#sign-in-links"));
        assertEquals(0, page.locator("#signed-in").count(), page.content());
    }

    @Test
    void noLoginStateCookieIsLeftAfterLogoutAndSigningInAgain() {
        signInAsAlice();
        page.navigate(TestApp.url("/"));
        page.click("#logout");
        page.waitForURL(TestApp.url(EndToEndIT.SIGNED_OUT_LANDING));

        signInAsAlice();

        // Every cookie of the context, of every host and path; the login-state cookies live on the callback's path.
        List<Cookie> cookies = context.cookies();
        List<String> names = cookies.stream().map(c -> c.name).toList();
        assertEquals(List.of(), names.stream().filter(name -> name.startsWith("login#")).toList(),
                "every cookie of the browser: " + describe(cookies));
        assertTrue(names.contains("CSRF-TOKEN"), "signed in: " + names);
    }

    /** From the home page's tenant link through the emulator's sign-in page back to the signed-in home page. */
    private void signInAsAlice() {
        page.navigate(TestApp.url("/"));
        page.click("#login-devs4you");
        page.click("#login-alice");
        page.waitForSelector("#signed-in");
        assertTrue(page.url().startsWith(TestApp.origin()), page.url());
    }

    /** Cookies with their host and path, for a failure message. */
    private static List<String> describe(List<Cookie> cookies) {
        return cookies.stream().map(c -> c.name + " (" + c.domain + c.path + ")").toList();
    }

    /**
     * One headless Chromium for the class, started before Arquillian deploys (so that a browser that cannot start
     * fails the class at once) and closed with the JVM.
     */
    static final class Chromium implements BeforeAllCallback {

        private static Browser browser;

        static synchronized Browser browser() {
            if (browser == null) {
                NpmChromium.Install chromium = NpmChromium.install(
                        Path.of(System.getProperty("browser.dir", "target/chromium")));
                // Playwright's client runs its driver with this environment; the browser is ours, not Playwright's
                // download (which this build's machines could not reach).
                Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
                browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(chromium.executable())
                        .setEnv(chromium.environment())
                        // As root on a build machine, and quiet on a closed network: no background connections.
                        // (Not --single-process, which the package suggests for serverless hosts: a second browser
                        // context then closes the browser.)
                        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                "--disable-component-update", "--disable-dev-shm-usage")));
                Runtime.getRuntime().addShutdownHook(new Thread(playwright::close));
            }
            return browser;
        }

        @Override
        public void beforeAll(ExtensionContext context) {
            browser();
        }
    }
}
