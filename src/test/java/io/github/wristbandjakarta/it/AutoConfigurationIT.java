package io.github.wristbandjakarta.it;

import io.github.wristbandjakarta.testkit.Browser;
import io.github.wristbandjakarta.testkit.WristbandTestKit;
import io.github.wristbandjakarta.emulator.Endpoint;
import io.github.wristbandjakarta.emulator.WristbandEmulator;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;


import static io.github.wristbandjakarta.it.TestApp.last;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With only the client credentials and the vanity domain configured, the login URL and redirect URI come from
 * Wristband's SDK configuration endpoint (docs/protocol.md §2.5), fetched once.
 */
@ExtendWith(ArquillianExtension.class)
class AutoConfigurationIT {

    private final WristbandEmulator wristband = TestApp.emulator();

    @Deployment(testable = false)
    static WebArchive appWithoutLoginUrlAndRedirectUri() {
        return TestApp.deployment(TestApp.autoConfiguredConfig());
    }

    @Test
    void loginsUseTheSdkConfigurationFetchedOnce() {
        int fetchesBefore = wristband.calls(Endpoint.SDK_CONFIGURATION);

        Browser.Exchange first = last(WristbandTestKit.signInAt(new Browser(), "alice", TestApp.loginUrl()));
        Browser.Exchange second = last(WristbandTestKit.signInAt(new Browser(), "bob", TestApp.loginUrl()));

        assertEquals(200, first.status());
        assertEquals(200, second.status());
        assertEquals(TestApp.url("/"), second.uri().toString());
        int fetches = wristband.calls(Endpoint.SDK_CONFIGURATION) - fetchesBefore;
        assertTrue(fetches == 1, "one SDK configuration fetch for the life of the application, not " + fetches);
    }
}
