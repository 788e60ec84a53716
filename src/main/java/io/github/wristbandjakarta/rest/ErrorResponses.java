package io.github.wristbandjakarta.rest;

import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

import static io.github.wristbandjakarta.wristband.JsonSupport.JSON;

/**
 * Error answers of the auth endpoints: JSON {@code {"error","error_description"}} for API clients, a short HTML
 * page for browsers (by their Accept header). Never a stack trace; values that came from the request are
 * escaped; never cached.
 */
final class ErrorResponses {

    private ErrorResponses() {
    }

    static Response error(HttpServletRequest request, int status, String code, String description,
                          List<String> setCookies) {
        Response.ResponseBuilder builder = Response.status(status)
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache");
        setCookies.forEach(cookie -> builder.header("Set-Cookie", cookie));
        if (wantsHtml(request)) {
            return builder.type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(page(status, code, description, request.getContextPath()))
                    .build();
        }
        JsonObjectBuilder json = JSON.createObjectBuilder().add("error", code);
        if (description != null) {
            json.add("error_description", description);
        }
        return builder.type(MediaType.APPLICATION_JSON_TYPE).entity(json.build().toString()).build();
    }

    /** A bare JSON body such as {@code {"error":"Unauthorized"}}, the browser SDK's contract (spec §6.1). */
    static Response plain(int status, String error) {
        return Response.status(status)
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(JSON.createObjectBuilder().add("error", error).build().toString())
                .build();
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
