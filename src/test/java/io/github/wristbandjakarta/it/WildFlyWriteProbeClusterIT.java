package io.github.wristbandjakarta.it;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A measurement, not part of the build's suites (run it alone: {@code ./mvnw -o package
 * failsafe:integration-test@cluster-wildfly -Dit.test=WildFlyWriteProbeClusterIT}): how many bytes node B sends to
 * node A over JGroups per plain authenticated request, with WristbandSession declared immutable
 * (WEB-INF/distributable-web.xml, as shipped) and without that declaration. A mutable attribute is replicated at the
 * end of every request that reads it, about its serialized size more per request.
 */
class WildFlyWriteProbeClusterIT {

    private static final int REQUESTS = 100;

    @Test
    void bytesSentPerPlainRequest() throws Exception {
        for (boolean immutable : List.of(true, false)) {
            try (WildFlyCluster cluster = WildFlyCluster.start(
                    war -> immutable ? war : withoutImmutableDeclaration(war),
                    xml -> xml.replace("<stack name=\"tcp\">", "<stack name=\"tcp\" statistics-enabled=\"true\">"))) {
                Browser browser = new Browser();
                SignIn.as(browser, "alice", cluster.a.url("/api/auth/login?tenant_name=devs4you"));
                String csrf = browser.cookie("localhost", "CSRF-TOKEN").orElseThrow().value();
                for (int i = 0; i < 10; i++) {
                    browser.get(cluster.b.url("/api/auth/session"), "X-CSRF-TOKEN", csrf);
                }
                long before = sentBytes(cluster.b);
                for (int i = 0; i < REQUESTS; i++) {
                    Browser.Exchange answer = browser.get(cluster.b.url("/api/auth/session"), "X-CSRF-TOKEN", csrf);
                    if (answer.status() != 200) {
                        throw new AssertionError(answer.status() + " " + answer.body());
                    }
                }
                long after = sentBytes(cluster.b);
                System.out.printf("[cluster] WristbandSession %s: node B sent %d bytes per plain authenticated request "
                        + "(%d requests)%n", immutable ? "declared immutable" : "not declared immutable",
                        (after - before) / REQUESTS, REQUESTS);
            }
        }
    }

    private static org.jboss.shrinkwrap.api.spec.WebArchive withoutImmutableDeclaration(
            org.jboss.shrinkwrap.api.spec.WebArchive war) {
        war.delete("WEB-INF/distributable-web.xml");
        return war;
    }

    private static long sentBytes(WildFlyNode node) {
        String out = node.cli("/subsystem=jgroups/channel=ee:read-attribute(name=sent-bytes)");
        Matcher m = Pattern.compile("\"result\" => (\\d+)L?").matcher(out);
        if (!m.find()) {
            throw new AssertionError(out + "\n" + node.cli("/subsystem=jgroups/channel=ee:read-resource(include-runtime=true)"));
        }
        return Long.parseLong(m.group(1));
    }
}
