package io.github.wristbandjakarta.testkit;

import io.github.wristbandjakarta.emulator.EmulatorClient;
import io.github.wristbandjakarta.emulator.WristbandEmulator;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The test browser's memory: what a long-running user of it (a load test) can forget. */
class BrowserTest {

    @Test
    void forgettingTheHistoryKeepsTheCookies() {
        String app = "http://localhost:9080/app";
        try (WristbandEmulator wristband = WristbandEmulator.start(0, new EmulatorClient("client", "secret",
                List.of(app + "/api/auth/callback"), app + "/api/auth/login", null, false, null))) {
            Browser browser = new Browser();
            String origin = wristband.applicationOrigin();
            browser.setCookie("localhost", "JSESSIONID", "abc");
            browser.get(origin + "/.well-known/openid-configuration");
            browser.get(origin + "/.well-known/openid-configuration");
            assertEquals(2, browser.history().size());

            browser.forgetHistory();

            assertTrue(browser.history().isEmpty(), "no exchange kept");
            assertEquals("abc", browser.cookie("localhost", "JSESSIONID").orElseThrow().value(), "the cookie kept");
            browser.get(origin + "/.well-known/openid-configuration");
            assertEquals(1, browser.history().size(), "later exchanges are kept again");
        }
    }
}
