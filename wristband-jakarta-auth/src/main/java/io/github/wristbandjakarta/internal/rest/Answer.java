package io.github.wristbandjakarta.internal.rest;

import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One answer of an auth endpoint: a status, a redirect target or a body, and raw {@code Set-Cookie} headers. Every
 * answer is marked {@code Cache-Control: no-store} and {@code Pragma: no-cache} (Wristband's SDKs do the same on
 * their auth endpoints).
 *
 * @param location    the redirect target of a 302, or null
 * @param contentType the body's media type, or null without body
 */
record Answer(int status, String location, String contentType, String body, List<String> setCookies) {

    Answer {
        setCookies = List.copyOf(setCookies);
    }

    /** A 302 to {@code location} with these cookies. */
    static Answer redirect(String location, List<String> setCookies) {
        return new Answer(302, location, null, null, setCookies);
    }

    static Answer json(int status, String body) {
        return new Answer(status, null, "application/json", body, List.of());
    }

    Answer withCookies(List<String> more) {
        List<String> all = new ArrayList<>(setCookies);
        all.addAll(more);
        return new Answer(status, location, contentType, body, all);
    }

    void write(HttpServletResponse response) throws IOException {
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        if (location != null) {
            response.setHeader("Location", location);
        }
        setCookies.forEach(cookie -> response.addHeader("Set-Cookie", cookie));
        if (body != null) {
            if (contentType.startsWith("text/html")) {
                // Our pages (an error, the logout confirmation) are never framed: a framed confirmation could be
                // clicked through by the framing page (clickjacking).
                response.setHeader("Content-Security-Policy", "frame-ancestors 'none'");
                response.setHeader("X-Frame-Options", "DENY");
            }
            response.setContentType(contentType);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            PrintWriter writer = response.getWriter();
            writer.write(body);
            writer.flush();
        }
    }
}
