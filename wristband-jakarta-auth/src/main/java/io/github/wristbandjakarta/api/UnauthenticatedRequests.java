package io.github.wristbandjakarta.api;

import jakarta.servlet.http.HttpServletRequest;

/**
 * How a request that needs a signed-in user and has none is answered: 401 {@code {"error":"Unauthorized"}}, as an API
 * call expects, or a redirect to the Login Endpoint, as a page visit expects. By default a request is answered with
 * JSON when its path is under {@code wristband.api-path-prefix}, or when it asks for JSON ({@code Accept} naming
 * {@code application/json} and not {@code text/html}, or {@code X-Requested-With: XMLHttpRequest}); otherwise it is
 * redirected.
 *
 * <p>An application may decide otherwise by providing one CDI bean of this type (the counterpart of nextjs-auth's
 * {@code onPageUnauthenticated}; docs/extension-points.md "JSON or the login redirect"); the library provides none.
 */
public interface UnauthenticatedRequests {

    /**
     * Called while the container authenticates a request to a protected resource (a security constraint, or
     * {@code HttpServletRequest.authenticate}) that found no caller, on the request's thread and before any of the
     * application's code sees the request; public resources never get here. The redirect carries the request's URL
     * as {@code return_url}, so the user comes back to it after signing in.
     *
     * @param request       the request, not yet authenticated: read its path and headers, not its caller
     * @param jsonByDefault the library's own decision, to return when the application has no opinion
     * @return true to answer 401 JSON, false to redirect to the Login Endpoint
     */
    boolean answerWithJson(HttpServletRequest request, boolean jsonByDefault);
}
