package io.github.wristbandjakarta.internal.login;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The login-state cookies with the {@code __Host-} prefix (wristband.login-state.host-prefix). */
class LoginStateCookiesTest {

    private final LoginStateCookies prefixed = new LoginStateCookies(false, true);

    @Test
    void withTheHostPrefixTheCookiesAreNamedForThisHostOnly() {
        String setCookie = prefixed.set("abc", 1_000, "sealed");
        assertTrue(setCookie.startsWith("__Host-login#abc#1000=sealed; "), setCookie);
        assertTrue(setCookie.contains("; Path=/") && setCookie.contains("; Secure") && !setCookie.contains("Domain"),
                "what a browser requires of a __Host- cookie: " + setCookie);
    }

    @Test
    void withTheHostPrefixACookieWithoutItIsIgnored() {
        // A sibling subdomain can set login#… for the parent domain (cookie tossing), never __Host-login#….
        List<LoginStateCookies.LoginCookie> found = prefixed.find(List.of(
                "login#tossed#1000=planted; __Host-login#mine#2000=sealed"));

        assertEquals(1, found.size());
        assertEquals("mine", found.get(0).state());
        assertEquals("__Host-login#mine#2000", found.get(0).name());
        assertEquals("__Host-login#mine#2000=; HttpOnly; Path=/; Max-Age=0; SameSite=Lax; Secure",
                prefixed.delete(found.get(0).name()));
    }

    @Test
    void withoutTheHostPrefixThePrefixedNamesAreNotOurs() {
        assertEquals(List.of(), new LoginStateCookies(false, false).find(List.of("__Host-login#mine#2000=sealed")));
    }
}
