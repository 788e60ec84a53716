package io.github.wristbandjakarta.it.host;

import io.github.wristbandjakarta.api.SessionMetadata;
import io.github.wristbandjakarta.api.WristbandPrincipal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;

/** A host's own fields in the Session Endpoint's metadata, computed from the signed-in user. */
@ApplicationScoped
public class HostSessionMetadata implements SessionMetadata {

    @Override
    public JsonObject metadata(WristbandPrincipal user) {
        return Json.createObjectBuilder()
                .add("plan", user.getTenantName().equals("devs4you") ? "gold" : "free")
                .build();
    }
}
