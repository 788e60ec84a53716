package io.github.wristbandjakarta.internal.security;

import io.github.wristbandjakarta.bench.container.DoNothingMechanism;
import jakarta.inject.Inject;
import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Case container-direct-mechanism-floor: the mechanism floor's {@link DoNothingMechanism}, registered on WildFly the way
 * the library registers its own ({@link MechanismAuthConfigProvider#replaceBridge}), so that the bench shows the price
 * of Jakarta Security's bridge apart from that of a mechanism the container calls directly. In the library's package
 * because that registration is no public API. On Liberty it does nothing, and the case is the mechanism floor again.
 */
@WebListener
public class DirectDoNothingRegistration implements ServletContextListener {

    /** What the case's WAR holds besides the mechanism floor's classes. */
    public static final Class<?>[] CLASSES = {DirectDoNothingRegistration.class, MechanismAuthConfigProvider.class,
        MechanismMessageContext.class};

    @Inject
    DoNothingMechanism mechanism;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        boolean elytron = AuthConfigFactory.getFactory().getClass().getName()
                .startsWith(MechanismAuthConfigProvider.ELYTRON_FACTORY_PACKAGE);
        if (!MechanismAuthConfigProvider.replaceBridge(event.getServletContext(), () -> mechanism) && elytron) {
            throw new IllegalStateException("WildFly registered no bridge to replace for " + event.getServletContext()
                    .getContextPath());
        }
    }
}
