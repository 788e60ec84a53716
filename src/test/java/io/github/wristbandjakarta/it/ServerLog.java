package io.github.wristbandjakarta.it;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Reads what the server under test logged ({@link TestApp#serverLog()}) from a mark on. */
public final class ServerLog {

    private ServerLog() {
    }

    /** The current end of the log; later {@link #since(long)} calls read from here. */
    public static long mark() {
        try {
            Path log = TestApp.serverLog();
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            throw new AssertionError("cannot read the server log: " + e, e);
        }
    }

    /** Everything logged after {@code mark}. */
    public static String since(long mark) {
        Path log = TestApp.serverLog();
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            if (length <= mark) {
                return "";
            }
            byte[] bytes = new byte[(int) (length - mark)];
            file.seek(mark);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot read the server log " + log + ": " + e, e);
        }
    }

    /** Everything logged after {@code mark}, once {@code done} holds for it (or after 5 s). */
    public static String awaitSince(long mark, Predicate<String> done) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        String text = since(mark);
        while (!done.test(text) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            text = since(mark);
        }
        return text;
    }

    /**
     * The lines of {@code text} at level WARNING or above: Open Liberty's {@code W}, {@code E} and standard error
     * ({@code R}) in messages.log, WildFly's {@code WARN} and {@code ERROR} in server.log.
     */
    public static List<String> warnings(String text) {
        return text.lines().filter(line -> LIBERTY_WARNING.matcher(line).find() || WILDFLY_WARNING.matcher(line).find())
                .toList();
    }

    private static final Pattern LIBERTY_WARNING = Pattern.compile("^\\[[^\\]]+\\] \\S+ \\S+\\s+[WER] ");
    private static final Pattern WILDFLY_WARNING = Pattern.compile("^[\\d-]+ [\\d:,]+ (WARN|ERROR) ");

    /** How many lines of {@code text} contain {@code fragment}. */
    public static long count(String text, String fragment) {
        return text.lines().filter(line -> line.contains(fragment)).count();
    }
}
