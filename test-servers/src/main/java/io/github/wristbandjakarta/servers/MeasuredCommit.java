package io.github.wristbandjakarta.servers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The commit a measurement ran at, as the pages it writes name it (the benchmark's docs/benchmarks.md, the soak's
 * docs/soak.md): {@code git}'s short name, marked {@code + uncommitted changes} when the tree held changes other than
 * those pages' own results, {@code unknown} outside a clone.
 */
public final class MeasuredCommit {

    private MeasuredCommit() {
    }

    /**
     * @param root a directory of the clone
     * @param ownResults paths (relative to {@code root}) that the measurement itself writes, which do not count as
     *                   changes
     */
    public static String of(Path root, String... ownResults) {
        String head = git(root, List.of("rev-parse", "--short", "HEAD"));
        if (head == null || head.isEmpty()) {
            return "unknown";
        }
        List<String> status = new ArrayList<>(List.of("status", "--porcelain", "--", "."));
        for (String path : ownResults) {
            status.add(":!" + path);
        }
        String changes = git(root, status);
        return changes == null || !changes.isEmpty() ? head + " + uncommitted changes" : head;
    }

    /** What {@code git args} prints in {@code root}; null when it fails or takes over 30 s. */
    private static String git(Path root, List<String> args) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(args);
        try {
            Process git = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return git.waitFor(30, TimeUnit.SECONDS) && git.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
