package io.github.wristbandjakarta.it.ee11;

import jakarta.annotation.security.DeclareRoles;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** The host's page for signed-in Wristband users: answers with the caller's name. */
@WebServlet("/members/*")
@ServletSecurity(@HttpConstraint(rolesAllowed = MembersServlet.ROLE))
@DeclareRoles(MembersServlet.ROLE)
public class MembersServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    public static final String ROLE = "user";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().print(request.getUserPrincipal().getName());
    }
}
