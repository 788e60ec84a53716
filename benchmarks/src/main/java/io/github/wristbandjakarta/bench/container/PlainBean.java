package io.github.wristbandjakarta.bench.container;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Case container-cdi-floor: one CDI bean, used by nothing. It makes the baseline WAR a bean archive, as every WAR
 * with an authentication mechanism bean is, so that the container's CDI per request (request context, bean
 * proxies for the resources) is measured apart from the mechanism's cost.
 */
@ApplicationScoped
public class PlainBean {
}
