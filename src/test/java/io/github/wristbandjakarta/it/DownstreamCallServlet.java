package io.github.wristbandjakarta.it;

import io.github.wristbandjakarta.api.WristbandBearerFilter;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;

/**
 * Test-only servlet (BearerTokenIT): calls a downstream API that checks the bearer token (the emulator's userinfo
 * endpoint, which answers 401 to any other) with a Jakarta REST client carrying {@link WristbandBearerFilter}, and
 * answers that API's status and body. {@code ?host=127.0.0.1} calls the same emulator under another origin than the
 * one on {@code wristband.bearer-filter.allowed-origins}.
 */
@WebServlet("/api/it/downstream")
@ServletSecurity(@HttpConstraint(rolesAllowed = "**"))
public class DownstreamCallServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String origin = ConfigProvider.getConfig().getValue("wristband.application-vanity-domain", String.class);
        if ("127.0.0.1".equals(request.getParameter("host"))) {
            origin = origin.replace("//localhost:", "//127.0.0.1:");
        }
        Client client = ClientBuilder.newClient().register(WristbandBearerFilter.class);
        try (Response downstream = client.target(origin + "/api/v1/oauth2/userinfo").request().get()) {
            response.setStatus(downstream.getStatus());
            response.setContentType("application/json");
            response.getWriter().write(downstream.readEntity(String.class));
        } finally {
            client.close();
        }
    }
}
