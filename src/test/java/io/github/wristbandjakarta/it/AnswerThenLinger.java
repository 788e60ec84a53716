package io.github.wristbandjakarta.it;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * Test-only, added to the cluster tests' deployment: {@code GET /test/answer-then-linger} completes its answer (written,
 * flushed, closed: the browser has all of it), then keeps the request running for {@link #LINGER}. Open Liberty's
 * session cache, which writes a request's changes when the servlet returns, has not stored them yet when the
 * browser's next request reaches the other node: what a big page, or an endpoint that closes its stream, does by
 * chance under load, made certain.
 */
@WebServlet("/test/answer-then-linger")
public class AnswerThenLinger extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final Duration LINGER = Duration.ofMillis(1500);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        PrintWriter out = response.getWriter();
        out.print("answered");
        out.close();
        try {
            Thread.sleep(LINGER.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
