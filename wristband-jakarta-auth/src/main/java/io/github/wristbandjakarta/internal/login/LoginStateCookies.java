package io.github.wristbandjakarta.internal.login;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code login#{state}#{epochMillis}} cookies (docs/protocol.md §3.4). Written as raw {@code Set-Cookie} headers, as
 * the names contain {@code #}; read from the raw {@code Cookie} headers. At most three are pending at once
 * (one per browser tab that started a login).
 */
public final class LoginStateCookies {

    static final int MAX_PENDING = 3;
    static final int MAX_AGE_SECONDS = 3600;
    private static final Pattern NAME = Pattern.compile("login#([A-Za-z0-9_-]{1,128})#([0-9]{1,15})");
    /** Cookies a request may carry before we stop looking: a browser sends far fewer. */
    private static final int MAX_COOKIES = 200;

    /** The name prefix that binds a cookie to this host (RFC 6265bis §4.1.3.2). */
    static final String HOST_PREFIX = "__Host-";

    private final boolean secure;
    private final String prefix;

    /**
     * @param hostPrefix names the cookies {@code __Host-login#…} ({@code wristband.login-state.host-prefix}): a browser
     *                   accepts such a cookie only from this very host, over HTTPS, with {@code Path=/} and no
     *                   {@code Domain}, so a sibling subdomain cannot plant one (cookie tossing); cookies without the
     *                   prefix are then ignored
     */
    public LoginStateCookies(boolean dangerouslyDisableSecureCookies, boolean hostPrefix) {
        this.secure = !dangerouslyDisableSecureCookies;
        this.prefix = hostPrefix ? HOST_PREFIX : "";
    }

    /** A login-state cookie the browser sent. */
    public record LoginCookie(String name, String state, long createdAtMillis, String value) {
        @Override
        public String toString() {
            return "LoginCookie[createdAt=" + createdAtMillis + "]";
        }
    }

    /** Every well-formed login-state cookie in the request's Cookie headers, in the order sent. */
    public List<LoginCookie> find(List<String> cookieHeaders) {
        List<LoginCookie> found = new ArrayList<>();
        int seen = 0;
        for (String header : cookieHeaders) {
            // Scanned pair by pair, stopping at the cap: a huge Cookie header costs no more than its first pairs.
            for (int start = 0; start < header.length(); ) {
                int end = header.indexOf(';', start);
                if (end < 0) {
                    end = header.length();
                }
                String pair = header.substring(start, end);
                start = end + 1;
                if (++seen > MAX_COOKIES) {
                    return found;
                }
                String trimmed = pair.strip();
                int eq = trimmed.indexOf('=');
                if (eq <= 0 || !trimmed.startsWith(prefix + "login#")) {
                    continue;
                }
                Matcher name = NAME.matcher(trimmed.substring(prefix.length(), eq));
                if (name.matches()) {
                    String value = unquote(trimmed.substring(eq + 1));
                    found.add(new LoginCookie(prefix + name.group(0), name.group(1), Long.parseLong(name.group(2)),
                            value));
                }
            }
        }
        return found;
    }

    public String set(String state, long createdAtMillis, String sealedValue) {
        return prefix + "login#" + state + "#" + createdAtMillis + "=" + sealedValue + "; HttpOnly; Path=/; Max-Age="
                + MAX_AGE_SECONDS + "; SameSite=Lax" + (secure ? "; Secure" : "");
    }

    public String delete(String name) {
        return name + "=; HttpOnly; Path=/; Max-Age=0; SameSite=Lax" + (secure ? "; Secure" : "");
    }

    /**
     * Deletions that make room for one more pending login: with three or more present, all but the two newest
     * go (docs/protocol.md §3.4).
     */
    public List<String> makeRoom(List<LoginCookie> existing) {
        if (existing.size() < MAX_PENDING) {
            return List.of();
        }
        List<LoginCookie> newestFirst = new ArrayList<>(existing);
        newestFirst.sort(Comparator.comparingLong(LoginCookie::createdAtMillis).reversed());
        return newestFirst.subList(MAX_PENDING - 1, newestFirst.size()).stream()
                .map(LoginCookie::name).distinct().map(this::delete).toList();
    }

    /** Deletions of every login-state cookie the request carries (logout). */
    public List<String> deleteAll(List<LoginCookie> existing) {
        return existing.stream().map(LoginCookie::name).distinct().map(this::delete).toList();
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
