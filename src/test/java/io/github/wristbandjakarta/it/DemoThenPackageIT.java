package io.github.wristbandjakarta.it;

import io.github.wristbandjakarta.servers.ServerProcesses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo's configuration never reaches a production artifact, also when a developer runs the demo and then
 * {@code ./mvnw package} in the same working tree without {@code clean}. Both builds run here as that developer runs
 * them, in a copy of the project (the demo's servers and emulator skipped: only what the builds leave in
 * {@code target/} matters).
 */
class DemoThenPackageIT {

    private static final String CONFIG = "WEB-INF/classes/META-INF/microprofile-config.properties";
    private static final Set<String> NOT_COPIED = Set.of("target", ".git");

    private static Path copy;

    @BeforeAll
    static void demoThenPackage() throws Exception {
        Path project = Path.of("").toAbsolutePath();
        copy = project.resolve("target/demo-then-package");
        ServerProcesses.deleteRecursively(copy);
        copyProject(project, copy);
        maven(copy, "-Pdemo", "-Ddemo.liberty.skip=true", "-Dexec.skip=true", "package");
        maven(copy, "-DskipTests", "-DskipITs", "package");
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

    private static void maven(Path project, String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("./mvnw", "-B", "-q", "-ntp"));
        command.addAll(List.of(arguments));
        File log = project.resolve("build-" + System.nanoTime() + ".log").toFile();
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile())
                .redirectErrorStream(true).redirectOutput(log);
        Map<String, String> environment = builder.environment();
        // The wrapper finds its project from these when they are set: the outer build's, not this copy.
        environment.remove("MAVEN_PROJECTBASEDIR");
        environment.remove("MAVEN_BASEDIR");
        environment.remove("MAVEN_CMD_LINE_ARGS");
        Process process = builder.start();
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish\n" + tail(log));
        }
        assertEquals(0, process.exitValue(), () -> String.join(" ", command) + " failed\n" + tail(log));
    }

    private static String tail(File log) {
        return ServerProcesses.lastLines(ServerProcesses.readLog(log.toPath()), 40);
    }
}
