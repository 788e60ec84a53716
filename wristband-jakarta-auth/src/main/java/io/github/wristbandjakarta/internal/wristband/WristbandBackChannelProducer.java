package io.github.wristbandjakarta.internal.wristband;

import io.github.wristbandjakarta.api.WristbandCallObserver;

import io.github.wristbandjakarta.api.Wristband;
import io.github.wristbandjakarta.internal.config.WristbandConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** CDI wiring of the back channel: one HttpClient, client, resolver and host builder per application. */
@ApplicationScoped
public class WristbandBackChannelProducer {

    // @Singleton: the produced classes are final and cannot be proxied.
    @Produces
    @Singleton
    public WristbandClient wristbandClient(WristbandConfig config, Instance<WristbandCallObserver> observers) {
        HttpClient httpClient = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        return new WristbandClient(config, httpClient, observer(observers));
    }

    /**
     * The observers of calls to Wristband: the telemetry package's where the server provides OpenTelemetry, and any of
     * the application's, all told of every call.
     */
    static WristbandCallObserver observer(Iterable<WristbandCallObserver> observers) {
        List<WristbandCallObserver> all = new ArrayList<>();
        observers.forEach(all::add);
        if (all.isEmpty()) {
            return WristbandCallObserver.NONE;
        }
        if (all.size() == 1) {
            return all.get(0);
        }
        return (endpoint, method, urlTemplate, url) -> {
            List<WristbandCallObserver.Call> calls = all.stream()
                    .map(o -> o.started(endpoint, method, urlTemplate, url)).toList();
            return new WristbandCallObserver.Call() {
                @Override
                public void answered(int status) {
                    calls.forEach(call -> call.answered(status));
                }

                @Override
                public void failed(Exception cause) {
                    calls.forEach(call -> call.failed(cause));
                }
            };
        };
    }

    @Produces
    @Singleton
    public ConfigurationResolver configurationResolver(WristbandConfig config, WristbandClient client,
                                                       @Wristband Clock clock) {
        return new ConfigurationResolver(config, client, clock);
    }

    @Produces
    @Singleton
    public TenantHosts tenantHosts(WristbandConfig config) {
        return new TenantHosts(config);
    }
}
