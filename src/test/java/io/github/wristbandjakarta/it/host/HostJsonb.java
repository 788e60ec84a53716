package io.github.wristbandjakarta.it.host;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;

/** A host application's own unqualified Jsonb producer (formatted output), which must not meet any of the library's. */
@ApplicationScoped
public class HostJsonb {

    @Produces
    Jsonb jsonb() {
        return JsonbBuilder.create(new JsonbConfig().withFormatting(true));
    }
}
