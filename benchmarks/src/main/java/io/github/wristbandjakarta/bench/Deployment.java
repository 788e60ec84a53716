package io.github.wristbandjakarta.bench;

import io.github.wristbandjakarta.bench.baseline.BaselineApplication;
import io.github.wristbandjakarta.bench.baseline.HelloResource;
import io.github.wristbandjakarta.bench.container.CallerResource;
import io.github.wristbandjakarta.bench.container.DoNothingMechanism;
import io.github.wristbandjakarta.bench.container.FixedCallerMechanism;
import io.github.wristbandjakarta.bench.container.SessionCallerMechanism;
import io.github.wristbandjakarta.it.ServerProcesses;
import io.github.wristbandjakarta.it.TestApp;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The WARs on the server under load: the bench build of ours (the reference application's WAR with the trivial
 * endpoints and the bench configuration), the baseline WAR without our library, and three diagnostic WARs (the
 * baseline with the least a mechanism can do, to split the container's cost from ours).
 */
final class Deployment {

    static final String CLIENT_ID = "bench-client";
    static final String CLIENT_SECRET = "bench-client-secret-0123456789abcdef";

    /** One path of each WAR that answers 200 once it is deployed. */
    private static final List<String> READY = List.of(Cases.BASELINE_CONTEXT + "/api/bench/hello",
            Cases.CONTEXT + "/api/bench/hello", Cases.DO_NOTHING_CONTEXT + "/api/bench/hello",
            Cases.FIXED_CALLER_CONTEXT + "/api/bench/caller", Cases.SESSION_CALLER_CONTEXT + "/api/bench/caller");

    private final Settings settings;
    private final BenchServer server;

    Deployment(Settings settings, BenchServer server) {
        this.settings = settings;
        this.server = server;
    }

    /** Writes the five WARs into the server's (emptied) deployment directory, ours configured for the emulator. */
    void write(String emulatorOrigin) throws IOException {
        if (!Files.isRegularFile(settings.war())) {
            throw new IllegalStateException("no WAR at " + settings.war() + ": build the reference application first "
                    + "(./mvnw -Pbench from the top directory does)");
        }
        Path dropins = server.deployments();
        Files.createDirectories(dropins);
        try (var old = Files.list(dropins)) {
            for (Path p : old.toList()) {
                ServerProcesses.deleteRecursively(p);
            }
        }
        Map<String, String> config = TestApp.config(CLIENT_ID, CLIENT_SECRET, emulatorOrigin, settings::app);
        // The bench reads the access token through it to measure a real session's size.
        config.put("wristband.token-endpoint.enabled", "true");
        String properties = config.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        WebArchive built = ShrinkWrap.create(ZipImporter.class, "built.war").importFrom(settings.war().toFile())
                .as(WebArchive.class);
        WebArchive ours = ShrinkWrap.create(WebArchive.class, name(Cases.CONTEXT))
                .merge(built)
                .addClasses(HelloResource.class, CallerResource.class)
                .addAsResource(new StringAsset(properties), "META-INF/microprofile-config.properties");
        if (!settings.distributable()) {
            // The same WAR as a single node runs it without replication (the split of docs/benchmarks.md).
            String webXml = new String(built.get("/WEB-INF/web.xml").getAsset().openStream().readAllBytes(),
                    StandardCharsets.UTF_8);
            String plain = webXml.replaceAll("\\s*<distributable\\s*/>", "");
            if (plain.equals(webXml)) {
                throw new IllegalStateException("web.xml has no <distributable/> to leave out");
            }
            ours.delete("/WEB-INF/web.xml");
            ours.addAsWebInfResource(new StringAsset(plain), "web.xml");
        }
        export(ours, dropins);
        export(ShrinkWrap.create(WebArchive.class, name(Cases.BASELINE_CONTEXT))
                .addClasses(BaselineApplication.class, HelloResource.class), dropins);
        export(ShrinkWrap.create(WebArchive.class, name(Cases.DO_NOTHING_CONTEXT))
                .addClasses(BaselineApplication.class, HelloResource.class, DoNothingMechanism.class), dropins);
        export(ShrinkWrap.create(WebArchive.class, name(Cases.FIXED_CALLER_CONTEXT))
                .addClasses(BaselineApplication.class, CallerResource.class, FixedCallerMechanism.class), dropins);
        // Distributable as ours is (or not, with -Dbench.distributable=false), so that the container keeps both
        // WARs' sessions alike.
        export(ShrinkWrap.create(WebArchive.class, name(Cases.SESSION_CALLER_CONTEXT))
                .addClasses(BaselineApplication.class, CallerResource.class, SessionCallerMechanism.class)
                .addAsWebInfResource(new StringAsset("<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" "
                        + "version=\"6.0\">" + (settings.distributable() ? "<distributable/>" : "") + "</web-app>\n"),
                        "web.xml"), dropins);
        BenchRunner.progress("deployed our WAR, the baseline WAR and three diagnostic WARs to " + dropins);
    }

    private static String name(String context) {
        return context.substring(1) + ".war";
    }

    private static void export(WebArchive war, Path dropins) {
        war.as(ZipExporter.class).exportTo(dropins.resolve(war.getName()).toFile(), true);
    }

    /** Starts the server and waits until each of the five applications answers 200. */
    void start() throws Exception {
        server.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        for (String path : READY) {
            while (true) {
                try {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(settings.origin() + path))
                            .timeout(Duration.ofSeconds(10)).build();
                    if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // starting
                }
                String failure = server.failure();
                if (failure != null) {
                    throw new IllegalStateException(failure);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(path + " did not answer 200 within 180 s; see " + server.log());
                }
                Thread.sleep(250);
            }
        }
        BenchRunner.progress("all five applications answer");
    }
}
