package io.github.wristbandjakarta.bench.jmh;

import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContextWrapper;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import jakarta.servlet.http.HttpSession;

import javax.security.auth.Subject;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cheap fakes of what the mechanism reads on its hot path: plain subclasses of the API's wrapper classes (direct
 * virtual calls, no proxies or streams on the measured path), so that the benchmark measures the mechanism and
 * not the fakes. Anything not overridden lands on a delegate that fails.
 */
final class BenchFakes {

    private BenchFakes() {
    }

    @SuppressWarnings("unchecked")
    private static <T> T failing(Class<T> type) {
        return (T) Proxy.newProxyInstance(BenchFakes.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    throw new UnsupportedOperationException("unexpected call " + method.getName());
                });
    }

    static final class Session implements HttpSession {
        private final Map<String, Object> attributes = new ConcurrentHashMap<>();

        Session(String name, Object value) {
            attributes.put(name, value);
        }

        @Override public long getCreationTime() { return 0; }
        @Override public String getId() { return "bench"; }
        @Override public long getLastAccessedTime() { return 0; }
        @Override public ServletContext getServletContext() { throw new UnsupportedOperationException(); }
        @Override public void setMaxInactiveInterval(int interval) { throw new UnsupportedOperationException(); }
        @Override public int getMaxInactiveInterval() { return 1800; }
        @Override public Object getAttribute(String name) { return attributes.get(name); }
        @Override public Enumeration<String> getAttributeNames() { return Collections.enumeration(attributes.keySet()); }
        @Override public void setAttribute(String name, Object value) { throw new UnsupportedOperationException("no writes on the hot path"); }
        @Override public void removeAttribute(String name) { throw new UnsupportedOperationException(); }
        @Override public void invalidate() { throw new UnsupportedOperationException(); }
        @Override public boolean isNew() { return false; }
    }

    static final class Request extends HttpServletRequestWrapper {
        private final String servletPath;
        private final String pathInfo;
        private final HttpSession session;
        private final String csrfHeaderName;
        private final String csrfHeader;

        Request(String servletPath, String pathInfo, HttpSession session, String csrfHeaderName, String csrfHeader) {
            super(failing(HttpServletRequest.class));
            this.servletPath = servletPath;
            this.pathInfo = pathInfo;
            this.session = session;
            this.csrfHeaderName = csrfHeaderName;
            this.csrfHeader = csrfHeader;
        }

        @Override public String getServletPath() { return servletPath; }
        @Override public String getPathInfo() { return pathInfo; }
        @Override public String getContextPath() { return "/app"; }
        @Override public String getScheme() { return "https"; }
        @Override public String getQueryString() { return null; }
        @Override public String getMethod() { return "GET"; }
        /** No request attribute: no refresh happened in this request (SessionStore.useForThisRequest). */
        @Override public Object getAttribute(String name) { return null; }
        @Override public StringBuffer getRequestURL() { return new StringBuffer("https://app.example/app" + servletPath); }

        @Override
        public String getHeader(String name) {
            return csrfHeaderName.equalsIgnoreCase(name) ? csrfHeader : null;
        }

        /** The session cookie's id where the request has a session. */
        @Override
        public String getRequestedSessionId() {
            return session == null ? null : "bench-session-id";
        }

        @Override
        public HttpSession getSession(boolean create) {
            if (create) {
                throw new AssertionError("the mechanism must never create a session");
            }
            return session;
        }
    }

    static final class Response extends HttpServletResponseWrapper {
        Response() {
            super(failing(HttpServletResponse.class));
        }
    }

    /** Answers like the container; {@link #principal} shows the mechanism logged the caller in. */
    static final class Context extends HttpMessageContextWrapper {
        private final boolean protectedResource;
        Principal principal;
        Set<String> groups;

        Context(boolean protectedResource) {
            super(failing(HttpMessageContext.class));
            this.protectedResource = protectedResource;
        }

        @Override public boolean isProtected() { return protectedResource; }
        @Override public boolean isAuthenticationRequest() { return false; }
        @Override public AuthenticationStatus doNothing() { return AuthenticationStatus.NOT_DONE; }
        @Override public AuthenticationStatus redirect(String location) { return AuthenticationStatus.SEND_CONTINUE; }
        @Override public Subject getClientSubject() { return new Subject(); }

        @Override
        public AuthenticationStatus notifyContainerAboutLogin(Principal principal, Set<String> groups) {
            this.principal = principal;
            this.groups = groups;
            return AuthenticationStatus.SUCCESS;
        }
    }
}
