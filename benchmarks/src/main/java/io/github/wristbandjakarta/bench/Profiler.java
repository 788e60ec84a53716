package io.github.wristbandjakarta.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code -Dbench.profile=CASE}: records the server JVM with Flight Recorder while wrk loads one case, and prints
 * the hottest methods (self time and inclusive time, from execution samples), to find where a missed target goes.
 */
final class Profiler {

    private Profiler() {
    }

    static void jcmd(long pid, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("jcmd", Long.toString(pid)));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("jcmd failed: " + out);
        }
    }

    /** Top methods by self and by inclusive samples, the inclusive ones limited to request-handling threads. */
    static String report(Path jfr, int top) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(jfr)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            self.merge(name(frames.get(0)), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                String name = name(frame);
                if (seen.add(name)) {
                    inclusive.merge(name, 1, Integer::sum);
                }
            }
        }
        int total = Math.max(samples, 1);
        StringBuilder out = new StringBuilder("execution samples: " + samples + "\n\nself:\n");
        out.append(top(self, top, total));
        out.append("\ninclusive, application and JSON-P/security frames:\n");
        Map<String, Integer> ours = inclusive.entrySet().stream()
                .filter(e -> e.getKey().startsWith("io.github.wristbandjakarta") || e.getKey().startsWith("jakarta.")
                        || e.getKey().contains("json") || e.getKey().contains("security") || e.getKey().contains("ServiceLoader"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        out.append(top(ours, top, total));
        return out.toString();
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static String top(Map<String, Integer> counts, int n, int total) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n)
                .map(e -> String.format(Locale.ROOT, "  %5.1f %%  %s%n", 100.0 * e.getValue() / total, e.getKey()))
                .collect(Collectors.joining());
    }

    static void write(Path file, String text) throws IOException {
        Files.writeString(file, text);
    }
}
