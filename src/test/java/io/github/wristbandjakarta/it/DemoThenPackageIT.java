package io.github.wristbandjakarta.it;

import io.github.wristbandjakarta.servers.ServerProcesses;
import io.github.wristbandjakarta.testkit.Browser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's first command as a newcomer runs it, then a production build in the same working tree: in a copy of
 * the project, {@code ./mvnw -Pdemo} starts the emulator and Open Liberty with the demo until the home page answers,
 * then gets Ctrl-C (SIGINT to its process group, as a terminal sends it); then {@code ./mvnw package} runs there
 * without {@code clean}. The demo must start, stop quietly and leave no process behind, and its configuration must
 * never reach the production WAR.
 *
 * <p>The demo runs on ports of its own ({@link #DEMO_HTTP_PORT}, {@link #DEMO_EMULATOR_PORT}) through the Maven
 * properties and environment variables the README names for that, beside the suite's Liberty server.
 */
class DemoThenPackageIT {

    private static final String CONFIG = "WEB-INF/classes/META-INF/microprofile-config.properties";
    private static final Set<String> NOT_COPIED = Set.of("target", ".git");
    private static final int DEMO_HTTP_PORT = 9580;
    private static final int DEMO_HTTPS_PORT = 9583;
    private static final int DEMO_EMULATOR_PORT = 9599;
    private static final String DEMO_APP = "http://localhost:" + DEMO_HTTP_PORT + "/wristband-jakarta-auth";
    /**
     * A demo that has not stopped this long after Ctrl-C is stuck: four times Liberty's default quiesce period (30 s),
     * the longest part of its stop.
     */
    private static final Duration STOP_LIMIT = Duration.ofSeconds(4 * 30);
    /** A build that has not finished this long after it started is stuck. */
    private static final Duration BUILD_LIMIT = Duration.ofMinutes(15);
    /**
     * A warning or error line: Maven's own (its plugins' included), or the server's console message, which liberty:run
     * passes on inside a Maven INFO line ({@code [INFO] [WARNING ] CWWKE1102W: The quiesce operation did not
     * complete.}).
     */
    private static final Pattern WARNING_OR_ERROR = Pattern.compile("^(\\[INFO] )?\\[(WARNING|ERROR) *]");

    private static Path copy;
    private static Demo demo;

    /** What the demo run left: its output, its exit code after Ctrl-C, the answers seen while it ran. */
    private record Demo(String output, int exitCode, int homeStatus, String homePage, int jwksStatus) {
    }

    @BeforeAll
    static void demoThenPackage() throws Exception {
        Path project = Path.of("").toAbsolutePath();
        copy = project.resolve("target/demo-then-package");
        ServerProcesses.deleteRecursively(copy);
        copyProject(project, copy);
        demo = runDemoUntilCtrlC(copy);
        maven(copy, "-Dmaven.test.skip=true", "package");
    }

    @Test
    void theDemoServesItsHomePageAndTheEmulator() {
        assertEquals(200, demo.homeStatus(), demo.output());
        assertTrue(demo.homePage().contains("id=\"sign-in-links\""), demo.homePage());
        assertEquals(200, demo.jwksStatus(), "the emulator's JWKS: " + demo.output());
    }

    @Test
    void ctrlCStopsTheDemoWithoutAWarningOrError() {
        // 130: the JVM's exit on SIGINT, once its shutdown hooks (Liberty's stop, the emulator's end) have run.
        assertTrue(demo.exitCode() == 0 || demo.exitCode() == 130, "exit code " + demo.exitCode() + "\n"
                + demo.output());
        List<String> flagged = demo.output().lines().filter(line -> WARNING_OR_ERROR.matcher(line).find()).toList();
        assertEquals(List.of(), flagged, demo.output());
    }

    @Test
    void ctrlCLeavesNoProcessBehind() {
        assertEquals(List.of(), processesOf(copy));
    }

    @Test
    void theDemoWarHoldsTheDemoConfiguration() throws IOException {
        // Else the test below would prove nothing: the demo build did put its configuration into this tree.
        assertNotNull(entry(copy.resolve("target/demo/wristband-jakarta-auth.war"), CONFIG));
    }

    @Test
    void theProductionWarBuiltAfterItHoldsNoConfiguration() throws IOException {
        Path war = copy.resolve("target/wristband-jakarta-auth.war");
        assertTrue(Files.exists(war), war.toString());
        assertEquals(null, entry(war, CONFIG), "the demo's configuration in the production WAR");
        assertFalse(Files.exists(copy.resolve("target/wristband-jakarta-auth/" + CONFIG)),
                "the demo's configuration in the production WAR's exploded directory");
    }

    /**
     * {@code ./mvnw -Pdemo} in its own process group (setsid), as a terminal runs it; once the home page answers,
     * SIGINT to the whole group, as Ctrl-C sends it.
     */
    private static Demo runDemoUntilCtrlC(Path project) throws Exception {
        // A terminal's foreground job takes SIGINT's default action; a build started in the background by a
        // non-interactive shell (as CI may start this one) inherits SIGINT ignored, and a JVM keeps an ignored SIGINT
        // ignored. env --default-signal (GNU coreutils) gives the demo the terminal's disposition back.
        List<String> command = List.of("setsid", "env", "--default-signal=INT", "./mvnw", "-B", "-ntp", "-Pdemo",
                "-Ddemo.http.port=" + DEMO_HTTP_PORT, "-Dliberty.http.port=" + DEMO_HTTP_PORT,
                "-Dliberty.https.port=" + DEMO_HTTPS_PORT, "-Demulator.port=" + DEMO_EMULATOR_PORT);
        File log = project.resolve("demo-" + System.nanoTime() + ".log").toFile();
        ProcessBuilder builder = mavenProcess(project, command, log);
        Map<String, String> environment = builder.environment();
        environment.put("WRISTBAND_APPLICATION_VANITY_DOMAIN", "http://localhost:" + DEMO_EMULATOR_PORT);
        environment.put("WRISTBAND_LOGIN_URL", DEMO_APP + "/api/auth/login");
        environment.put("WRISTBAND_REDIRECT_URI", DEMO_APP + "/api/auth/callback");
        environment.put("WRISTBAND_LOGOUT_REDIRECT_URL", DEMO_APP + "/?signed-out");
        Process process = builder.start();
        try {
            ServerProcesses.awaitOk("./mvnw -Pdemo", URI.create(DEMO_APP + "/"), BUILD_LIMIT,
                    () -> process.isAlive() ? null : "ended (exit " + process.exitValue() + ") without serving the demo",
                    () -> tail(log));
            Browser.Exchange home = new Browser().get(DEMO_APP + "/");
            Browser.Exchange jwks = new Browser().get("http://localhost:" + DEMO_EMULATOR_PORT
                    + "/api/v1/oauth2/jwks");
            ctrlC(process);
            if (!process.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("the demo did not stop after Ctrl-C\n" + tail(log));
            }
            awaitNoProcessOf(project);
            return new Demo(ServerProcesses.readLog(log.toPath()), process.exitValue(), home.status(), home.body(),
                    jwks.status());
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }


    /** SIGINT to the process group that setsid made the process the leader of. */
    private static void ctrlC(Process process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + process.pid()).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -INT -" + process.pid());
    }

    /** Processes started from the copy (the demo's server JVM, the emulator), waiting for those that are ending. */
    private static void awaitNoProcessOf(Path project) {
        long deadline = System.nanoTime() + STOP_LIMIT.toNanos();
        while (!processesOf(project).isEmpty() && System.nanoTime() < deadline) {
            ServerProcesses.sleep(200);
        }
    }

    private static List<String> processesOf(Path project) {
        String marker = project.toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList();
    }

    private static String entry(Path war, String name) throws IOException {
        try (ZipFile zip = new ZipFile(war.toFile())) {
            return zip.getEntry(name) == null ? null : name;
        }
    }

    private static void copyProject(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path relative = from.relativize(path);
                boolean skipped = false;
                for (Path part : relative) {
                    skipped |= NOT_COPIED.contains(part.toString());
                }
                if (skipped) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static ProcessBuilder mavenProcess(Path project, List<String> command, File log) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile())
                .redirectErrorStream(true).redirectOutput(log);
        Map<String, String> environment = builder.environment();
        // The wrapper finds its project from these when they are set: the outer build's, not this copy.
        environment.remove("MAVEN_PROJECTBASEDIR");
        environment.remove("MAVEN_BASEDIR");
        environment.remove("MAVEN_CMD_LINE_ARGS");
        return builder;
    }

    private static void maven(Path project, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("./mvnw", "-B", "-q", "-ntp"));
        command.addAll(List.of(arguments));
        File log = project.resolve("build-" + System.nanoTime() + ".log").toFile();
        Process process = mavenProcess(project, command, log).start();
        if (!process.waitFor(BUILD_LIMIT.toMinutes(), TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish\n" + tail(log));
        }
        assertEquals(0, process.exitValue(), () -> String.join(" ", command) + " failed\n" + tail(log));
    }

    private static String tail(File log) {
        return ServerProcesses.lastLines(ServerProcesses.readLog(log.toPath()), 40);
    }
}
