package io.github.wristbandjakarta.bench;

import io.github.wristbandjakarta.bench.BenchCase.Target;
import io.github.wristbandjakarta.bench.BenchCase.Visitor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The HTTP cases, each named for what it measures and compared with the baseline named beside it, in the order the
 * report lists them; and the context roots of the WARs they load.
 */
final class Cases {

    static final String CONTEXT = "/wristband-jakarta-auth";
    static final String BASELINE_CONTEXT = "/bench-baseline";
    static final String LIBRARY_CONTEXT = "/bench-library";
    static final String CDI_CONTEXT = "/bench-cdi";
    static final String DO_NOTHING_CONTEXT = "/bench-do-nothing-mechanism";
    static final String DIRECT_DO_NOTHING_CONTEXT = "/bench-direct-do-nothing-mechanism";
    static final String FIXED_CALLER_CONTEXT = "/bench-fixed-caller";
    static final String SESSION_CALLER_CONTEXT = "/bench-session-caller";

    static final String BASELINE = "baseline-endpoint";
    static final String PUBLIC_ENDPOINT = "public-endpoint";
    static final String LIBRARY_PUBLIC_ENDPOINT = "library-public-endpoint";
    static final String CDI_FLOOR = "container-cdi-floor";
    static final String MECHANISM_FLOOR = "container-mechanism-floor";
    static final String DIRECT_MECHANISM_FLOOR = "container-direct-mechanism-floor";
    static final String LOGIN_FLOOR = "container-login-floor";
    static final String SESSION_LOGIN_FLOOR = "container-session-login-floor";
    static final String SESSION_ENDPOINT = "session-endpoint";
    static final String SIGNED_IN_ENDPOINT = "signed-in-endpoint";
    static final String PUBLIC_API = "public-api";
    static final String PUBLIC_JSF_PAGE = "public-jsf-page";
    static final String PUBLIC_JSP_PAGE = "public-jsp-page";
    static final String LOGIN_ENDPOINT = "login-endpoint";
    static final String LOGIN_ROUND_TRIP = "login-round-trip";

    /** Cases whose every request leaves a new session on the server: measured after all the others. */
    static final Set<String> LEAVE_SESSIONS = Set.of(LOGIN_ENDPOINT, LOGIN_ROUND_TRIP);

    private Cases() {
    }

    static List<BenchCase> all() {
        return List.of(
                new BenchCase(BASELINE, "trivial JSON endpoint in a minimal WAR without our library",
                        BASELINE_CONTEXT + "/api/bench/hello", Visitor.NONE, 200, "hello", null, Target.NONE),
                new BenchCase(PUBLIC_ENDPOINT, "the same endpoint in our WAR, public, no session",
                        CONTEXT + "/api/bench/hello", Visitor.NONE, 200, "hello", BASELINE, Target.PUBLIC_THROUGHPUT),
                new BenchCase(LIBRARY_PUBLIC_ENDPOINT, "diagnostic: the baseline WAR plus our library (the jars of our WAR, "
                        + "configured as ours), without the reference application's pages, constraints and "
                        + "`<distributable/>`", LIBRARY_CONTEXT + "/api/bench/hello", Visitor.NONE, 200, "hello", BASELINE,
                        Target.NONE),
                new BenchCase(CDI_FLOOR, "diagnostic: the baseline WAR plus one CDI bean (a bean archive, as a WAR "
                        + "with a mechanism is), no mechanism", CDI_CONTEXT + "/api/bench/hello", Visitor.NONE, 200,
                        "hello", BASELINE, Target.NONE),
                new BenchCase(MECHANISM_FLOOR, "diagnostic: the baseline WAR plus a mechanism that does nothing",
                        DO_NOTHING_CONTEXT + "/api/bench/hello", Visitor.NONE, 200, "hello", BASELINE, Target.NONE),
                new BenchCase(DIRECT_MECHANISM_FLOOR, "diagnostic: the mechanism floor with the mechanism registered "
                        + "as the library registers its own on WildFly (directly, without Jakarta Security's bridge; on "
                        + "Liberty the same as the mechanism floor)", DIRECT_DO_NOTHING_CONTEXT + "/api/bench/hello",
                        Visitor.NONE, 200, "hello", BASELINE, Target.NONE),
                new BenchCase(LOGIN_FLOOR, "diagnostic: the baseline WAR plus a mechanism that makes every request one "
                        + "caller (the container's login alone; on WildFly registered directly, as ours is)", FIXED_CALLER_CONTEXT + "/api/bench/caller",
                        Visitor.NONE, 200, "bench-caller", BASELINE, Target.NONE),
                new BenchCase(SESSION_LOGIN_FLOOR, "diagnostic: the login floor with the caller read from the "
                        + "container's session (one String attribute; the WAR distributable as ours is)",
                        SESSION_CALLER_CONTEXT + "/api/bench/caller", Visitor.SESSION_CALLER, 200, "bench-caller",
                        LOGIN_FLOOR, Target.NONE),
                new BenchCase(SESSION_ENDPOINT, "Session Endpoint, signed in, CSRF header",
                        CONTEXT + "/api/auth/session", Visitor.SIGNED_IN, 200, "\"userId\"", BASELINE,
                        Target.SESSION_THROUGHPUT),
                new BenchCase(SIGNED_IN_ENDPOINT, "the login floor's endpoint in our WAR, signed in, CSRF header: our "
                        + "mechanism (sealed session, lifetime and CSRF checks) and the container's login",
                        CONTEXT + "/api/bench/caller", Visitor.SIGNED_IN, 200, "\"caller\":\"", LOGIN_FLOOR,
                        Target.OUR_SHARE),
                new BenchCase(PUBLIC_API, "public JAX-RS `/api/demo/public`, no session (the twin of the next)",
                        CONTEXT + "/api/demo/public", Visitor.NONE, 200, "hello", BASELINE, Target.NONE),
                new BenchCase("rolesallowed-api-signed-in", "protected JAX-RS `@RolesAllowed` `/api/demo/me`, signed in",
                        CONTEXT + "/api/demo/me", Visitor.SIGNED_IN, 200, "\"userId\"", PUBLIC_API,
                        Target.PROTECTED_OVERHEAD),
                new BenchCase(PUBLIC_JSF_PAGE, "public JSF `/public/profile.xhtml`, anonymous session (the twin of "
                        + "the next)", CONTEXT + "/public/profile.xhtml", Visitor.ANONYMOUS, 200,
                        "Profile (JSF, public)", BASELINE, Target.NONE),
                new BenchCase("protected-jsf-page-signed-in", "protected JSF `/pages/profile.xhtml`, signed in",
                        CONTEXT + "/pages/profile.xhtml", Visitor.SIGNED_IN, 200, "Profile (JSF)", PUBLIC_JSF_PAGE,
                        Target.PROTECTED_OVERHEAD),
                new BenchCase(PUBLIC_JSP_PAGE, "public JSP `/public/index.jsp`, no session (the twin of the next)",
                        CONTEXT + "/public/index.jsp", Visitor.NONE, 200, "Administration (JSP, public)", BASELINE,
                        Target.NONE),
                new BenchCase("admin-jsp-page-signed-in", "protected JSP `/admin/index.jsp` (role admin), signed in",
                        CONTEXT + "/admin/index.jsp", Visitor.SIGNED_IN, 200, "<span id=\"admin\">true</span>",
                        PUBLIC_JSP_PAGE, Target.PROTECTED_OVERHEAD),
                new BenchCase(LOGIN_ENDPOINT, "Login Endpoint: 302 + sealed login-state cookie",
                        CONTEXT + "/api/auth/login?tenant_name=devs4you", Visitor.NONE, 302,
                        "/api/v1/oauth2/authorize", BASELINE, Target.NONE),
                new BenchCase(LOGIN_ROUND_TRIP, "full login round trip: login → emulator → callback → landing page "
                        + "(5 requests)", null, Visitor.NONE, 200, null, BASELINE, Target.NONE));
    }

    /**
     * The baseline a target compares a case with: the Session Endpoint's on WildFly is the direct mechanism floor,
     * since there Elytron costs every request of a WAR with a mechanism, ours or not; our share of a signed-in request
     * is taken beyond a mechanism that reads its caller from the container's session, as ours does.
     */
    static String targetBaseline(BenchCase c, boolean onWildFly) {
        if (c.target() == Target.OUR_SHARE) {
            return SESSION_LOGIN_FLOOR;
        }
        return c.target() == Target.SESSION_THROUGHPUT && onWildFly ? DIRECT_MECHANISM_FLOOR : c.baseline();
    }

    /**
     * The floor a public request of ours is compared with: a mechanism that does nothing, called as the container calls
     * ours: on WildFly directly (the library's security/WildFlyRegistration), on Liberty through Jakarta Security.
     */
    static String publicFloor(boolean onWildFly) {
        return onWildFly ? DIRECT_MECHANISM_FLOOR : MECHANISM_FLOOR;
    }

    /**
     * The cases {@code -Dbench.cases} names (all when it names none), with the cases their ratios and targets are
     * taken against, in the usual order: a narrower run for more rounds of the cases under study.
     */
    static List<BenchCase> selected(List<BenchCase> all, List<String> only) {
        if (only.isEmpty()) {
            return all;
        }
        Map<String, BenchCase> byName = new LinkedHashMap<>();
        all.forEach(c -> byName.put(c.name(), c));
        Set<String> wanted = new HashSet<>();
        Deque<String> next = new ArrayDeque<>(only);
        while (!next.isEmpty()) {
            String name = next.pop();
            BenchCase c = byName.get(name);
            if (c == null) {
                throw new IllegalArgumentException("bench.cases: no case " + name + "; cases: " + byName.keySet());
            }
            if (wanted.add(name)) {
                if (c.baseline() != null) {
                    next.push(c.baseline());
                }
                if (c.target() == Target.SESSION_THROUGHPUT) {
                    next.push(DIRECT_MECHANISM_FLOOR);
                }
                if (c.target() == Target.OUR_SHARE) {
                    next.push(SESSION_LOGIN_FLOOR);
                }
                if (c.target() == Target.PUBLIC_THROUGHPUT) {
                    next.push(DIRECT_MECHANISM_FLOOR);
                    next.push(MECHANISM_FLOOR);
                    next.push(LIBRARY_PUBLIC_ENDPOINT);
                }
            }
        }
        return all.stream().filter(c -> wanted.contains(c.name())).toList();
    }
}
