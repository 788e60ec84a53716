package io.github.wristbandjakarta.internal.security;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

import java.util.logging.Logger;

/**
 * On WildFly, gives the container the library's mechanism directly ({@link MechanismAuthConfigProvider}) in place of
 * the bridge module that WildFly's Jakarta Security registered for it. The bridge looks the mechanism up through JNDI
 * and CDI twice on every request, and Elytron builds a new configuration and context, with a random UUID, around it
 * each time: on public requests that was most of what the library cost (docs/deploying-wildfly.md, "What a mechanism
 * costs on WildFly"). The mechanism is the same bean, called the same way; nothing changes for constraints,
 * {@code @RolesAllowed} or {@code SecurityContext}, which ask Elytron for the caller.
 *
 * <ol>
 *   <li>Only when the application's one mechanism is the library's: a host's own mechanism keeps the bridge.</li>
 *   <li>Only with Elytron's factory, the one WildFly installs: on any other server, nothing happens.</li>
 *   <li>Only where a provider is registered already for this application, i.e. where Jakarta Security registered its
 *       bridge (its {@code ServletContainerInitializer} has run: Servlet 6.0 §8.2.4, before any listener).</li>
 *   <li>In the bridge's place ({@link MechanismAuthConfigProvider#replaceBridge}).</li>
 * </ol>
 */
@WebListener
public class WildFlyRegistration implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(WildFlyRegistration.class.getName());

    @Inject
    Instance<HttpAuthenticationMechanism> mechanisms;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        if (!mechanisms.isResolvable()) {
            return;
        }
        Instance.Handle<HttpAuthenticationMechanism> mechanism = mechanisms.getHandle();
        if (!WristbandAuthenticationMechanism.class.isAssignableFrom(mechanism.getBean().getBeanClass())) {
            return;
        }
        ServletContext context = event.getServletContext();
        if (MechanismAuthConfigProvider.replaceBridge(context, mechanism::get)) {
            LOG.fine(() -> "Wristband mechanism registered with Elytron directly for " + context.getContextPath());
        }
    }
}
