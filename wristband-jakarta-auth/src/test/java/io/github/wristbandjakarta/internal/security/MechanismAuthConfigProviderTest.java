package io.github.wristbandjakarta.internal.security;

import jakarta.security.auth.message.AuthException;
import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.auth.message.callback.GroupPrincipalCallback;
import jakarta.security.auth.message.config.ServerAuthConfig;
import jakarta.security.auth.message.config.ServerAuthContext;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MechanismAuthConfigProviderTest {

    private static final String APP_CONTEXT = "default-host /app";

    private final List<Callback[]> handled = new ArrayList<>();
    private final CallbackHandler handler = handled::add;
    private final ServletFakes.Request request = new ServletFakes.Request("/api", "/orders");
    private final ServletFakes.Response response = new ServletFakes.Response();
    private final Message message = new Message(request.proxy, response.proxy);
    private final Subject client = new Subject();

    /** A mechanism that answers with what {@code answer} makes of its context. */
    private static HttpAuthenticationMechanism mechanism(Function<HttpMessageContext, AuthenticationStatus> answer) {
        return new HttpAuthenticationMechanism() {
            @Override
            public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                        HttpMessageContext context) {
                return answer.apply(context);
            }
        };
    }

    private ServerAuthContext context(HttpAuthenticationMechanism mechanism) throws AuthException {
        ServerAuthConfig config = new MechanismAuthConfigProvider(mechanism)
                .getServerAuthConfig(MechanismAuthConfigProvider.LAYER, APP_CONTEXT, handler);
        return config.getAuthContext(config.getAuthContextID(message), null, Map.of());
    }

    private AuthStatus validate(HttpAuthenticationMechanism mechanism) throws AuthException {
        return context(mechanism).validateRequest(message, client, null);
    }

    @Test
    void doNothingLetsTheRequestThroughWithoutACaller() throws AuthException {
        assertEquals(AuthStatus.SUCCESS, validate(mechanism(HttpMessageContext::doNothing)));

        assertTrue(handled.isEmpty(), "Elytron needs no callback to leave a request without a caller");
        assertTrue(client.getPrincipals().isEmpty());
    }

    @Test
    void aCallerAndItsGroupsReachTheContainerInOneCall() throws AuthException {
        CallerPrincipal principal = new CallerPrincipal("user-1");

        AuthStatus status = validate(mechanism(c -> c.notifyContainerAboutLogin(principal, Set.of("admin"))));

        assertEquals(AuthStatus.SUCCESS, status);
        assertEquals(1, handled.size());
        Callback[] callbacks = handled.get(0);
        assertEquals(2, callbacks.length);
        CallerPrincipalCallback caller = assertInstanceOf(CallerPrincipalCallback.class, callbacks[0]);
        assertSame(principal, caller.getPrincipal());
        assertSame(client, caller.getSubject());
        GroupPrincipalCallback groups = assertInstanceOf(GroupPrincipalCallback.class, callbacks[1]);
        assertArrayEquals(new String[] {"admin"}, groups.getGroups());
        assertSame(client, groups.getSubject());
    }

    @Test
    void aCallerWithoutGroupsIsGivenWithoutAGroupCallback() throws AuthException {
        validate(mechanism(c -> c.notifyContainerAboutLogin(new CallerPrincipal("user-1"), Set.of())));

        assertEquals(1, handled.get(0).length);
        assertInstanceOf(CallerPrincipalCallback.class, handled.get(0)[0]);
    }

    @Test
    void aRedirectIsAFoundWithItsLocationAndNoResource() throws AuthException {
        AuthStatus status = validate(mechanism(c -> c.redirect("/app/api/auth/login?return_url=x")));

        assertEquals(AuthStatus.SEND_CONTINUE, status);
        assertEquals(302, response.status);
        assertEquals("/app/api/auth/login?return_url=x", response.headers.get("Location"));
        assertTrue(handled.isEmpty());
    }

    @Test
    void aRefusalWrittenByTheMechanismStopsTheRequest() throws AuthException {
        assertEquals(AuthStatus.SEND_FAILURE, validate(mechanism(c -> AuthenticationStatus.SEND_FAILURE)));
    }

    @Test
    void aResourceIsProtectedWhenTheContainerMarksTheMessageMandatory() throws AuthException {
        boolean[] seen = new boolean[2];
        validate(mechanism(c -> {
            seen[0] = c.isProtected();
            return c.doNothing();
        }));
        message.map.put(MechanismMessageContext.MANDATORY, "true");
        validate(mechanism(c -> {
            seen[1] = c.isProtected();
            return c.doNothing();
        }));

        assertFalse(seen[0]);
        assertTrue(seen[1]);
    }

    @Test
    void securityContextAuthenticateFindsTheMechanismsStatus() throws AuthException {
        request.attributes.put(MechanismMessageContext.AUTHENTICATION, Boolean.TRUE);
        boolean[] authenticationRequest = new boolean[1];

        validate(mechanism(c -> {
            authenticationRequest[0] = c.isAuthenticationRequest();
            return c.notifyContainerAboutLogin(new CallerPrincipal("user-1"), Set.of());
        }));

        assertTrue(authenticationRequest[0]);
        assertEquals(AuthenticationStatus.SUCCESS, request.attributes.get(MechanismMessageContext.LAST_STATUS));
    }

    @Test
    void anOrdinaryRequestIsNotAnAuthenticationRequestYetLeavesItsStatusToo() throws AuthException {
        boolean[] authenticationRequest = {true};

        validate(mechanism(c -> {
            authenticationRequest[0] = c.isAuthenticationRequest();
            return c.doNothing();
        }));

        assertFalse(authenticationRequest[0]);
        assertEquals(AuthenticationStatus.NOT_DONE, request.attributes.get(MechanismMessageContext.LAST_STATUS));
    }

    @Test
    void aFailingMechanismIsAnAuthExceptionCarryingItsCause() {
        AuthenticationException failure = new AuthenticationException("identity store down");

        AuthException thrown = assertThrows(AuthException.class, () -> validate(mechanism(c -> {
            throw sneaky(failure);
        })));

        assertSame(failure, thrown.getCause());
        assertEquals(AuthenticationStatus.SEND_FAILURE, request.attributes.get(MechanismMessageContext.LAST_STATUS));
    }

    @Test
    void aSecuredResponseIsSentAsItIs() throws AuthException {
        AuthStatus status = context(mechanism(HttpMessageContext::doNothing)).secureResponse(message, null);

        assertEquals(AuthStatus.SEND_SUCCESS, status);
    }

    @Test
    void logoutEmptiesTheCallersSubject() throws AuthException {
        Subject subject = new Subject();
        subject.getPrincipals().add(new CallerPrincipal("user-1"));

        context(mechanism(HttpMessageContext::doNothing)).cleanSubject(message, subject);

        assertTrue(subject.getPrincipals().isEmpty());
    }

    @Test
    void everyRequestOfOneHandlerSharesOneConfigurationAndContext() throws AuthException {
        MechanismAuthConfigProvider provider = new MechanismAuthConfigProvider(mechanism(HttpMessageContext::doNothing));

        ServerAuthConfig first = provider.getServerAuthConfig(MechanismAuthConfigProvider.LAYER, APP_CONTEXT, handler);
        ServerAuthConfig second = provider.getServerAuthConfig(MechanismAuthConfigProvider.LAYER, APP_CONTEXT, handler);

        assertSame(first, second);
        assertEquals(first.getAuthContextID(message), second.getAuthContextID(new Message(null, null)));
        assertSame(first.getAuthContext("any", null, Map.of()), second.getAuthContext("other", null, Map.of()));
        assertEquals(APP_CONTEXT, first.getAppContext());
        assertEquals(MechanismAuthConfigProvider.LAYER, first.getMessageLayer());
    }

    @Test
    void anotherHandlerGetsAConfigurationOfItsOwn() throws AuthException {
        MechanismAuthConfigProvider provider = new MechanismAuthConfigProvider(
                mechanism(c -> c.notifyContainerAboutLogin(new CallerPrincipal("user-1"), Set.of())));
        List<Callback[]> other = new ArrayList<>();

        ServerAuthConfig first = provider.getServerAuthConfig(MechanismAuthConfigProvider.LAYER, APP_CONTEXT, handler);
        ServerAuthConfig second = provider.getServerAuthConfig(MechanismAuthConfigProvider.LAYER, APP_CONTEXT, other::add);
        second.getAuthContext("any", null, Map.of()).validateRequest(message, client, null);

        assertNotSame(first, second);
        assertTrue(handled.isEmpty());
        assertEquals(1, other.size());
    }

    @Test
    void noClientConfigurationIsOffered() throws AuthException {
        assertNull(new MechanismAuthConfigProvider(mechanism(HttpMessageContext::doNothing))
                .getClientAuthConfig(MechanismAuthConfigProvider.LAYER, APP_CONTEXT, handler));
    }

    @SuppressWarnings("unchecked")
    private static <E extends Exception> RuntimeException sneaky(Exception e) throws E {
        throw (E) e;
    }

    /** The container's message: request, response and the property map of the Servlet Container Profile. */
    private static final class Message implements MessageInfo {
        private Object request;
        private Object response;
        final Map<String, Object> map = new HashMap<>();

        Message(Object request, Object response) {
            this.request = request;
            this.response = response;
        }

        @Override
        public Object getRequestMessage() {
            return request;
        }

        @Override
        public Object getResponseMessage() {
            return response;
        }

        @Override
        public void setRequestMessage(Object request) {
            this.request = request;
        }

        @Override
        public void setResponseMessage(Object response) {
            this.response = response;
        }

        @Override
        public Map<String, Object> getMap() {
            return map;
        }
    }
}
