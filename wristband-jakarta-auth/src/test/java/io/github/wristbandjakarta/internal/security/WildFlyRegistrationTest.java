package io.github.wristbandjakarta.internal.security;

import jakarta.enterprise.inject.spi.Bean;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WildFlyRegistrationTest {

    /** A bean of the given class; the decision reads nothing else. */
    private static Bean<?> bean(Class<?> beanClass) {
        return (Bean<?>) Proxy.newProxyInstance(WildFlyRegistrationTest.class.getClassLoader(), new Class<?>[]{Bean.class},
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "getBeanClass" -> beanClass;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == arguments[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static final Bean<?> LIBRARYS = bean(WristbandAuthenticationMechanism.class);
    /** Stands for a host's mechanism, or for a built-in one declared by annotation. */
    private static final Bean<?> HOSTS = bean(String.class);
    /** Stands for Soteria's default handler: a bean whose class is in Soteria's package. */
    private static final Bean<?> SOTERIAS_HANDLER = bean(org.glassfish.soteria.DefaultHandlerStandIn.class);
    private static final Bean<?> HOSTS_HANDLER = bean(Integer.class);

    @Test
    void theLibrarysOnlyMechanismOnSecurityBefore40RegistersItself() {
        assertTrue(WildFlyRegistration.registersItself(Set.of(LIBRARYS), null));
    }

    @Test
    void theLibrarysOnlyMechanismWithTheServersHandlerRegistersItself() {
        assertTrue(WildFlyRegistration.registersItself(Set.of(LIBRARYS), Set.of(SOTERIAS_HANDLER)));
    }

    @Test
    void aSecondMechanismKeepsTheBridge() {
        assertFalse(WildFlyRegistration.registersItself(Set.of(LIBRARYS, HOSTS), Set.of(SOTERIAS_HANDLER)));
        assertFalse(WildFlyRegistration.registersItself(Set.of(LIBRARYS, HOSTS), null));
    }

    @Test
    void aHostsOnlyMechanismKeepsTheBridge() {
        assertFalse(WildFlyRegistration.registersItself(Set.of(HOSTS), null));
    }

    @Test
    void theApplicationsOwnHandlerKeepsTheBridge() {
        assertFalse(WildFlyRegistration.registersItself(Set.of(LIBRARYS), Set.of(SOTERIAS_HANDLER, HOSTS_HANDLER)));
    }
}
