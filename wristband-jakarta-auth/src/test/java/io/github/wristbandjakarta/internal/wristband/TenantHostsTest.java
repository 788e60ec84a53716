package io.github.wristbandjakarta.internal.wristband;

import io.github.wristbandjakarta.testing.TestConfig;
import io.github.wristbandjakarta.internal.config.WristbandConfig;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TenantHostsTest {

    private static TenantHosts hosts(String vanity) {
        Map<String, String> values = new HashMap<>();
        values.put("wristband.client-id", "client-id");
        values.put("wristband.client-secret", "client-secret");
        values.put("wristband.login-state-secret", "login-state-secret-of-32-characters");
        values.put("wristband.application-vanity-domain", vanity);
        WristbandConfig config = TestConfig.config(values);
        return new TenantHosts(config);
    }

    @Test
    void tenantOriginUsesDashSeparator() {
        assertEquals(URI.create("https://devs4you-invotasticb2b-invotastic.dev.wristband.dev"),
                hosts("invotasticb2b-invotastic.dev.wristband.dev").tenantOrigin("devs4you", false));
    }

    @Test
    void tenantOriginUsesDotSeparatorWithApplicationCustomDomain() {
        assertEquals(URI.create("https://devs4you.auth.invotastic.com"),
                hosts("auth.invotastic.com").tenantOrigin("devs4you", true));
    }

    @Test
    void customDomainOriginIsHttps() {
        assertEquals(URI.create("https://auth.acme.com"), hosts("app.wristband.dev").customDomainOrigin("auth.acme.com"));
    }

    @Test
    void applicationOriginIsTheConfiguredOrigin() {
        assertEquals(URI.create("https://app.wristband.dev"), hosts("app.wristband.dev").applicationOrigin());
    }

    @Test
    void loopbackTenantHostIsHttpWhenOriginIsHttp() {
        assertEquals(URI.create("http://devs4you.localhost:9099"),
                hosts("http://localhost:9099").tenantOrigin("devs4you", true));
    }

    @Test
    void tenantVanityHostSharesTheSchemeOfAnHttpLoopbackApplicationOrigin() {
        assertEquals(URI.create("http://devs4you-localhost:9099"),
                hosts("http://localhost:9099").tenantOrigin("devs4you", false));
    }

    @Test
    void subdomainOfLocalhostVanityIsHttpWithDash() {
        assertEquals(URI.create("http://devs4you-app.localhost:9099"),
                hosts("http://app.localhost:9099").tenantOrigin("devs4you", false));
    }

    @Test
    void loopbackTenantHostIsHttpsWhenOriginIsHttps() {
        assertEquals(URI.create("https://devs4you.localhost:9099"),
                hosts("localhost:9099").tenantOrigin("devs4you", true));
    }

    @Test
    void loopbackCustomDomainIsHttpWhenOriginIsHttp() {
        assertEquals(URI.create("http://127.0.0.1:8080"), hosts("http://localhost:9099").customDomainOrigin("127.0.0.1:8080"));
    }

    @Test
    void nonLoopbackCustomDomainIsHttpsEvenWhenOriginIsHttp() {
        assertEquals(URI.create("https://auth.acme.com"), hosts("http://localhost:9099").customDomainOrigin("auth.acme.com"));
    }

    @Test
    void applicationOriginKeepsHttpForLoopback() {
        assertEquals(URI.create("http://127.0.0.1:9"), hosts("http://127.0.0.1:9").applicationOrigin());
    }

    @Test
    void customDomainWithPathIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> hosts("app.wristband.dev").customDomainOrigin("evil.com/x"));
    }

    @Test
    void customDomainWithUserInfoIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> hosts("app.wristband.dev").customDomainOrigin("app.wristband.dev@evil.com"));
    }

    @Test
    void tenantNameWithQueryIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> hosts("app.wristband.dev").tenantOrigin("a?b", false));
    }

    @Test
    void emptyTenantNameIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> hosts("app.wristband.dev").tenantOrigin("", false));
    }
}
