package io.github.wristbandjakarta.bench;

/**
 * One HTTP case: what wrk requests ({@code path} below the server's origin; {@code null} for the login round trip,
 * which JVM clients drive), who sends it, and the answer the check before the load expects ({@code status}, and
 * {@code marker} in the body or the Location). {@code baseline} is the case it is compared with, {@code null} for
 * the baseline of all.
 */
record BenchCase(String name, String what, String path, Visitor visitor, int status, String marker, String baseline,
                 Target target) {

    /** Who sends the requests of a case. */
    enum Visitor {
        /** no cookie at all */
        NONE,
        /** an anonymous visitor's session cookies (JSF pages create a session for anonymous visitors too) */
        ANONYMOUS,
        /** the K signed-in users' cookies and CSRF headers */
        SIGNED_IN,
        /** K visitors of the session-caller WAR, each with the session cookie its first request there gave it */
        SESSION_CALLER
    }

    /** How a case is judged against its baseline (docs/benchmarks.md "Targets"). */
    enum Target { NONE, SESSION_THROUGHPUT, PUBLIC_THROUGHPUT, OUR_SHARE, PROTECTED_OVERHEAD }

    boolean signedIn() {
        return visitor == Visitor.SIGNED_IN;
    }

    boolean roundTrip() {
        return path == null;
    }
}
