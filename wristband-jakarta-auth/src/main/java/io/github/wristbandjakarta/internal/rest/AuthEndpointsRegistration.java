package io.github.wristbandjakarta.internal.rest;

import io.github.wristbandjakarta.api.WristbandAuthOptions;
import io.github.wristbandjakarta.api.SessionMetadata;

import io.github.wristbandjakarta.internal.config.ConfigKey;
import io.github.wristbandjakarta.api.Wristband;
import io.github.wristbandjakarta.internal.config.WristbandConfig;
import io.github.wristbandjakarta.internal.events.WristbandEvents;
import io.github.wristbandjakarta.internal.login.CallbackFlow;
import io.github.wristbandjakarta.internal.login.LoginFlow;
import io.github.wristbandjakarta.internal.login.LogoutFlow;
import io.github.wristbandjakarta.internal.login.ReturnUrlPolicy;
import io.github.wristbandjakarta.internal.security.AuthEndpoints;
import io.github.wristbandjakarta.internal.session.SignIns;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import io.github.wristbandjakarta.internal.security.RefusedRequestFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.annotation.WebListener;

import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Maps the auth endpoints ({@link AuthServlet}) at {@code wristband.auth-path + "/*"} when the application starts
 * (Servlet 6.0 §4.4: a {@code @WebListener} may add servlets). A servlet of its own rather than JAX-RS resources, so
 * that the host's JAX-RS {@code Application} (at {@code /api}, {@code /rest}, {@code /}, or listing its classes)
 * neither moves nor misses them, and the more specific mapping wins over the host's JAX-RS servlet (Servlet 6.0 §12.1).
 */
@WebListener
public class AuthEndpointsRegistration implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(AuthEndpointsRegistration.class.getName());
    static final String SERVLET_NAME = "wristband-auth-endpoints";

    @Inject
    WristbandConfig config;
    @Inject
    LoginFlow login;
    @Inject
    CallbackFlow callback;
    @Inject
    LogoutFlow logout;
    @Inject
    SignIns signIns;
    @Inject
    ReturnUrlPolicy returnUrls;
    @Inject
    Instance<SessionMetadata> sessionMetadata;
    @Inject
    WristbandEvents events;
    @Inject
    Instance<WristbandAuthOptions> authOptions;
    /**
     * The library's own filters around the endpoints' servlet: where the server provides OpenTelemetry, the one that
     * keeps the endpoints' query values out of the request's span (telemetry/QueryRedactionFilter); else none.
     */
    @Inject
    @Wristband
    Instance<Filter> endpointFilters;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        AuthEndpoints endpoints = AuthEndpoints.of(config);
        ServletRegistration.Dynamic registration = context.addServlet(SERVLET_NAME,
                new AuthServlet(config, login, callback, logout, signIns, returnUrls,
                        sessionMetadata.isResolvable() ? sessionMetadata.get() : null, events,
                        authOptions.isResolvable() ? authOptions.get() : null));
        if (registration == null) {
            throw new IllegalStateException("A servlet named " + SERVLET_NAME + " is already registered");
        }
        Set<String> taken = registration.addMapping(endpoints.mapping());
        if (!taken.isEmpty()) {
            throw new IllegalStateException(ConfigKey.AUTH_PATH.key() + " " + endpoints.base() + ": the application maps "
                    + taken + " to a servlet of its own; choose another path");
        }
        // By servlet name: innermost, after every URL-pattern filter (Servlet 6.0 §6.2.4), the server's tracing filter
        // included, and on the endpoints' requests alone.
        int filters = 0;
        for (Filter filter : endpointFilters) {
            String name = SERVLET_NAME + "-filter-" + ++filters;
            FilterRegistration.Dynamic around = context.addFilter(name, filter);
            if (around == null) {
                throw new IllegalStateException("A filter named " + name + " is already registered");
            }
            around.addMappingForServletNames(EnumSet.of(DispatcherType.REQUEST), true, SERVLET_NAME);
        }
        if (!config.corsAllowedOrigins().isEmpty()) {
            FilterRegistration.Dynamic cors = context.addFilter(CorsFilter.NAME, new CorsFilter(config));
            if (cors == null) {
                throw new IllegalStateException("A filter named " + CorsFilter.NAME + " is already registered");
            }
            // Neither filter starts or needs anything asynchronous; one that did not say so would keep every request
            // it meets from going asynchronous (Servlet 6.0 §2.3.3.3), the host's async servlets and resources too.
            cors.setAsyncSupported(true);
            // Only where it has something to do: a request of any other path passes no filter of ours for it.
            cors.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false,
                    CorsFilter.urlPatterns(config).toArray(String[]::new));
        }
        // Only the CSRF protection refuses a signed-in user's request (the cross-origin and CSRF header checks of the
        // mechanism); without it there is nothing to answer, and the filter would only lengthen every request's chain.
        if (config.csrfProtectionEnabled()) {
            // First of all filters, before the application's own (isMatchAfter false): a refused request reaches none.
            FilterRegistration.Dynamic refusals = context.addFilter(RefusedRequestFilter.NAME,
                    new RefusedRequestFilter());
            if (refusals == null) {
                throw new IllegalStateException("A filter named " + RefusedRequestFilter.NAME
                        + " is already registered");
            }
            refusals.setAsyncSupported(true);
            refusals.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        }
        LOG.info(() -> "Wristband auth endpoints at " + context.getContextPath() + endpoints.base()
                + "/{login,callback,logout,session,token}");
    }
}
