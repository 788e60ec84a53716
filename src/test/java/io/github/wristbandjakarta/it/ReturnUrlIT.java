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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;

import static io.github.wristbandjakarta.it.TestApp.last;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * After a real login, the callback redirects only to this application's origin or an
 * allow-listed one; every other return URL falls back to the default.
 */
@ExtendWith(ArquillianExtension.class)
class ReturnUrlIT {

    private static final String ALLOWED = "https://app.example";

    private final WristbandEmulator wristband = TestApp.emulator();
    private final Browser browser = new Browser();

    @Deployment(testable = false)
    static WebArchive app() {
        Map<String, String> config = TestApp.baseConfig();
        config.put("wristband.return-url.allowed-origins", ALLOWED);
        return TestApp.deployment(config);
    }

    @BeforeEach
    void resetEmulator() {
        wristband.reset();
    }

    static Stream<String> offSite() {
        String self = "localhost:" + TestApp.port();
        return Stream.of(
                "//evil.example", "//evil.example/path", "/\\evil.example", "\\\\evil.example", "/\\/evil.example",
                "https:evil.example", "https:/evil.example", "https:\\\\evil.example", "https://evil.example",
                "HTTPS://EVIL.EXAMPLE/", "hTtP://evil.example", "javascript:alert(1)", "JaVaScRiPt:alert(1)",
                "javascript://localhost/%0aalert(1)", "data:text/html,<script>alert(1)</script>",
                "DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "vbscript:msgbox(1)",
                "file:///etc/passwd", "ftp://evil.example/",
                "/\t/evil.example", "/\r\n/evil.example", "/\n/evil.example", "ht\ttps://evil.example",
                "https://evil.example\r\nSet-Cookie: x=y", " https://evil.example",
                "https://app.example@evil.example", "http://" + self + "@evil.example/",
                "http://" + self + "\\@evil.example/", "https://evil.example\\@" + self + "/",
                "http://" + self + ".evil.example/", "https://evil.example#@" + self,
                "https://app.example.evil.example/", "http://app.example/", "https://app.example:8443/",
                "https://évil.example/", "/" + "a".repeat(ReturnUrlPolicyLength.OVER));
    }

    @ParameterizedTest
    @MethodSource("offSite")
    void anUnacceptableReturnUrlFallsBackToTheDefault(String returnUrl) {
        assertEquals(TestApp.url("/"), callbackLocation(returnUrl), "return_url " + returnUrl);
    }

    @Test
    void aPathOnThisApplicationIsKept() {
        assertEquals(TestApp.url("/pages/profile.xhtml?tab=1"), callbackLocation(TestApp.CONTEXT + "/pages/profile.xhtml?tab=1"));
    }

    @Test
    void encodedSlashesStayAPathOnThisOrigin() {
        String location = callbackLocation("/%2F%2Fevil.example");
        assertEquals(TestApp.origin() + "/%2F%2Fevil.example", location);
        assertEquals("localhost", URI.create(location).getHost());
    }

    @Test
    void anAbsoluteUrlOnThisOriginIsKeptWhateverTheCaseOfItsScheme() {
        assertEquals("HTTP://LOCALHOST:" + TestApp.port() + "/app/x",
                callbackLocation("HTTP://LOCALHOST:" + TestApp.port() + "/app/x"));
    }

    @Test
    void anAllowListedOriginIsKept() {
        assertEquals(ALLOWED + "/dashboard?x=1", callbackLocation(ALLOWED + "/dashboard?x=1"));
    }

    @Test
    void aReturnUrlOfExactly450CharactersIsKeptAndOneOf451Ignored() {
        String prefix = TestApp.CONTEXT + "/pages/";
        String exactly = prefix + "a".repeat(450 - prefix.length());
        assertEquals(TestApp.origin() + exactly, callbackLocation(exactly));
        assertEquals(TestApp.url("/"), callbackLocation(exactly + "b"));
    }

    /** Signs alice in with {@code return_url}; the callback's Location. */
    private String callbackLocation(String returnUrl) {
        Browser tab = new Browser();
        Browser.Exchange loginPage = last(tab.follow(TestApp.url("/api/auth/login?tenant_name=devs4you&return_url="
                + URLEncoder.encode(returnUrl, StandardCharsets.UTF_8))));
        assertEquals(200, loginPage.status(), loginPage.body());
        Browser.Exchange approval = tab.get(WristbandTestKit.approveLink(loginPage, "alice"));
        Browser.Exchange callback = tab.get(approval.location());
        assertEquals(302, callback.status(), callback.body());
        return callback.location();
    }

    private static final class ReturnUrlPolicyLength {
        static final int OVER = 460;
    }
}
