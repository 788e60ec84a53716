package io.github.wristbandjakarta.bench;

import io.github.wristbandjakarta.bench.baseline.BaselineApplication;
import io.github.wristbandjakarta.bench.baseline.HelloResource;
import io.github.wristbandjakarta.bench.container.CallerResource;
import io.github.wristbandjakarta.bench.container.DoNothingMechanism;
import io.github.wristbandjakarta.bench.container.FixedCallerMechanism;
import io.github.wristbandjakarta.bench.container.PlainBean;
import io.github.wristbandjakarta.bench.container.SessionCallerMechanism;
import io.github.wristbandjakarta.internal.security.DirectRegistration;
import io.github.wristbandjakarta.internal.security.KeyedLogin;
import io.github.wristbandjakarta.servers.DeploymentConfig;
import io.github.wristbandjakarta.servers.LibertyNode;
import io.github.wristbandjakarta.servers.ServerNode;
import io.github.wristbandjakarta.servers.ServerProcesses;
import io.github.wristbandjakarta.servers.WildFlyNode;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The WARs on the server under load: the bench build of ours (the reference application's WAR with the trivial
 * endpoints and the bench configuration), the baseline WAR without our library, and six diagnostic WARs (the
 * baseline with our library alone, the baseline as a bean archive, and with the least a mechanism can do, through Jakarta Security's bridge and directly, to split the container's cost from ours).
 */
final class Deployment {

    static final String CLIENT_ID = "bench-client";
    static final String CLIENT_SECRET = "bench-client-secret-0123456789abcdef";

    /** One path of each WAR that answers 200 once it is deployed. */
    private static final List<String> READY = List.of(Cases.BASELINE_CONTEXT + "/api/bench/hello",
            Cases.LIBRARY_CONTEXT + "/api/bench/hello",
            Cases.CONTEXT + "/api/bench/hello", Cases.CDI_CONTEXT + "/api/bench/hello",
            Cases.DO_NOTHING_CONTEXT + "/api/bench/hello", Cases.DIRECT_DO_NOTHING_CONTEXT + "/api/bench/hello",
            Cases.FIXED_CALLER_CONTEXT + "/api/bench/caller", Cases.SESSION_CALLER_CONTEXT + "/api/bench/caller");

    /** A WildFly server.log line's level: {@code 2026-01-31 12:00:00,000 WARN  [category] …}. */
    private static final Pattern LEVEL = Pattern.compile("^\\S+ \\S+ (WARN|ERROR) ", Pattern.MULTILINE);

    private final Settings settings;
    private final ServerNode server;

    Deployment(Settings settings, ServerNode server) {
        this.settings = settings;
        this.server = server;
    }

    /**
     * The server the bench loads ({@code -Dbench.container}): the Open Liberty server {@code liberty:create} made
     * ({@code bench.server}, its HTTP port from {@code bench.httpPort} through its bootstrap properties, the WARs in its
     * {@code dropins}), or the bench's own WildFly install ({@code target/wildfly-bench/wildfly-VERSION}, prepared with
     * {@code server-config/wildfly/configure.cli} by the build's profile {@code bench-wildfly}) on
     * {@code standalone.xml} with the port offset that puts HTTP on the bench's port, the WARs in
     * {@code standalone/deployments}. Either deploys the WARs in its deployments directory at start, each under the
     * context root of its file name without {@code .war}; the output of its start and stop commands goes to
     * {@code server.log} in the bench's output directory.
     *
     * <p>On WildFly the WARs deploy as they are, the diagnostic ones (a mechanism and no descriptor at all) included:
     * Undertow puts every deployment without a {@code jboss-web.xml} in its {@code default-security-domain}
     * ({@code other}), WildFly's Jakarta Security integration installs a WAR's {@code HttpAuthenticationMechanism}
     * bean as its authentication, and {@code integrated-jaspi=false} (configure.cli) takes the caller it reports as it
     * is. The check of case container-login-floor proves it (the caller's name in the answer), and a Flight Recording
     * of container-mechanism-floor shows {@code DoNothingMechanism} called.
     */
    static ServerNode server(Settings settings) {
        Path console = settings.out().resolve("server.log");
        return switch (settings.container()) {
            case "liberty" -> new LibertyNode(settings.wlp(), settings.server(), settings.httpPort(), console);
            case "wildfly" -> WildFlyNode.standalone(settings.wildflyHome(), settings.httpPort(), console);
            default -> throw new IllegalArgumentException("bench.container must be liberty or wildfly, not "
                    + settings.container());
        };
    }

    /** Writes the eight WARs into the server's (emptied) deployment directory, ours configured for the emulator. */
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
        Map<String, String> config = DeploymentConfig.of(CLIENT_ID, CLIENT_SECRET, emulatorOrigin, settings::app);
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
        WebArchive library = ShrinkWrap.create(WebArchive.class, name(Cases.LIBRARY_CONTEXT))
                .addClasses(BaselineApplication.class, HelloResource.class)
                .addAsResource(new StringAsset(properties), "META-INF/microprofile-config.properties");
        built.getContent(path -> path.get().startsWith("/WEB-INF/lib/")).forEach((path, node) ->
                library.add(node.getAsset(), path));
        export(library, dropins);
        export(ShrinkWrap.create(WebArchive.class, name(Cases.CDI_CONTEXT))
                .addClasses(BaselineApplication.class, HelloResource.class, PlainBean.class), dropins);
        export(ShrinkWrap.create(WebArchive.class, name(Cases.DO_NOTHING_CONTEXT))
                .addClasses(BaselineApplication.class, HelloResource.class, DoNothingMechanism.class), dropins);
        export(ShrinkWrap.create(WebArchive.class, name(Cases.DIRECT_DO_NOTHING_CONTEXT))
                .addClasses(BaselineApplication.class, HelloResource.class, DoNothingMechanism.class)
                .addClasses(DirectRegistration.CLASSES), dropins);
        // The login floors' mechanisms are called as ours is: on WildFly directly, not through Jakarta Security's bridge.
        export(ShrinkWrap.create(WebArchive.class, name(Cases.FIXED_CALLER_CONTEXT))
                .addClasses(BaselineApplication.class, CallerResource.class, FixedCallerMechanism.class)
                .addClasses(KeyedLogin.CLASSES)
                .addClasses(DirectRegistration.CLASSES), dropins);
        // Distributable as ours is (or not, with -Dbench.distributable=false), so that the container keeps both
        // WARs' sessions alike.
        export(ShrinkWrap.create(WebArchive.class, name(Cases.SESSION_CALLER_CONTEXT))
                .addClasses(BaselineApplication.class, CallerResource.class, SessionCallerMechanism.class)
                .addClasses(KeyedLogin.CLASSES)
                .addClasses(DirectRegistration.CLASSES)
                .addAsWebInfResource(new StringAsset("<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" "
                        + "version=\"6.0\">" + (settings.distributable() ? "<distributable/>" : "") + "</web-app>\n"),
                        "web.xml"), dropins);
        BenchRunner.progress("deployed our WAR, the baseline WAR and six diagnostic WARs to " + dropins);
    }

    private static String name(String context) {
        return context.substring(1) + ".war";
    }

    private static void export(WebArchive war, Path dropins) {
        war.as(ZipExporter.class).exportTo(dropins.resolve(war.getName()).toFile(), true);
    }

    /** Starts the server and waits until each of the eight applications answers 200. */
    void start() throws IOException {
        // One run's log: it then holds this run's warnings only (stop() counts them).
        Files.deleteIfExists(server.logFile());
        BenchRunner.progress("starting " + server.product() + " (" + server.name() + ") on port " + server.httpPort());
        server.start();
        server.awaitServing(READY, Duration.ofSeconds(360));
        BenchRunner.progress("all eight applications answer");
    }

    /**
     * Stops the server; then, on WildFly, how many WARN and ERROR lines this run's server.log has, while serving and
     * during the shutdown (which logs its own, e.g. while it passivates the sessions): a hint to read it.
     */
    static void stop(ServerNode server) {
        boolean running = server.process().isPresent();
        if (running) {
            BenchRunner.progress("stopping the server");
        }
        long served = size(server.logFile());
        server.stop();
        if (running && server instanceof WildFlyNode) {
            try {
                byte[] bytes = Files.exists(server.logFile()) ? Files.readAllBytes(server.logFile()) : new byte[0];
                int cut = (int) Math.min(served, bytes.length);
                BenchRunner.progress("WildFly's " + server.logFile() + ": "
                        + levels(new String(bytes, 0, cut, StandardCharsets.UTF_8)) + " while serving, "
                        + levels(new String(bytes, cut, bytes.length - cut, StandardCharsets.UTF_8))
                        + " during the shutdown");
            } catch (IOException e) {
                // only a hint
            }
        }
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static String levels(String log) {
        long warn = 0;
        long error = 0;
        Matcher m = LEVEL.matcher(log);
        while (m.find()) {
            if (m.group(1).equals("WARN")) {
                warn++;
            } else {
                error++;
            }
        }
        return warn + " WARN / " + error + " ERROR lines";
    }
}
