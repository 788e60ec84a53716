package io.github.wristbandjakarta.testkit;

import io.github.wristbandjakarta.emulator.EmulatorClient;
import io.github.wristbandjakarta.emulator.EmulatorUser;
import io.github.wristbandjakarta.emulator.WristbandEmulator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An offline Wristband for the tests of an application that uses wristband-jakarta-auth: a JUnit 5 extension around
 * the emulator (hosted login page, token, userinfo, JWKS, revoke and logout endpoints, real RS256 tokens), with the
 * configuration the application needs to talk to it and a browser that signs users in.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final WristbandTestKit wristband = WristbandTestKit.forApplication("http://localhost:9080/myapp");
 *
 * // in the deployment: wristband.config() as MicroProfile Config values
 * @Test
 * void theProfilePageGreetsTheUser() {
 *     Browser browser = wristband.signIn("alice");
 *     assertEquals(200, browser.get("http://localhost:9080/myapp/profile.xhtml").status());
 * }
 * }</pre>
 *
 * <p>The emulator starts when the kit is made (so that a static deployment method can read {@link #config()}), is
 * reset before each test (faults, counters, token lifetimes) and stops after the test class. Users, their tenants and
 * roles are {@link WristbandEmulator#defaultUsers()} unless {@link #withUsers} names others; faults and knobs are on
 * {@link #emulator()}.
 */
public final class WristbandTestKit implements BeforeEachCallback, AfterAllCallback {

    /**
     * The auth endpoints' base path within the application: the library's default {@code wristband.auth-path}, which
     * the application under test keeps.
     */
    public static final String DEFAULT_AUTH_PATH = "/api/auth";

    private static final Pattern APPROVE_LINK = Pattern.compile("id=\"login-([^\"]+)\"[^>]*href=\"([^\"]+)\"");

    private final String applicationUrl;
    private final String clientId;
    private final String clientSecret;
    private final List<EmulatorUser> users;
    /** The emulator's port as asked for: 0 for a free one. */
    private final int port;
    private final WristbandEmulator emulator;

    private WristbandTestKit(String applicationUrl, String clientId, String clientSecret, List<EmulatorUser> users,
                             int port) {
        this.applicationUrl = applicationUrl.endsWith("/")
                ? applicationUrl.substring(0, applicationUrl.length() - 1) : applicationUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.users = List.copyOf(users);
        this.port = port;
        this.emulator = WristbandEmulator.start(port, new EmulatorClient(clientId, clientSecret,
                List.of(this.applicationUrl + DEFAULT_AUTH_PATH + "/callback"),
                this.applicationUrl + DEFAULT_AUTH_PATH + "/login", null, false, null), users);
    }

    /**
     * A kit for the application at {@code applicationUrl} (scheme, host, port and context root, e.g.
     * {@code http://localhost:9080/myapp}) with its auth endpoints at {@value #DEFAULT_AUTH_PATH} and the default
     * users.
     */
    public static WristbandTestKit forApplication(String applicationUrl) {
        return new WristbandTestKit(applicationUrl, "test-client", "test-client-secret",
                WristbandEmulator.defaultUsers(), 0);
    }

    /** The same application with these users (and so these tenants and roles) instead; stops this kit's emulator. */
    public WristbandTestKit withUsers(List<EmulatorUser> users) {
        emulator.close();
        return new WristbandTestKit(applicationUrl, clientId, clientSecret, users, port);
    }

    /**
     * The same kit with its emulator on {@code port} instead of a free one; stops this kit's emulator. Then
     * {@link #config()} is known before the tests run, so that a server started beforehand (with those values in its
     * configuration, or in the WAR it was given) reaches the emulator.
     *
     * @throws IllegalArgumentException unless {@code port} is 1 to 65535
     * @throws java.io.UncheckedIOException if the port is taken
     */
    public WristbandTestKit withEmulatorPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the emulator's port must be 1 to 65535, not " + port);
        }
        emulator.close();
        return new WristbandTestKit(applicationUrl, clientId, clientSecret, users, port);
    }

    /** The emulator: faults ({@code fault(Endpoint, Fault)}), calls made, tokens issued, users. */
    public WristbandEmulator emulator() {
        return emulator;
    }

    /**
     * The configuration the application needs to use this emulator, as MicroProfile Config keys and values: client,
     * secret, the emulator as application vanity domain, the application's own login and callback URLs, no
     * auto-configuration. Add them to the test deployment (e.g. as {@code META-INF/microprofile-config.properties}).
     */
    public Map<String, String> config() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("wristband.client-id", clientId);
        config.put("wristband.client-secret", clientSecret);
        config.put("wristband.application-vanity-domain", emulator.applicationOrigin());
        config.put("wristband.login-state-secret", "test-login-state-secret-of-32-characters-or-more");
        config.put("wristband.login-url", applicationUrl + DEFAULT_AUTH_PATH + "/login");
        config.put("wristband.redirect-uri", applicationUrl + DEFAULT_AUTH_PATH + "/callback");
        config.put("wristband.auto-configure-enabled", "false");
        return config;
    }

    /** {@link #config()} as the text of a {@code microprofile-config.properties} file. */
    public String configProperties() {
        StringBuilder text = new StringBuilder();
        config().forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        return text.toString();
    }

    /**
     * A new browser signed in as {@code user} (a login such as {@code alice}) in the user's tenant, through the
     * application's real Login and Callback endpoints and the emulator's hosted login page.
     */
    public Browser signIn(String user) {
        Browser browser = new Browser();
        signIn(browser, user);
        return browser;
    }

    /**
     * Signs {@code user} in with {@code browser}; returns every hop, from the Login Endpoint to the page the callback
     * sends the browser to.
     */
    public List<Browser.Exchange> signIn(Browser browser, String user) {
        EmulatorUser known = emulator.users().stream().filter(u -> u.login().equals(user)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the emulator knows no user " + user));
        List<Browser.Exchange> hops = signInAt(browser, user, applicationUrl + DEFAULT_AUTH_PATH
                + "/login?tenant_name=" + known.tenantName());
        Browser.Exchange landed = hops.get(hops.size() - 1);
        if (browser.cookie(URI.create(applicationUrl).getHost(), "CSRF-TOKEN").isEmpty()) {
            throw new AssertionError("not signed in: " + landed.status() + " " + landed.uri() + ": " + landed.body());
        }
        return hops;
    }

    /**
     * The login walk itself, from any Login Endpoint URL (with the query it needs, e.g. {@code tenant_name} or
     * {@code return_url}; of any node or application the emulator accepts): follows it to the emulator's hosted login
     * page, then {@code user}'s link on that page through the callback. Unlike {@link #signIn(Browser, String)} it
     * leaves the outcome to the caller, which may expect the callback to fail.
     *
     * @return every hop, from the Login Endpoint to the page the callback sends the browser to
     * @throws AssertionError if the login URL does not lead to the hosted login page, or the page has no link for
     *                        {@code user}
     */
    public static List<Browser.Exchange> signInAt(Browser browser, String user, String loginUrl) {
        List<Browser.Exchange> hops = new ArrayList<>(browser.follow(loginUrl));
        Browser.Exchange loginPage = hops.get(hops.size() - 1);
        if (loginPage.status() != 200) {
            throw new AssertionError("expected the hosted login page, got " + loginPage.status() + " from "
                    + loginPage.uri() + ": " + loginPage.body());
        }
        hops.addAll(browser.follow(approveLink(loginPage, user)));
        return hops;
    }

    /** The CSRF token the browser holds for the application (the {@code X-CSRF-TOKEN} header's value). */
    public String csrfToken(Browser browser) {
        return browser.cookie(URI.create(applicationUrl).getHost(), "CSRF-TOKEN")
                .orElseThrow(() -> new AssertionError("no CSRF cookie: not signed in")).value();
    }

    /** The hosted login page's link for one user, absolute. */
    public static String approveLink(Browser.Exchange loginPage, String user) {
        Matcher link = APPROVE_LINK.matcher(loginPage.body());
        while (link.find()) {
            if (link.group(1).equals(user)) {
                return loginPage.uri().resolve(URI.create(link.group(2).replace("&amp;", "&"))).toString();
            }
        }
        throw new AssertionError("no sign-in link for " + user + " on " + loginPage.body());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        emulator.reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        emulator.close();
    }
}
