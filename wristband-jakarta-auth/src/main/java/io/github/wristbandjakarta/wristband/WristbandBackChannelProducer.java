package io.github.wristbandjakarta.wristband;

import io.github.wristbandjakarta.config.WristbandConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.net.http.HttpClient;

/** CDI wiring of the back channel: one HttpClient, client, resolver and host builder per application. */
@ApplicationScoped
public class WristbandBackChannelProducer {

    // @Singleton: the produced classes are final and cannot be proxied.
    @Produces
    @Singleton
    public WristbandClient wristbandClient(WristbandConfig config) {
        HttpClient httpClient = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        return new WristbandClient(config, httpClient);
    }

    @Produces
    @Singleton
    public ConfigurationResolver configurationResolver(WristbandConfig config, WristbandClient client) {
        return new ConfigurationResolver(config, client);
    }

    @Produces
    @Singleton
    public TenantHosts tenantHosts(WristbandConfig config) {
        return new TenantHosts(config);
    }
}
