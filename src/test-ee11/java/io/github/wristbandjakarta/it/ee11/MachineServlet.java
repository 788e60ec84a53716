package io.github.wristbandjakarta.it.ee11;

import jakarta.annotation.security.DeclareRoles;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** The machine clients' resource: answers with the caller's name, for callers in the machines' role only. */
@WebServlet(MachineServlet.PATH + "/*")
@ServletSecurity(@HttpConstraint(rolesAllowed = MachineSecurity.ROLE))
@DeclareRoles(MachineSecurity.ROLE)
public class MachineServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    public static final String PATH = "/machine";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().print(request.getUserPrincipal().getName());
    }
}
