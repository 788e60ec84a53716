package io.github.wristbandjakarta.internal.security;

import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import javax.security.auth.Subject;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Minimal hand-made fakes of the servlet and Jakarta Security interfaces the mechanism reads (JDK dynamic
 * proxies, no mocking library): each answers only the methods listed here and fails loudly on any other call,
 * so a test notices when the mechanism starts to depend on something new.
 */
final class ServletFakes {

    private ServletFakes() {
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(ServletFakes.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "toString":
                            return type.getSimpleName() + " fake";
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        default:
                            return handler.invoke(proxy, method, args);
                    }
                }));
    }

    private static UnsupportedOperationException unexpected(Method method) {
        return new UnsupportedOperationException("unexpected call " + method.getDeclaringClass().getSimpleName()
                + "." + method.getName());
    }

    static final class Session {
        final Map<String, Object> attributes = new HashMap<>();
        boolean invalidated;
        int writes;
        final HttpSession proxy = proxy(HttpSession.class, (p, method, args) -> {
            switch (method.getName()) {
                case "getAttribute":
                    checkValid();
                    return attributes.get((String) args[0]);
                case "setAttribute":
                    checkValid();
                    writes++;
                    attributes.put((String) args[0], args[1]);
                    return null;
                case "removeAttribute":
                    checkValid();
                    writes++;
                    attributes.remove((String) args[0]);
                    return null;
                case "invalidate":
                    checkValid();
                    invalidated = true;
                    attributes.clear();
                    return null;
                case "getId":
                    checkValid();
                    return "session-1";
                default:
                    throw unexpected(method);
            }
        });

        private void checkValid() {
            if (invalidated) {
                throw new IllegalStateException("session invalidated");
            }
        }
    }

    private static ServletContext servletContextWithRefusedRequestFilter() {
        FilterRegistration registration = proxy(FilterRegistration.class, (p, m, args) -> {
            throw unexpected(m);
        });
        return proxy(ServletContext.class, (p, m, args) -> {
            if (m.getName().equals("getFilterRegistration") && RefusedRequestFilter.NAME.equals(args[0])) {
                return registration;
            }
            throw unexpected(m);
        });
    }

    static final class Request {
        String contextPath = "/app";
        String servletPath;
        String pathInfo;
        String queryString;
        String requestUrl;
        final Map<String, String> headers = new HashMap<>();
        Session session;
        int sessionCreations;
        int sessionLookups;
        final Map<String, Object> attributes = new HashMap<>();
        String method = "GET";
        /** Whether the application registered the RefusedRequestFilter, as the library's registration does. */
        boolean filterRegistered;
        final HttpServletRequest proxy = proxy(HttpServletRequest.class, (p, m, args) -> {
            switch (m.getName()) {
                case "getMethod":
                    return method;
                case "getServerName":
                    return URI.create(requestUrl).getHost();
                case "getServerPort":
                    return URI.create(requestUrl).getPort();
                case "getAttribute":
                    return attributes.get((String) args[0]);
                case "setAttribute":
                    attributes.put((String) args[0], args[1]);
                    return null;
                case "removeAttribute":
                    attributes.remove((String) args[0]);
                    return null;
                case "getRequestedSessionId":
                    // The id of the session cookie the client sent, if it sent one.
                    return session == null ? null : "requested-session-id";
                case "getCookies":
                    return null;
                case "getContextPath":
                    return contextPath;
                case "getServletPath":
                    return servletPath;
                case "getPathInfo":
                    return pathInfo;
                case "getQueryString":
                    return queryString;
                case "getRequestURL":
                    return new StringBuffer(requestUrl);
                case "getScheme":
                    return requestUrl.substring(0, requestUrl.indexOf(':'));
                case "getHeader":
                    return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase((String) args[0]))
                            .map(Map.Entry::getValue).findFirst().orElse(null);
                case "getServletContext":
                    // Null: no RefusedRequestFilter registered, the mechanism answers refusals itself.
                    return filterRegistered ? servletContextWithRefusedRequestFilter() : null;
                case "getHeaders":
                    return java.util.Collections.enumeration(headers.entrySet().stream()
                            .filter(e -> e.getKey().equalsIgnoreCase((String) args[0]))
                            .map(Map.Entry::getValue).toList());
                case "getSession":
                    sessionLookups++;
                    boolean create = args == null || (Boolean) args[0];
                    if (create) {
                        sessionCreations++;
                        throw new AssertionError("the mechanism must never create a session");
                    }
                    return session == null || session.invalidated ? null : session.proxy;
                default:
                    throw unexpected(m);
            }
        });

        /** A request to {@code contextPath + servletPath + pathInfo}. */
        Request(String servletPath, String pathInfo) {
            this.servletPath = servletPath;
            this.pathInfo = pathInfo;
            this.requestUrl = "https://app.example" + contextPath + servletPath + (pathInfo == null ? "" : pathInfo);
        }
    }

    static final class Response {
        int status = 200;
        String contentType;
        /** The output was closed: the response is complete, the container can add nothing. */
        boolean completed;
        int contentLength = -1;
        /** Headers added with {@code addHeader}, as {@code Name: value}, in order. */
        final java.util.List<String> added = new java.util.ArrayList<>();
        final Map<String, String> headers = new HashMap<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final ServletOutputStream output = new ServletOutputStream() {
            @Override
            public void write(int b) {
                bytes.write(b);
            }

            @Override
            public void close() {
                completed = true;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException();
            }
        };
        final HttpServletResponse proxy = proxy(HttpServletResponse.class, (p, method, args) -> {
            switch (method.getName()) {
                case "setStatus":
                    status = (Integer) args[0];
                    return null;
                case "setContentType":
                    contentType = (String) args[0];
                    return null;
                case "setContentLength":
                    contentLength = (Integer) args[0];
                    return null;
                case "setHeader":
                    headers.put((String) args[0], (String) args[1]);
                    return null;
                case "addHeader":
                    added.add(args[0] + ": " + args[1]);
                    return null;
                case "sendRedirect":
                    status = 302;
                    headers.put("Location", (String) args[0]);
                    completed = true;
                    return null;
                case "getOutputStream":
                    return output;
                default:
                    throw unexpected(method);
            }
        });

        String body() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    static final class Context {
        boolean protectedResource;
        boolean authenticationRequest;
        String redirectLocation;
        Principal principal;
        Set<String> groups;
        /** The client subject, as the container passes a new one to each request. */
        final Subject clientSubject = new Subject();
        final HttpMessageContext proxy = proxy(HttpMessageContext.class, (p, method, args) -> {
            switch (method.getName()) {
                case "getClientSubject":
                    return clientSubject;
                case "isProtected":
                    return protectedResource;
                case "isAuthenticationRequest":
                    return authenticationRequest;
                case "doNothing":
                    return AuthenticationStatus.NOT_DONE;
                case "redirect":
                    redirectLocation = (String) args[0];
                    return AuthenticationStatus.SEND_CONTINUE;
                case "notifyContainerAboutLogin":
                    if (args.length == 2 && args[0] instanceof Principal given) {
                        principal = given;
                        @SuppressWarnings("unchecked")
                        Set<String> given2 = (Set<String>) args[1];
                        groups = given2;
                        return AuthenticationStatus.SUCCESS;
                    }
                    throw unexpected(method);
                default:
                    throw unexpected(method);
            }
        });
    }
}
