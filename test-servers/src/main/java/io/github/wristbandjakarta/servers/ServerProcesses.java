package io.github.wristbandjakarta.servers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** What the server controllers ({@link ServerNode}) and the code around them share: polling, logs, files. */
public final class ServerProcesses {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .version(HttpClient.Version.HTTP_1_1).build();

    private ServerProcesses() {
    }

    /**
     * Polls {@code url} until it answers 200.
     *
     * @param failure why the server will never answer (it exited, a deployment failed), or {@code null}: stops the
     *                wait at once
     * @param why     what the failure message adds (a log tail), read only when the wait fails
     */
    public static void awaitOk(String name, URI url, Duration timeout, Supplier<String> failure, Supplier<String> why) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            String failed = failure.get();
            if (failed != null) {
                throw new AssertionError(name + ": " + failed + "\n" + why.get());
            }
            sleep(250);
        }
        throw new AssertionError(name + ": the application did not answer within " + timeout + "\n" + why.get());
    }

    /**
     * Polls {@code done} every {@code pollMillis} until it holds, failing after {@code timeout} with {@code what} and
     * {@code why} (read only then: a log tail, a count).
     */
    public static void await(String what, Duration timeout, long pollMillis, BooleanSupplier done,
                             Supplier<String> why) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " within " + timeout + "\n" + why.get());
            }
            sleep(pollMillis);
        }
    }

    /**
     * Waits up to {@code seconds} for {@code process} to exit, then kills it (SIGKILL) and waits up to 30 s more.
     *
     * @return whether it exited by itself
     */
    public static boolean awaitExit(ProcessHandle process, int seconds) {
        try {
            process.onExit().get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // killed below
        }
        process.destroyForcibly();
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the caller's caller reports the process that stays (pgrep shows it)
        }
        return false;
    }

    /** A log file's text, or nothing while it does not exist or cannot be read. */
    public static String readLog(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** The last {@code count} lines of {@code text}. */
    public static String lastLines(String text, int count) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    /** Sleeps between two polls of a condition. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Deletes {@code path} and everything below it; nothing when it does not exist. */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
