package io.github.wristbandjakarta.it.host;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The host's asynchronous servlet: it answers from another thread than the request's. {@code startAsync} throws when
 * any filter on the request's way is not async-supported (Servlet 6.0 §2.3.3.3), the library's included.
 */
@WebServlet(urlPatterns = "/async", asyncSupported = true)
public class HostAsyncServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        AsyncContext async = request.startAsync();
        async.start(() -> {
            try {
                async.getResponse().setContentType("text/plain");
                async.getResponse().getWriter().print("answered asynchronously");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                async.complete();
            }
        });
    }
}
