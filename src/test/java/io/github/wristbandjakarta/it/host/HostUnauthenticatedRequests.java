package io.github.wristbandjakarta.it.host;

import io.github.wristbandjakarta.api.UnauthenticatedRequests;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;

/** A host's own decision between 401 JSON and the login redirect: JSON whenever its client says so in a header. */
@ApplicationScoped
public class HostUnauthenticatedRequests implements UnauthenticatedRequests {

    @Override
    public boolean answerWithJson(HttpServletRequest request, boolean jsonByDefault) {
        return "json".equals(request.getHeader("X-Host-Answer")) || jsonByDefault;
    }
}
