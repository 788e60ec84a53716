package io.github.wristbandjakarta.it;

import io.github.wristbandjakarta.emulator.EmulatorUser;
import io.github.wristbandjakarta.emulator.WristbandEmulator;
import io.github.wristbandjakarta.testkit.Browser;
import io.github.wristbandjakarta.testkit.WristbandTestKit;
import jakarta.json.Json;
import jakarta.json.JsonString;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * On both servers: the application's CDI observers hear of sign-ins, sign-outs, failed callbacks and
 * ended sessions; an observer that throws does not break the sign-in ({@link EventRecorder}).
 */
@ExtendWith(ArquillianExtension.class)
class EventsIT {

    private final WristbandEmulator wristband = TestApp.emulator();
    private final Browser browser = new Browser();

    @Deployment(testable = false)
    static WebArchive app() {
        return TestApp.deployment().addClasses(EventRecorder.class, EventRecorder.Recorder.class,
                EventRecorder.Thrower.class, EventRecorder.Events.class, SessionStoreWriter.class);
    }

    @BeforeEach
    void reset() {
        wristband.reset();
        events(true);
    }

    private List<String> events(boolean clear) {
        Browser.Exchange answer = new Browser().get(TestApp.url("/it/events" + (clear ? "?clear" : "")));
        assertEquals(200, answer.status(), answer.body());
        return Json.createReader(new StringReader(answer.body())).readArray().getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList();
    }

    private EmulatorUser alice() {
        return wristband.users().stream().filter(u -> u.login().equals("alice")).findFirst().orElseThrow();
    }

    private String csrf() {
        return browser.cookie("localhost", "CSRF-TOKEN").orElseThrow().value();
    }

    @Test
    void aSignInIsHeardAndAnObserverThatThrowsDoesNotUndoIt() {
        WristbandTestKit.signInAt(browser, "alice", TestApp.loginUrl());

        assertEquals(200, browser.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrf()).status(),
                "signed in although an observer threw");
        assertEquals(List.of("SignedIn[userId=" + alice().userId() + ", tenantId=" + alice().tenantId()
                + ", tenantName=devs4you, customState=null]"), events(false));
    }

    @Test
    void aLogoutIsHeard() {
        WristbandTestKit.signInAt(browser, "alice", TestApp.loginUrl());
        events(true);

        browser.get(TestApp.url("/api/auth/logout"), "Sec-Fetch-Site", "same-origin");

        assertEquals(List.of("SignedOut[userId=" + alice().userId() + ", tenantId=" + alice().tenantId() + "]"),
                events(false));
    }

    @Test
    void aCallbackWithoutItsLoginStateIsHeardAsFailed() {
        Browser.Exchange callback = browser.get(TestApp.url("/api/auth/callback?state=unknown-state&code=c"
                + "&tenant_name=devs4you"));

        assertEquals(302, callback.status(), callback.body());
        assertEquals(List.of("CallbackFailed[reason=MISSING_LOGIN_STATE]"), events(false));
    }

    @Test
    void aSessionAlteredInTheStoreIsHeardAsEnded() {
        WristbandTestKit.signInAt(browser, "alice", TestApp.loginUrl());
        String csrf = csrf();
        assertEquals(204, browser.get(TestApp.url("/it/session-store?what=alter")).status());
        events(true);

        assertEquals(401, browser.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrf).status());

        assertEquals(List.of("SessionEnded[userId=null, tenantId=null, reason=FORGED_OR_ALTERED]"), events(false));
    }
}
