package io.github.wristbandjakarta.internal.wristband;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.wristbandjakarta.internal.config.WristbandConfig;
import io.github.wristbandjakarta.internal.config.WristbandConfigLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A real HTTP server on 127.0.0.1 standing in for Wristband: answers queued responses, records requests. */
final class StubWristband implements AutoCloseable {

    record Answer(int status, String body, long delayMillis, Map<String, String> headers) {
        static Answer json(int status, String body) {
            return new Answer(status, body, 0, Map.of("Content-Type", "application/json"));
        }
    }

    record Recorded(String method, String path, String rawQuery, Headers headers, String body) {
        String requestLine() {
            return method + " " + path;
        }

        String header(String name) {
            return headers.getFirst(name);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private volatile Answer fallback = Answer.json(500, "{\"error\":\"no answer queued\"}");
    final List<Recorded> requests = new CopyOnWriteArrayList<>();

    StubWristband() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Queues answers for the next requests, in order. */
    StubWristband answer(Answer... queued) {
        answers.addAll(List.of(queued));
        return this;
    }

    /** The answer once the queue is empty. */
    StubWristband always(Answer answer) {
        fallback = answer;
        return this;
    }

    int port() {
        return server.getAddress().getPort();
    }

    String origin() {
        return "http://127.0.0.1:" + port();
    }

    int count() {
        return requests.size();
    }

    Recorded only() {
        if (requests.size() != 1) {
            throw new AssertionError("expected one request, got " + requests.size());
        }
        return requests.get(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body));
        Answer answer = Optional.ofNullable(answers.poll()).orElse(fallback);
        try {
            if (answer.delayMillis() > 0) {
                Thread.sleep(answer.delayMillis());
            }
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up (timeout tests)
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- configuration and clients pointing at this stub

    static final String CLIENT_ID = "client-id";
    static final String CLIENT_SECRET = "client-secret";

    Map<String, String> baseConfig() {
        Map<String, String> values = new HashMap<>();
        values.put("wristband.client-id", CLIENT_ID);
        values.put("wristband.client-secret", CLIENT_SECRET);
        values.put("wristband.login-state-secret", "login-state-secret-of-32-characters");
        values.put("wristband.application-vanity-domain", origin());
        values.put("wristband.http.request-timeout", "5");
        return values;
    }

    static WristbandConfig config(Map<String, String> values) {
        return WristbandConfigLoader.load(key -> Optional.ofNullable(values.get(key)), values.keySet());
    }

    static HttpClient httpClient() {
        return HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Records the pauses instead of sleeping. */
    static final class RecordingSleeper implements WristbandClient.Sleeper {
        final List<Duration> pauses = new CopyOnWriteArrayList<>();

        @Override
        public void sleep(Duration duration) {
            pauses.add(duration);
        }

        List<Duration> pauses() {
            return new ArrayList<>(pauses);
        }
    }
}
