package io.github.wristbandjakarta.internal.security;

import jakarta.security.auth.message.AuthException;
import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.security.auth.message.config.AuthConfigProvider;
import jakarta.security.auth.message.config.ClientAuthConfig;
import jakarta.security.auth.message.config.ServerAuthConfig;
import jakarta.security.auth.message.config.ServerAuthContext;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import javax.security.auth.Subject;
import javax.security.auth.callback.CallbackHandler;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A Jakarta Authentication provider for its Servlet Container Profile that calls one {@link HttpAuthenticationMechanism},
 * resolved once, as Jakarta Security 3.0 has a container call a mechanism through a Jakarta Authentication module.
 *
 * <p>It stands in for the bridge module the server's Jakarta Security implementation registers, where that bridge
 * costs every request of the application (docs/deploying-wildfly.md, "What a mechanism costs on WildFly"). The
 * configuration and context are made once per callback handler and shared by all requests: they hold no state of a
 * request, which lives in the {@link MessageInfo} and {@link Subject} the container passes to each call.
 */
final class MechanismAuthConfigProvider implements AuthConfigProvider {

    private static final Logger LOG = Logger.getLogger(MechanismAuthConfigProvider.class.getName());
    /** The message layer of the Servlet Container Profile ("Message Layer Identifier"). */
    static final String LAYER = "HttpServlet";
    private static final String CONTEXT_ID = "wristband-jakarta-auth";
    /** The package of WildFly Elytron's Jakarta Authentication factory. */
    private static final String ELYTRON_FACTORY_PACKAGE = "org.wildfly.security.auth.jaspi.";

    private final HttpAuthenticationMechanism mechanism;
    private volatile Config config;

    /**
     * Where Elytron is the factory (WildFly) and a provider is registered for the application already (Jakarta
     * Security's bridge), registers one for {@code mechanism} in its place, for the same layer and application
     * context: it takes the bridge's place within the same registration ({@code AuthConfigFactory#registerConfigProvider}),
     * which Jakarta Security removes when the application stops. Elsewhere it does nothing.
     *
     * @return whether it registered
     */
    static boolean replaceBridge(ServletContext context, Supplier<HttpAuthenticationMechanism> mechanism) {
        AuthConfigFactory factory = elytronFactory();
        if (factory == null) {
            return false;
        }
        // The application context identifier of a web application (Servlet Container Profile, "Application Context
        // Identifier").
        String appContext = context.getVirtualServerName() + " " + context.getContextPath();
        if (factory.getConfigProvider(LAYER, appContext, null) == null) {
            return false;
        }
        factory.registerConfigProvider(new MechanismAuthConfigProvider(mechanism.get()), LAYER, appContext,
                "wristband-jakarta-auth");
        return true;
    }

    /** WildFly Elytron's factory, or null on any other server (or one without Jakarta Authentication). */
    static AuthConfigFactory elytronFactory() {
        try {
            AuthConfigFactory factory = AuthConfigFactory.getFactory();
            return factory != null && factory.getClass().getName().startsWith(ELYTRON_FACTORY_PACKAGE) ? factory : null;
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, "No Jakarta Authentication factory", e);
            return null;
        }
    }

    /** @param mechanism a contextual reference of a normal-scoped bean (its client proxy), safe to keep */
    MechanismAuthConfigProvider(HttpAuthenticationMechanism mechanism) {
        this.mechanism = mechanism;
    }

    /** None: the profile is a server's. */
    @Override
    public ClientAuthConfig getClientAuthConfig(String layer, String appContext, CallbackHandler handler) {
        return null;
    }

    @Override
    public ServerAuthConfig getServerAuthConfig(String layer, String appContext, CallbackHandler handler) {
        Config current = config;
        if (current == null || current.handler != handler || !current.layer.equals(layer)
                || !current.appContext.equals(appContext)) {
            current = new Config(layer, appContext, handler, new Context(mechanism, handler));
            config = current;
        }
        return current;
    }

    @Override
    public void refresh() {
        // Nothing is read from outside: the mechanism is the configuration.
    }

    private record Config(String layer, String appContext, CallbackHandler handler, Context context)
            implements ServerAuthConfig {

        @Override
        public String getMessageLayer() {
            return layer;
        }

        @Override
        public String getAppContext() {
            return appContext;
        }

        /** One context serves every message ("Authentication Context Identifiers" lets the id be the same for all). */
        @Override
        public String getAuthContextID(MessageInfo messageInfo) {
            return CONTEXT_ID;
        }

        @Override
        public void refresh() {
            // As the provider's.
        }

        @Override
        public boolean isProtected() {
            return false;
        }

        @Override
        public ServerAuthContext getAuthContext(String authContextID, Subject serviceSubject,
                                                Map<String, Object> properties) {
            return context;
        }
    }

    /** The mechanism's three methods, with Jakarta Security's statuses told in Jakarta Authentication's. */
    record Context(HttpAuthenticationMechanism mechanism, CallbackHandler handler) implements ServerAuthContext {

        @Override
        public AuthStatus validateRequest(MessageInfo messageInfo, Subject clientSubject, Subject serviceSubject)
                throws AuthException {
            MechanismMessageContext context = new MechanismMessageContext(handler, messageInfo, clientSubject);
            HttpServletRequest request = context.getRequest();
            AuthenticationStatus status;
            try {
                status = mechanism.validateRequest(request, context.getResponse(), context);
            } catch (AuthenticationException e) {
                request.setAttribute(MechanismMessageContext.LAST_STATUS, AuthenticationStatus.SEND_FAILURE);
                throw (AuthException) new AuthException("The authentication mechanism failed").initCause(e);
            }
            // What SecurityContext#authenticate answers, also for a request authenticated already (see
            // MechanismMessageContext).
            request.setAttribute(MechanismMessageContext.LAST_STATUS, status);
            return toAuthStatus(status);
        }

        @Override
        public AuthStatus secureResponse(MessageInfo messageInfo, Subject serviceSubject) throws AuthException {
            MechanismMessageContext context = new MechanismMessageContext(handler, messageInfo, null);
            HttpServletRequest request = context.getRequest();
            HttpServletResponse response = context.getResponse();
            try {
                AuthStatus status = toAuthStatus(mechanism.secureResponse(request, response, context));
                return status == AuthStatus.SUCCESS ? AuthStatus.SEND_SUCCESS : status;
            } catch (AuthenticationException e) {
                throw (AuthException) new AuthException("The authentication mechanism failed to secure the response")
                        .initCause(e);
            }
        }

        /** Called for {@code HttpServletRequest#logout()}. */
        @Override
        public void cleanSubject(MessageInfo messageInfo, Subject subject) {
            MechanismMessageContext context = new MechanismMessageContext(handler, messageInfo, subject);
            mechanism.cleanSubject(context.getRequest(), context.getResponse(), context);
        }

        static AuthStatus toAuthStatus(AuthenticationStatus status) {
            return switch (status) {
                case NOT_DONE, SUCCESS -> AuthStatus.SUCCESS;
                case SEND_CONTINUE -> AuthStatus.SEND_CONTINUE;
                case SEND_FAILURE -> AuthStatus.SEND_FAILURE;
            };
        }
    }
}
