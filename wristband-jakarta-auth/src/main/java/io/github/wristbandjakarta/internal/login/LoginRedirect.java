package io.github.wristbandjakarta.internal.login;

import java.util.List;

/** A 302 to {@code location} with these raw {@code Set-Cookie} headers. */
public record LoginRedirect(String location, List<String> setCookies) {
    public LoginRedirect {
        setCookies = List.copyOf(setCookies);
    }
}
