package io.github.wristbandjakarta.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Requests no well-behaved client would send (invalid percent-encoding, raw bytes): written byte for byte on a
 * socket, the answer read until the server closes.
 */
public final class RawHttp {

    /** An answer: status code and everything after the status line. */
    public record Answer(int status, String headersAndBody) {
        public String body() {
            int blank = headersAndBody.indexOf("\r\n\r\n");
            return blank < 0 ? "" : headersAndBody.substring(blank + 4);
        }
    }

    private RawHttp() {
    }

    /** GET {@code target} (path and query exactly as given) from the server under test. */
    public static Answer get(String target, String... extraHeaderLines) {
        int port = TestApp.port();
        StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n");
        for (String line : extraHeaderLines) {
            request.append(line).append("\r\n");
        }
        request.append("Connection: close\r\n\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            String text = answer.toString(StandardCharsets.UTF_8);
            int firstSpace = text.indexOf(' ');
            int status = Integer.parseInt(text.substring(firstSpace + 1, firstSpace + 4));
            return new Answer(status, text.substring(text.indexOf("\r\n") + 2));
        } catch (IOException e) {
            throw new AssertionError("raw request failed: " + e, e);
        }
    }
}
