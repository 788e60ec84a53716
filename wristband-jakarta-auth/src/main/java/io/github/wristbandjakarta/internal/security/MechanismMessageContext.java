package io.github.wristbandjakarta.internal.security;

import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.auth.message.callback.GroupPrincipalCallback;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;
import java.io.IOException;
import java.security.Principal;
import java.util.Set;

/**
 * The {@link HttpMessageContext} of one call of {@link MechanismAuthConfigProvider}'s module: what Jakarta Security 3.0
 * ("HttpMessageContext") says a mechanism's context does, built on the Jakarta Authentication objects the container
 * passed: the {@link MessageInfo}, the client {@link Subject} and the container's {@link CallbackHandler} (Jakarta
 * Authentication 3.0, Servlet Container Profile, "Message Processing Requirements").
 *
 * <p>The request attributes named {@code org.glassfish.soteria.*} are the ones WildFly's Jakarta Security
 * implementation (Eclipse Soteria) reads and writes around a call: {@code SecurityContext#authenticate} marks its
 * request with {@link #AUTHENTICATION} and its parameters with {@link #AUTHENTICATION_PARAMETERS}, and afterwards reads
 * the mechanism's answer from {@link #LAST_STATUS}. The context keeps that conversation, so a host's
 * {@code SecurityContext} behaves as it does with Soteria's own module.
 */
final class MechanismMessageContext implements HttpMessageContext {

    static final String AUTHENTICATION = "org.glassfish.soteria.security.message.request.authentication";
    static final String AUTHENTICATION_PARAMETERS = "org.glassfish.soteria.security.message.request.authParams";
    static final String LAST_STATUS = "org.glassfish.soteria.security.message.authStatus";
    static final String DID_AUTHENTICATION = "org.glassfish.soteria.security.message.request.didAuthentication";
    /** Present and "true" when the resource has a constraint (Servlet Container Profile, "MessageInfo Properties"). */
    static final String MANDATORY = "jakarta.security.auth.message.MessagePolicy.isMandatory";
    /** Asks the container for an authentication session (Servlet Container Profile, "Setting the Authentication
     * Results on the HttpServletRequest"). */
    static final String REGISTER_SESSION = "jakarta.servlet.http.registerSession";

    private final CallbackHandler handler;
    private final MessageInfo messageInfo;
    private final Subject clientSubject;
    private Principal callerPrincipal;
    private Set<String> groups;

    MechanismMessageContext(CallbackHandler handler, MessageInfo messageInfo, Subject clientSubject) {
        this.handler = handler;
        this.messageInfo = messageInfo;
        this.clientSubject = clientSubject;
    }

    @Override
    public boolean isProtected() {
        return Boolean.parseBoolean(String.valueOf(messageInfo.getMap().get(MANDATORY)));
    }

    @Override
    public boolean isAuthenticationRequest() {
        return Boolean.TRUE.equals(getRequest().getAttribute(AUTHENTICATION));
    }

    @Override
    public boolean isRegisterSession() {
        return Boolean.parseBoolean(String.valueOf(messageInfo.getMap().get(REGISTER_SESSION)));
    }

    @Override
    public void setRegisterSession(String callerName, Set<String> groups) {
        messageInfo.getMap().put(REGISTER_SESSION, Boolean.TRUE.toString());
    }

    @Override
    public void cleanClientSubject() {
        if (clientSubject != null) {
            clientSubject.getPrincipals().clear();
        }
    }

    @Override
    public AuthenticationParameters getAuthParameters() {
        Object parameters = getRequest().getAttribute(AUTHENTICATION_PARAMETERS);
        return parameters instanceof AuthenticationParameters given ? given : new AuthenticationParameters();
    }

    @Override
    public CallbackHandler getHandler() {
        return handler;
    }

    @Override
    public MessageInfo getMessageInfo() {
        return messageInfo;
    }

    @Override
    public Subject getClientSubject() {
        return clientSubject;
    }

    @Override
    public HttpServletRequest getRequest() {
        return (HttpServletRequest) messageInfo.getRequestMessage();
    }

    @Override
    public void setRequest(HttpServletRequest request) {
        messageInfo.setRequestMessage(request);
    }

    @Override
    public HttpMessageContext withRequest(HttpServletRequest request) {
        setRequest(request);
        return this;
    }

    @Override
    public HttpServletResponse getResponse() {
        return (HttpServletResponse) messageInfo.getResponseMessage();
    }

    @Override
    public void setResponse(HttpServletResponse response) {
        messageInfo.setResponseMessage(response);
    }

    /** 302 to {@code location}, made absolute by the container (Servlet 6.0 {@code sendRedirect}). */
    @Override
    public AuthenticationStatus redirect(String location) {
        try {
            getResponse().sendRedirect(location);
        } catch (IOException e) {
            throw new IllegalStateException("Redirect failed", e);
        }
        return AuthenticationStatus.SEND_CONTINUE;
    }

    @Override
    public AuthenticationStatus forward(String path) {
        try {
            getRequest().getRequestDispatcher(path).forward(getRequest(), getResponse());
        } catch (IOException | ServletException e) {
            throw new IllegalStateException("Forward to " + path + " failed", e);
        }
        // The resource must not run after a forward (Servlet Container Profile, "Forwards and Includes by Server
        // Authentication Modules"), so not SUCCESS.
        return AuthenticationStatus.SEND_CONTINUE;
    }

    @Override
    public AuthenticationStatus responseUnauthorized() {
        return sendError(HttpServletResponse.SC_UNAUTHORIZED);
    }

    @Override
    public AuthenticationStatus responseNotFound() {
        return sendError(HttpServletResponse.SC_NOT_FOUND);
    }

    private AuthenticationStatus sendError(int status) {
        try {
            getResponse().sendError(status);
        } catch (IOException e) {
            throw new IllegalStateException("Sending " + status + " failed", e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    @Override
    public AuthenticationStatus notifyContainerAboutLogin(String callerName, Set<String> groups) {
        return notifyContainerAboutLogin(callerName == null ? null : new CallerPrincipal(callerName), groups);
    }

    @Override
    public AuthenticationStatus notifyContainerAboutLogin(CredentialValidationResult result) {
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            return AuthenticationStatus.SEND_FAILURE;
        }
        return notifyContainerAboutLogin(result.getCallerPrincipal(), result.getCallerGroups());
    }

    @Override
    public AuthenticationStatus notifyContainerAboutLogin(Principal principal, Set<String> groups) {
        this.callerPrincipal = principal;
        this.groups = principal == null ? null : groups;
        handle(principal, this.groups);
        getRequest().setAttribute(DID_AUTHENTICATION, Boolean.TRUE);
        return AuthenticationStatus.SUCCESS;
    }

    /**
     * No caller. The profile has a module say so with a {@link CallerPrincipalCallback} without a principal (Servlet
     * Container Profile, "validateRequest Before Service Invocation"); Elytron, the only container this context serves
     * (see {@link MechanismAuthConfigProvider#replaceBridge}), leaves a request without an identity as it is on that
     * callback ({@code JaspiAuthenticationContext}'s handler: "Do nothing and don't fail"), so it is not sent: on a
     * public request it was the one call into the container's handler.
     */
    @Override
    public AuthenticationStatus doNothing() {
        this.callerPrincipal = null;
        this.groups = null;
        return AuthenticationStatus.NOT_DONE;
    }

    @Override
    public Principal getCallerPrincipal() {
        return callerPrincipal;
    }

    @Override
    public Set<String> getGroups() {
        return groups;
    }

    /** The caller, and its groups where there are any: one call of the handler with both callbacks. */
    private void handle(Principal principal, Set<String> groups) {
        CallerPrincipalCallback caller = new CallerPrincipalCallback(clientSubject, principal);
        Callback[] callbacks = principal == null || groups == null || groups.isEmpty() ? new Callback[] {caller}
                : new Callback[] {caller, new GroupPrincipalCallback(clientSubject, groups.toArray(String[]::new))};
        try {
            handler.handle(callbacks);
        } catch (IOException | UnsupportedCallbackException e) {
            throw new IllegalStateException("The container refused the caller", e);
        }
    }
}
