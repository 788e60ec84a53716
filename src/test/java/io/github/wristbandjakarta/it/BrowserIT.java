package io.github.wristbandjakarta.it;

import io.github.wristbandjakarta.emulator.EmulatorClient;
import io.github.wristbandjakarta.emulator.WristbandEmulator;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo as a newcomer meets it, in a real headless Chromium: the home page signed out and signed in, a mistyped
 * address, the logout's landing, and the browser's cookie store afterwards. The browser runs the demo's pages as
 * they are (its scripts, its stylesheet, its redirects across the application and the emulator's tenant host), which
 * the HTTP-level tests of {@link EndToEndIT} do not.
 *
 * <p>Run by {@code ./mvnw -Pbrowser} only (docs/testing.md "Browser test"): it needs Chromium and ChromeDriver on
 * the {@code PATH}, which the build does not install.
 */
@ExtendWith({BrowserIT.ChromiumOnPath.class, ArquillianExtension.class})
class BrowserIT {

    /**
     * Longest wait for a page to show what the test expects: a redirect chain through the application and the
     * emulator on a loaded machine takes a second or two; a wait that runs out fails the test.
     */
    private static final Duration PAGE_WAIT = Duration.ofSeconds(20);

    /**
     * The demo's emulator setting (src/demo/resources): tenant hosts are {@code {tenant}.localhost:{port}}, which
     * Chromium resolves to loopback and treats as a secure context, as it does {@code localhost}.
     */
    private static final WristbandEmulator WRISTBAND = WristbandEmulator.start(0, new EmulatorClient(
            TestApp.CLIENT_ID, TestApp.CLIENT_SECRET, List.of(TestApp.url("/api/auth/callback")),
            TestApp.url("/api/auth/login"), null, true, null));

    private ChromeDriver chromium;

    @Deployment(testable = false)
    static WebArchive app() {
        Map<String, String> config = TestApp.config(TestApp.CLIENT_ID, TestApp.CLIENT_SECRET,
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
    void startChromium() {
        chromium = ChromiumOnPath.start();
    }

    @AfterEach
    void quitChromium() {
        chromium.quit();
    }

    @Test
    void theSignedOutHomePageOffersTheSignInLinks() {
        chromium.get(TestApp.url("/"));

        assertTrue(chromium.findElement(By.id("sign-in-links")).isDisplayed());
        assertTrue(chromium.findElements(By.id("signed-in")).isEmpty(), chromium.getPageSource());
        assertTrue(chromium.findElements(By.id("signed-out")).isEmpty(), "no sign-out note without a logout");
    }

    @Test
    void theSignedInHomePageShowsTheUserAndNoSignInLinks() {
        signInAsAlice();

        chromium.get(TestApp.url("/"));
        assertEquals("alice@devs4you.example", chromium.findElement(By.id("user")).getText());
        assertEquals("devs4you", chromium.findElement(By.id("tenant")).getText());
        assertTrue(chromium.findElements(By.id("sign-in-links")).isEmpty(), chromium.getPageSource());
        List<String> loginLinks = chromium.findElements(By.cssSelector("a[href*='/api/auth/login']")).stream()
                .map(a -> a.getAttribute("href")).toList();
        assertEquals(List.of(), loginLinks, "no link starts a login while signed in");
        assertTrue(chromium.findElement(By.id("logout")).isDisplayed());
    }

    /** The page's script sends the CSRF cookie's value as the header, as Wristband's React SDK does. */
    @Test
    void theHomePagesApiButtonGetsAnAnswerForTheSignedInUser() {
        signInAsAlice();
        chromium.get(TestApp.url("/"));

        chromium.findElement(By.id("call-me")).click();

        WebElement answer = chromium.findElement(By.id("answer"));
        new WebDriverWait(chromium, PAGE_WAIT).until(d -> !answer.getText().isEmpty());
        assertTrue(answer.getText().startsWith("200 "), answer.getText());
        String aliceId = WRISTBAND.users().stream().filter(u -> u.login().equals("alice")).findFirst().orElseThrow()
                .userId();
        assertTrue(answer.getText().contains("\"userId\":\"" + aliceId + "\""), answer.getText());
    }

    @Test
    void aMistypedAddressShowsTheStyled404PageWithoutJavaNames() {
        chromium.get(TestApp.url("/no-such-page"));

        assertEquals("No such page", chromium.findElement(By.id("not-found")).getText());
        Number rules = (Number) chromium.executeScript(
                "return Array.from(document.styleSheets).reduce((n, s) => n + s.cssRules.length, 0);");
        assertTrue(rules.intValue() > 0, "the demo's stylesheet applies to the page");
        String text = chromium.findElement(By.tagName("body")).getText();
        for (String internal : List.of("Exception", "SRVE", "java.", "jakarta.")) {
            assertFalse(text.contains(internal), "names " + internal + ": " + text);
        }
        chromium.findElement(By.id("home")).click();
        waitForUrl(TestApp.url("/"));
    }

    @Test
    void logoutLandsOnTheHomePageSayingSignedOut() {
        signInAsAlice();
        chromium.get(TestApp.url("/"));

        chromium.findElement(By.id("logout")).click();

        waitForUrl(TestApp.url(EndToEndIT.SIGNED_OUT_LANDING));
        assertEquals("You are signed out.", chromium.findElement(By.id("signed-out")).getText());
        assertTrue(chromium.findElement(By.id("sign-in-links")).isDisplayed());
        assertTrue(chromium.findElements(By.id("signed-in")).isEmpty(), chromium.getPageSource());
    }

    @Test
    void noLoginStateCookieIsLeftAfterLogoutAndSigningInAgain() {
        signInAsAlice();
        chromium.get(TestApp.url("/"));
        chromium.findElement(By.id("logout")).click();
        waitForUrl(TestApp.url(EndToEndIT.SIGNED_OUT_LANDING));

        signInAsAlice();

        assertEquals(List.of(), cookieNames().stream().filter(name -> name.startsWith("login#")).toList(),
                "every cookie of the browser: " + cookieNames());
        assertTrue(cookieNames().contains("CSRF-TOKEN"), "signed in: " + cookieNames());
    }

    /** From the home page's tenant link through the emulator's sign-in page back to the application. */
    private void signInAsAlice() {
        chromium.get(TestApp.url("/"));
        chromium.findElement(By.id("login-devs4you")).click();
        new WebDriverWait(chromium, PAGE_WAIT).until(d -> !d.findElements(By.id("login-alice")).isEmpty());
        chromium.findElement(By.id("login-alice")).click();
        new WebDriverWait(chromium, PAGE_WAIT).until(d -> d.getCurrentUrl().startsWith(TestApp.origin())
                && !d.findElements(By.id("signed-in")).isEmpty());
    }

    private void waitForUrl(String url) {
        new WebDriverWait(chromium, PAGE_WAIT).until(d -> url.equals(d.getCurrentUrl()));
    }

    /**
     * Every cookie in the browser's store, of every host and path (the Chrome DevTools Protocol's
     * {@code Network.getAllCookies}; WebDriver's own call sees only the current page's).
     */
    @SuppressWarnings("unchecked")
    private List<String> cookieNames() {
        Map<String, Object> all = chromium.executeCdpCommand("Network.getAllCookies", Map.of());
        return ((List<Map<String, Object>>) all.get("cookies")).stream().map(c -> (String) c.get("name")).toList();
    }

    /**
     * Fails the class before a server starts when the machine has no Chromium or ChromeDriver, saying how to get
     * them; starts a headless Chromium with a fresh profile through them.
     */
    static final class ChromiumOnPath implements BeforeAllCallback {

        private static final List<String> BROWSERS = List.of("chromium", "chromium-browser", "google-chrome");

        @Override
        public void beforeAll(ExtensionContext context) {
            if (browser().isEmpty() || driver().isEmpty()) {
                throw new IllegalStateException("The browser test needs Chromium and a matching ChromeDriver on the "
                        + "PATH (looked for " + String.join(", ", BROWSERS) + " and chromedriver). On Debian or "
                        + "Ubuntu: sudo apt-get install chromium chromium-driver. The build does not install them.");
            }
        }

        static ChromeDriver start() {
            ChromeOptions options = new ChromeOptions();
            options.setBinary(browser().orElseThrow().toFile());
            // Headless, as root on a build machine, and quiet on a closed network: no background connections,
            // component updates or sync, which a machine without internet access refuses many times over.
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-dev-shm-usage");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(driver().orElseThrow().toFile())
                    .usingAnyFreePort()
                    .withLogOutput(java.io.OutputStream.nullOutputStream())
                    .build();
            return new ChromeDriver(service, options);
        }

        private static Optional<Path> browser() {
            return BROWSERS.stream().map(ChromiumOnPath::onPath).flatMap(Optional::stream).findFirst();
        }

        private static Optional<Path> driver() {
            return onPath("chromedriver");
        }

        private static Optional<Path> onPath(String program) {
            return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                    .filter(dir -> !dir.isEmpty())
                    .map(dir -> Path.of(dir, program))
                    .filter(Files::isExecutable)
                    .findFirst();
        }
    }
}
