package io.github.wristbandjakarta.internal.security;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

import java.util.Set;
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
 *   <li>Only when the application's one mechanism bean, whatever its qualifiers, is the library's: with a host's own
 *       mechanism, or a built-in one declared by annotation (which Jakarta Security 4.0 qualifies, so that it is not
 *       {@code @Default}), the bridge stays, and with it the choice of mechanism that Security 4.0 leaves to an
 *       {@code HttpAuthenticationMechanismHandler} (Jakarta Security 4.0, "Authentication Mechanism Handler").</li>
 *   <li>Only when that handler, where the server has the type (Security 4.0 and later), is the server's own: an
 *       application that writes its handler routes its requests itself, through the bridge.</li>
 *   <li>Only with Elytron's factory, the one WildFly installs: on any other server, nothing happens.</li>
 *   <li>Only where a provider is registered already for this application, i.e. where Jakarta Security registered its
 *       bridge (its {@code ServletContainerInitializer} has run: Servlet 6.0 §8.2.4, before any listener).</li>
 *   <li>In the bridge's place ({@link MechanismAuthConfigProvider#replaceBridge}).</li>
 * </ol>
 */
@WebListener
public class WildFlyRegistration implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(WildFlyRegistration.class.getName());

    /** Jakarta Security 4.0's handler type, looked up by name: the library is built against Security 3.0. */
    static final String HANDLER_TYPE =
            "jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanismHandler";
    /** The package of Eclipse Soteria, WildFly's Jakarta Security implementation, whose default handler it is. */
    static final String SERVERS_HANDLER_PACKAGE = "org.glassfish.soteria.";

    @Inject
    BeanManager beans;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        Set<Bean<?>> mechanisms = beans.getBeans(HttpAuthenticationMechanism.class, Any.Literal.INSTANCE);
        if (!registersItself(mechanisms, handlers())) {
            return;
        }
        Bean<?> mechanism = mechanisms.iterator().next();
        ServletContext context = event.getServletContext();
        if (MechanismAuthConfigProvider.replaceBridge(context, () -> (HttpAuthenticationMechanism) beans.getReference(
                mechanism, HttpAuthenticationMechanism.class, beans.createCreationalContext(mechanism)))) {
            LOG.fine(() -> "Wristband mechanism registered with Elytron directly for " + context.getContextPath());
        }
    }

    /** Every handler bean of the application, whatever its qualifiers; null where Jakarta Security has no handlers. */
    private Set<Bean<?>> handlers() {
        Class<?> type;
        try {
            type = Class.forName(HANDLER_TYPE, false, HttpAuthenticationMechanism.class.getClassLoader());
        } catch (ClassNotFoundException securityBefore40) {
            return null;
        }
        return beans.getBeans(type, Any.Literal.INSTANCE);
    }

    /**
     * Whether the library may stand in for the bridge.
     *
     * @param mechanisms the application's beans of type {@code HttpAuthenticationMechanism}, whatever their qualifiers
     * @param handlers   its beans of type {@code HttpAuthenticationMechanismHandler}, whatever their qualifiers, or null
     *                   where Jakarta Security has no such type (before 4.0)
     */
    static boolean registersItself(Set<Bean<?>> mechanisms, Set<Bean<?>> handlers) {
        if (mechanisms.size() != 1
                || !WristbandAuthenticationMechanism.class.isAssignableFrom(mechanisms.iterator().next().getBeanClass())) {
            return false;
        }
        return handlers == null || handlers.stream()
                .allMatch(handler -> handler.getBeanClass().getName().startsWith(SERVERS_HANDLER_PACKAGE));
    }
}
