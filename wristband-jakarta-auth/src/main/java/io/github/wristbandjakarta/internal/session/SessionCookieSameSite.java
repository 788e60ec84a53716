package io.github.wristbandjakarta.internal.session;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;

/**
 * Gives the container's session cookie {@code SameSite=Lax} when the container has not set a SameSite attribute.
 *
 * <p>{@code web.xml} asks for it with the Servlet 6 {@code <cookie-config><attribute>} element, which Open Liberty
 * honours. WildFly 39 copies name, domain, path, max-age, Secure and HttpOnly from {@code <cookie-config>} but
 * drops its {@code <attribute>}s, while Undertow does honour the same attribute set through the API, as here.
 */
@WebListener
public class SessionCookieSameSite implements ServletContextListener {

    static final String SAME_SITE = "SameSite";

    @Override
    public void contextInitialized(ServletContextEvent event) {
        SessionCookieConfig cookie = event.getServletContext().getSessionCookieConfig();
        if (cookie.getAttribute(SAME_SITE) == null) {
            cookie.setAttribute(SAME_SITE, "Lax");
        }
    }
}
