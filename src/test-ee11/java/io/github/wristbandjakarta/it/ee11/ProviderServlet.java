package io.github.wristbandjakarta.it.ee11;

import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** Public: the class of the Jakarta Authentication provider the container calls for this application. */
@WebServlet("/provider")
public class ProviderServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String appContext = request.getServletContext().getVirtualServerName() + " " + request.getContextPath();
        var provider = AuthConfigFactory.getFactory().getConfigProvider("HttpServlet", appContext, null);
        response.setContentType("text/plain");
        response.getWriter().print(provider == null ? "none" : provider.getClass().getName());
    }
}
