package io.github.wristbandjakarta.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Open Liberty: the server {@code liberty:create} made ({@code wristband-bench}, HTTP port from
 * {@code bench.httpPort} through its bootstrap properties), the WARs in its {@code dropins}, started and stopped
 * with {@code bin/server}.
 */
final class LibertyServer implements BenchServer {

    private final Path wlp;
    private final String name;
    private final int httpPort;
    private final Path out;
    private volatile boolean started;

    LibertyServer(Path wlp, String name, int httpPort, Path out) {
        this.wlp = wlp;
        this.name = name;
        this.httpPort = httpPort;
        this.out = out;
    }

    private Path serverDir() {
        return wlp.resolve("usr/servers").resolve(name);
    }

    @Override
    public String product() {
        try {
            return Files.readAllLines(wlp.resolve("lib/versions/openliberty.properties")).stream()
                    .filter(l -> l.startsWith("com.ibm.websphere.productVersion="))
                    .findFirst().map(l -> "Open Liberty " + l.substring(l.indexOf('=') + 1)).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public Path deployments() {
        if (!Files.isDirectory(serverDir())) {
            throw new IllegalStateException("no Liberty server at " + serverDir() + " (run liberty:create first)");
        }
        return serverDir().resolve("dropins");
    }

    @Override
    public void stopLeftover() throws IOException, InterruptedException {
        server("stop", true);
    }

    @Override
    public void start() throws IOException, InterruptedException {
        BenchRunner.progress("starting Open Liberty server " + name + " on port " + httpPort);
        started = true;
        if (server("start", false) != 0) {
            throw new IllegalStateException("the server did not start; see " + serverDir().resolve("logs"));
        }
    }

    @Override
    public String failure() {
        return null;
    }

    @Override
    public Path log() {
        return serverDir().resolve("logs/messages.log");
    }

    @Override
    public long pid() throws IOException, InterruptedException {
        return Profiler.serverPid(name);
    }

    @Override
    public synchronized void stop() {
        if (started) {
            started = false;
            try {
                BenchRunner.progress("stopping the server");
                server("stop", true);
            } catch (Exception e) {
                System.err.println("could not stop the server: " + e);
            }
        }
    }

    private int server(String action, boolean quiet) throws IOException, InterruptedException {
        String script = System.getProperty("os.name").startsWith("Windows") ? "server.bat" : "server";
        ProcessBuilder pb = new ProcessBuilder(wlp.resolve("bin").resolve(script).toString(), action, name);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(out.resolve("server.log").toFile()));
        Process p = pb.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("server " + action + " hung");
        }
        if (!quiet && p.exitValue() != 0) {
            System.err.println(Files.readString(out.resolve("server.log")));
        }
        return p.exitValue();
    }
}
