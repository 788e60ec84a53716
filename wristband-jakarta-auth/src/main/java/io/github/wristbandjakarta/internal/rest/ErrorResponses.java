package io.github.wristbandjakarta.internal.rest;

import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;

import java.util.List;

import static io.github.wristbandjakarta.internal.wristband.JsonSupport.JSON;

/**
 * Error answers of the auth endpoints: JSON {@code {"error","error_description"}} for API clients, a short HTML
 * page for browsers (by their Accept header). Never a stack trace; values that came from the request are
 * escaped; never cached.
 */
final class ErrorResponses {

    private ErrorResponses() {
    }

    static Answer error(HttpServletRequest request, int status, String code, String description,
                        List<String> setCookies) {
        if (wantsHtml(request)) {
            return new Answer(status, null, "text/html", page(status, code, description, request.getContextPath()),
                    setCookies);
        }
        JsonObjectBuilder json = JSON.createObjectBuilder().add("error", code);
        if (description != null) {
            json.add("error_description", description);
        }
        return new Answer(status, null, "application/json", json.build().toString(), setCookies);
    }

    /** A bare JSON body such as {@code {"error":"Unauthorized"}}, the browser SDK's contract (docs/protocol.md §6.1). */
    static Answer plain(int status, String error) {
        return Answer.json(status, JSON.createObjectBuilder().add("error", error).build().toString());
    }

    private static boolean wantsHtml(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/html");
    }

    private static String page(int status, String code, String description, String contextPath) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign-in problem</title></head>"
                + "<body><h1>Sign-in problem</h1><p>" + escape(description == null ? code : description) + "</p>"
                + "<p><small>HTTP " + status + " &middot; " + escape(code) + "</small></p>"
                + "<p><a href=\"" + escape(contextPath.isEmpty() ? "/" : contextPath + "/") + "\">Back to the application</a></p>"
                + "</body></html>";
    }

    /**
     * A same-origin page whose link repeats the logout request (as a GET: the repeated request is then
     * {@code same-origin}): what a logout from another origin's page gets instead.
     */
    static Answer logoutConfirmation(HttpServletRequest request) {
        String query = request.getQueryString();
        String again = request.getRequestURI() + (query == null ? "" : "?" + query);
        String home = request.getContextPath().isEmpty() ? "/" : request.getContextPath() + "/";
        return new Answer(200, null, "text/html", "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Sign out?</title></head><body><h1>Sign out?</h1><p>A page of another site or host sent"
                + " you here to sign you out.</p><p><a id=\"logout\" href=\"" + escape(again) + "\">Sign out</a> &middot; <a href=\""
                + escape(home) + "\">Stay signed in</a></p></body></html>", List.of());
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c < 0x20 ? ' ' : c);
            }
        }
        return escaped.toString();
    }
}
