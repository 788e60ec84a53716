package io.github.wristbandjakarta.internal.login;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Return URLs may only lead back to this application or an allow-listed origin (docs/protocol.md §9.6). */
class ReturnUrlPolicyTest {

    private static final URI ORIGIN = URI.create("https://app.example");
    private final ReturnUrlPolicy policy = new ReturnUrlPolicy(List.of(URI.create("https://partner.example")));

    private Optional<String> accept(String candidate) {
        return policy.accept(candidate, ORIGIN);
    }

    @Test
    void sameOriginPathIsMadeAbsolute() {
        assertEquals(Optional.of("https://app.example/x?y=1"), accept("/x?y=1"));
    }

    @Test
    void sameOriginAbsoluteUrlIsAccepted() {
        assertEquals(Optional.of("https://app.example/a/b#c"), accept("https://app.example/a/b#c"));
    }

    @Test
    void sameOriginWithExplicitDefaultPortIsAccepted() {
        assertEquals(Optional.of("https://app.example:443/a"), accept("https://app.example:443/a"));
    }

    @Test
    void allowListedOriginIsAccepted() {
        assertEquals(Optional.of("https://partner.example/p?q=1"), accept("https://partner.example/p?q=1"));
    }

    @Test
    void encodedSlashesStayOnOurOrigin() {
        Optional<String> accepted = accept("/%2F%2Fevil.example");
        assertEquals(Optional.of("https://app.example/%2F%2Fevil.example"), accepted);
        assertEquals("app.example", URI.create(accepted.get()).getHost());
    }

    @Test
    void exactly450CharactersIsAccepted() {
        String url = "/" + "a".repeat(449);
        assertEquals(Optional.of("https://app.example" + url), accept(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "//evil.example",
            "//evil.example/x",
            "/\\evil.example",
            "\\\\evil.example",
            "https:evil.example",
            "https:/evil.example",
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,x",
            "java\tscript:alert(1)",
            "/x\ty",
            "/x\ry",
            "/x\ny",
            "https://app.example@evil.example",
            "https://app.example\\@evil.example",
            "https://evil.example\\app.example",
            "http://evil.example",
            "https://evil.example/",
            "http://app.example/downgraded",
            "https://app.example:8443/other-port",
            "https://app.example.evil.example/",
            "ftp://app.example/x",
            "relative/path",
            " /x",
            "/x\u00a0",
            ""})
    void hostileOrForeignReturnUrlIsRejected(String candidate) {
        assertEquals(Optional.empty(), accept(candidate));
    }

    @Test
    void overLongReturnUrlIsRejected() {
        assertEquals(Optional.empty(), accept("/" + "a".repeat(450)));
    }

    @Test
    void nullIsRejected() {
        assertEquals(Optional.empty(), accept(null));
    }

    @Test
    void aPathOf450CharactersAcceptedAtLoginPassesTheCallbacksRecheckOnceAbsolute() {
        String path = "/" + "a".repeat(449);
        String stored = policy.accept(path, ORIGIN).orElseThrow();
        org.junit.jupiter.api.Assertions.assertEquals("https://app.example" + path,
                policy.recheck(stored, ORIGIN).orElseThrow());
        org.junit.jupiter.api.Assertions.assertTrue(policy.recheck("https://evil.example/" + "a".repeat(500), ORIGIN).isEmpty());
        org.junit.jupiter.api.Assertions.assertTrue(policy.recheck("//evil.example", ORIGIN).isEmpty());
    }
}
