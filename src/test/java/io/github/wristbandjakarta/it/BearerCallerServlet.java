package io.github.wristbandjakarta.it;

import io.github.wristbandjakarta.api.WristbandPrincipal;
import jakarta.json.Json;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Test-only servlet (BearerTokenIT): an API path any authenticated caller may use ({@code **}), answering who the
 * container says the caller is.
 */
@WebServlet("/api/it/caller")
@ServletSecurity(@HttpConstraint(rolesAllowed = "**"))
public class BearerCallerServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        WristbandPrincipal caller = (WristbandPrincipal) request.getUserPrincipal();
        response.setContentType("application/json");
        response.getWriter().write(Json.createObjectBuilder()
                .add("userId", caller.getUserId())
                .add("tenantId", caller.getTenantId())
                .add("bearer", caller.isBearer())
                .add("clientId", String.valueOf(caller.getClaims().get("client_id")))
                .add("inRoleUser", request.isUserInRole("user"))
                .build().toString());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        doGet(request, response);
    }
}
