package io.github.wristbandjakarta.internal.security;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * The diagnostic WARs' mechanism, registered on WildFly the way the library registers its own
 * ({@link MechanismAuthConfigProvider#replaceBridge}), so that the floors our cases are compared with are called as ours
 * is; case container-mechanism-floor keeps Jakarta Security's bridge to show its price. In the library's package because
 * that registration is no public API. On Liberty it does nothing.
 */
@WebListener
public class DirectRegistration implements ServletContextListener {

    /** What a WAR holds to have its mechanism registered directly. */
    public static final Class<?>[] CLASSES = {DirectRegistration.class, MechanismAuthConfigProvider.class,
        MechanismMessageContext.class};

    @Inject
    Instance<HttpAuthenticationMechanism> mechanism;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        boolean elytron = MechanismAuthConfigProvider.elytronFactory() != null;
        if (!MechanismAuthConfigProvider.replaceBridge(event.getServletContext(), mechanism::get) && elytron) {
            throw new IllegalStateException("WildFly registered no bridge to replace for " + event.getServletContext()
                    .getContextPath());
        }
    }
}
