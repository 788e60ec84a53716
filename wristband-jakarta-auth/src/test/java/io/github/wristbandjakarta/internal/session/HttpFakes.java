package io.github.wristbandjakarta.internal.session;

import com.ibm.websphere.servlet.session.IBMSession;
import jakarta.servlet.ServletContext;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Minimal hand-made fakes of the request and session handling the session package uses (JDK dynamic proxies, no
 * mocking library): each answers only the methods listed here and fails loudly on any other call.
 */
final class HttpFakes {

    private HttpFakes() {
    }

    private static <T> T proxy(Class<? extends T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(HttpFakes.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> switch (method.getName()) {
                    case "toString" -> type.getSimpleName() + " fake";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> handler.invoke(proxy, method, args);
                }));
    }

    private static UnsupportedOperationException unexpected(Method method) {
        return new UnsupportedOperationException("unexpected call " + method.getDeclaringClass().getSimpleName()
                + "." + method.getName());
    }

    /** A container session; after {@code invalidate} every call fails as a container's would. */
    static final class Session {
        final Map<String, Object> attributes = new HashMap<>();
        String id;
        boolean invalidated;
        /** Seconds; 0 or less: never times out. */
        int maxInactiveInterval = 1800;
        /**
         * Another request's work, run once by the next {@code getAttribute} after it has read its value and before it
         * returns it: a race between two requests of the session, made deterministic.
         */
        Runnable interleaved;

        /** Attribute writes and syncs in order: {@code set NAME}, {@code remove NAME}, {@code sync}. */
        final List<String> writes = new ArrayList<>();
        final HttpSession proxy;

        Session(String id) {
            this(id, false);
        }

        /** @param offersSync as Open Liberty's sessions: they implement {@code IBMSession} with {@code sync()} */
        Session(String id, boolean offersSync) {
            this.id = id;
            this.proxy = proxy(offersSync ? IBMSession.class : HttpSession.class, (p, method, args) -> {
            if (invalidated) {
                throw new IllegalStateException("session invalidated");
            }
            return switch (method.getName()) {
                case "getAttribute" -> {
                    Object value = attributes.get((String) args[0]);
                    Runnable meanwhile = interleaved;
                    interleaved = null;
                    if (meanwhile != null) {
                        meanwhile.run();
                    }
                    yield value;
                }
                case "setAttribute" -> {
                    attributes.put((String) args[0], args[1]);
                    writes.add("set " + args[0]);
                    yield null;
                }
                case "removeAttribute" -> {
                    attributes.remove((String) args[0]);
                    writes.add("remove " + args[0]);
                    yield null;
                }
                case "sync" -> {
                    writes.add("sync");
                    yield null;
                }
                case "getAttributeNames" -> Collections.enumeration(List.copyOf(attributes.keySet()));
                case "getId" -> id;
                case "getMaxInactiveInterval" -> maxInactiveInterval;
                case "setMaxInactiveInterval" -> {
                    maxInactiveInterval = (Integer) args[0];
                    yield null;
                }
                case "invalidate" -> {
                    invalidated = true;
                    attributes.clear();
                    yield null;
                }
                default -> throw unexpected(method);
            };
        });
        }
    }

    /** A request over HTTPS to the context path {@code /app}. */
    static final class Request {
        /** The session the container holds for this request, or null. */
        Session session;
        String requestedSessionId;
        /**
         * As WildFly's distributable session manager: a new session takes the id the browser asked for (without the
         * route a WildFly cookie appends after a dot).
         */
        boolean adoptsRequestedId = true;
        /** How many more times {@code getSession(false)} answers null although {@link #session} is set. */
        int absentFor;
        final List<Cookie> cookies = new ArrayList<>();
        final Map<String, Object> attributes = new HashMap<>();
        int sessionLookups;
        int created;
        int idChanges;
        int logouts;

        final HttpServletRequest proxy = proxy(HttpServletRequest.class, (p, method, args) -> answer(method, args));

        private Object answer(Method method, Object[] args) {
            return switch (method.getName()) {
                case "getSession" -> {
                    boolean create = args == null || (Boolean) args[0];
                    yield create ? sessionCreatingIfNone() : sessionIfAny();
                }
                case "getRequestedSessionId" -> requestedSessionId;
                case "changeSessionId" -> {
                    if (session == null || session.invalidated) {
                        throw new IllegalStateException("no session");
                    }
                    idChanges++;
                    session.id = "changed-" + idChanges;
                    yield session.id;
                }
                case "getCookies" -> cookies.isEmpty() ? null : cookies.toArray(Cookie[]::new);
                case "getAttribute" -> attributes.get((String) args[0]);
                case "setAttribute" -> {
                    attributes.put((String) args[0], args[1]);
                    yield null;
                }
                case "removeAttribute" -> {
                    attributes.remove((String) args[0]);
                    yield null;
                }
                case "logout" -> {
                    logouts++;
                    yield null;
                }
                case "getServletContext" -> SERVLET_CONTEXT;
                case "getContextPath" -> "/app";
                case "isSecure" -> true;
                default -> throw unexpected(method);
            };
        }

        private HttpSession sessionIfAny() {
            sessionLookups++;
            if (absentFor > 0) {
                absentFor--;
                return null;
            }
            return session == null || session.invalidated ? null : session.proxy;
        }

        private HttpSession sessionCreatingIfNone() {
            if (session == null || session.invalidated) {
                created++;
                session = new Session(requestedSessionId != null && adoptsRequestedId
                        ? withoutRoute(requestedSessionId) : "created-" + created);
            }
            return session.proxy;
        }
    }

    /** The session id in a cookie value such as WildFly's {@code id.node-a}. */
    private static String withoutRoute(String requested) {
        int dot = requested.indexOf('.');
        return dot < 0 ? requested : requested.substring(0, dot);
    }

    /** A servlet context whose session cookie is configured with the container's defaults. */
    private static final SessionCookieConfig DEFAULT_SESSION_COOKIE = proxy(SessionCookieConfig.class,
            (p, method, args) -> switch (method.getName()) {
                case "getName", "getPath" -> null;
                case "isSecure" -> false;
                default -> throw unexpected(method);
            });

    private static final ServletContext SERVLET_CONTEXT = proxy(ServletContext.class,
            (p, method, args) -> switch (method.getName()) {
                case "getSessionCookieConfig" -> DEFAULT_SESSION_COOKIE;
                default -> throw unexpected(method);
            });
}
