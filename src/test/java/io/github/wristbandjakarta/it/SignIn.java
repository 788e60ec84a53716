package io.github.wristbandjakarta.it;

import io.github.wristbandjakarta.testkit.Browser;
import io.github.wristbandjakarta.testkit.WristbandTestKit;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Drives the real login: the app's Login Endpoint, the emulator's hosted login page, the app's callback. */
public final class SignIn {

    private SignIn() {
    }

    /**
     * Signs {@code user} in, starting at {@code loginUrl}; returns every hop from the login request to the page
     * the browser finally lands on.
     */
    public static List<Browser.Exchange> as(Browser browser, String user, String loginUrl) {
        List<Browser.Exchange> toLoginPage = browser.follow(loginUrl);
        Browser.Exchange loginPage = toLoginPage.get(toLoginPage.size() - 1);
        assertEquals(200, loginPage.status(), "the emulator's hosted login page: " + loginPage.body());
        List<Browser.Exchange> hops = new ArrayList<>(toLoginPage);
        hops.addAll(browser.follow(approveLink(loginPage, user)));
        return hops;
    }

    public static List<Browser.Exchange> as(Browser browser, String user) {
        return as(browser, user, TestApp.url("/api/auth/login?tenant_name=devs4you"));
    }

    /** The hosted login page's link for one user, absolute. */
    public static String approveLink(Browser.Exchange loginPage, String user) {
        return WristbandTestKit.approveLink(loginPage, user);
    }

    /**
     * The browser is not signed in: it holds no CSRF cookie, and the Session Endpoint answers 401 to whatever session
     * cookie it sends (a session the browser held before a failed login stays).
     */
    public static void assertNotSignedIn(Browser browser) {
        assertFalse(browser.cookie("localhost", "CSRF-TOKEN").isPresent(), () -> "no CSRF cookie: " + browser.cookies());
        Browser.Exchange session = browser.get(TestApp.url("/api/auth/session"));
        assertEquals(401, session.status(), () -> "not signed in: " + session.body());
    }

    public static Browser.Exchange last(List<Browser.Exchange> hops) {
        return hops.get(hops.size() - 1);
    }
}
