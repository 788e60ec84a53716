package io.github.wristbandjakarta.internal.security;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Answers 403 {@code {"error":"Forbidden"}} to a signed-in user's request that the mechanism refused (another origin's
 * unsafe method, a wrong CSRF header), before any servlet of the application runs. Mapped first, at {@code /*}, for
 * REQUEST dispatches.
 *
 * <p>Why here and not in the mechanism: a 403 answered from {@code validateRequest} is a failed authentication to the
 * container. Open Liberty then dispatches the application's own 403 error page over the answer already sent (its
 * {@code CollaboratorHelper} calls {@code sendError} for 403 whenever the application defines that page: a
 * {@code SRVE8115W} warning and, for a JSP page, an exception logged as an error), and WildFly calls
 * {@code sendError} on the committed response of a refused POST whose body was not read (an error logged). Answered
 * with {@code setStatus} by a filter, the refusal is an ordinary response on both: no error page, nothing logged.
 */
public final class RefusedRequestFilter implements Filter {

    public static final String NAME = "wristband-refused-requests";

    /** Set by the mechanism on a request it refused; its value is the JSON body to answer. */
    static final String ATTRIBUTE = RefusedRequestFilter.class.getName();

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getAttribute(ATTRIBUTE) instanceof String body
                && response instanceof HttpServletResponse http) {
            write(http, HttpServletResponse.SC_FORBIDDEN, body);
            return;
        }
        chain.doFilter(request, response);
    }

    /** A complete JSON answer, never cached; closed, so that nothing can be added to it. */
    static void write(HttpServletResponse response, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.setContentLength(bytes.length);
        ServletOutputStream out = response.getOutputStream();
        out.write(bytes);
        out.close();
    }
}
