package io.github.wristbandjakarta.internal.login;

import io.github.wristbandjakarta.internal.config.ConfigRules;
import io.github.wristbandjakarta.internal.config.WristbandConfig;
import io.github.wristbandjakarta.api.WristbandEvent.CallbackFailed.Reason;
import io.github.wristbandjakarta.internal.token.IdTokenClaims;
import io.github.wristbandjakarta.internal.token.IdTokenException;
import io.github.wristbandjakarta.internal.token.IdTokenValidator;
import io.github.wristbandjakarta.internal.token.TokenSet;
import io.github.wristbandjakarta.internal.wristband.ConfigurationResolver;
import io.github.wristbandjakarta.internal.wristband.FormEncoding;
import io.github.wristbandjakarta.internal.wristband.InvalidGrantException;
import io.github.wristbandjakarta.internal.wristband.ResolvedConfiguration;
import io.github.wristbandjakarta.internal.wristband.TokenResponse;
import io.github.wristbandjakarta.internal.wristband.UserInfo;
import io.github.wristbandjakarta.internal.wristband.WristbandClient;
import io.github.wristbandjakarta.internal.wristband.WristbandException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The Callback Endpoint (docs/protocol.md §4.1), in the reference SDK's order: parameters, tenant, tenant login URL,
 * login-state cookie, state, error, code exchange; then what the official SDKs skip: the ID token's signature,
 * issuer, audience, lifetime and nonce, and userinfo's {@code sub} equal to the ID token's.
 */
public final class CallbackFlow {

    private static final Logger LOG = Logger.getLogger(CallbackFlow.class.getName());
    /**
     * An OAuth error code (RFC 6749 §4.1.2.1): Wristband's are words joined by underscores. Letters of either case,
     * because {@code login_required} is compared without case (docs/protocol.md §4.1); anything else is refused
     * before it reaches a log line or an answer.
     */
    private static final Pattern ERROR_CODE = Pattern.compile("[A-Za-z_]{1,64}");
    /** The login-state cookie lives an hour in the browser; a sealed state older than that is not honoured. */
    static final Duration MAX_LOGIN_AGE = Duration.ofSeconds(LoginStateCookies.MAX_AGE_SECONDS);

    private final WristbandConfig config;
    private final ConfigurationResolver resolver;
    private final WristbandClient wristband;
    private final IdTokenValidator idTokens;
    private final LoginStateCodec codec;
    private final LoginStateCookies cookies;
    private final Clock clock;
    private final ConsumedStates consumedStates = new ConsumedStates();
    private final TenantCustomDomains customDomains;

    public CallbackFlow(WristbandConfig config, ConfigurationResolver resolver, WristbandClient wristband,
                        IdTokenValidator idTokens, LoginStateCodec codec, LoginStateCookies cookies, Clock clock) {
        this.config = config;
        this.resolver = resolver;
        this.wristband = wristband;
        this.idTokens = idTokens;
        this.codec = codec;
        this.cookies = cookies;
        this.clock = clock;
        this.customDomains = new TenantCustomDomains(config);
    }

    /**
     * @throws InvalidRequestException a parameter is missing, duplicated or malformed (400)
     * @throws WristbandException      Wristband sent an {@code error} other than {@code login_required}, or
     *                                 no tenant could be resolved (400); or the code exchange or userinfo
     *                                 failed ({@code WristbandUnavailableException}, 502)
     * @throws IdTokenException        the ID token failed validation (502)
     */
    public CallbackResult complete(AuthRequest request) {
        QueryParameters query = QueryParameters.parse(request.rawQuery());
        if (query.isEmpty()) {
            throw new InvalidRequestException("The callback request did not have a query string.");
        }
        if (query.count("state") != 1 || query.single("state", invalid("state")).isEmpty()) {
            throw new InvalidRequestException(invalid("state"));
        }
        String state = query.single("state", invalid("state")).orElseThrow();
        Optional<String> code = query.single("code", invalid("code"));
        Optional<String> error = query.single("error", invalid("error"));
        if (error.isPresent() && !ERROR_CODE.matcher(error.get()).matches()) {
            throw new InvalidRequestException(invalid("error"));
        }
        Optional<String> errorDescription = query.single("error_description", invalid("error_description"));
        Optional<String> tenantCustomDomain = query.single("tenant_custom_domain", invalid("tenant_custom_domain"))
                .map(v -> validated(v, true, "tenant_custom_domain"))
                .map(v -> customDomains.require(v, invalid("tenant_custom_domain")));

        ResolvedConfiguration resolved = resolver.resolve();
        String tenantName = tenantName(request, query, resolved);
        String tenantLoginUrl = tenantLoginUrl(resolved, tenantName, tenantCustomDomain);

        List<LoginStateCookies.LoginCookie> matching = matching(request, state);
        List<String> setCookies = deletions(matching);
        if (matching.isEmpty()) {
            return redirect(tenantLoginUrl, Reason.MISSING_LOGIN_STATE, setCookies);
        }
        Optional<LoginState> opened = codec.open(matching.get(0).value());
        if (opened.isEmpty() || !constantTimeEquals(opened.get().state(), state)
                || opened.get().createdAt().plus(MAX_LOGIN_AGE).isBefore(clock.instant())) {
            return redirect(tenantLoginUrl, Reason.INVALID_LOGIN_STATE, setCookies);
        }
        LoginState loginState = opened.get();
        // The tenant the login was sent to, not one edited into the callback URL (docs/protocol.md §4.1).
        if (loginState.tenantName() != null && !loginState.tenantName().equalsIgnoreCase(tenantName)) {
            throw new InvalidRequestException(invalid("tenant_name"));
        }
        if (tenantCustomDomain.isPresent()
                && !tenantCustomDomain.get().equalsIgnoreCase(String.valueOf(loginState.tenantCustomDomain()))) {
            throw new InvalidRequestException(invalid("tenant_custom_domain"));
        }
        if (consumedStates.isConsumed(state, clock.instant())) {
            return redirect(tenantLoginUrl, Reason.INVALID_LOGIN_STATE, setCookies);
        }

        if (error.isPresent()) {
            if (error.get().toLowerCase(Locale.ROOT).equals("login_required")) {
                return redirect(tenantLoginUrl, Reason.LOGIN_REQUIRED, setCookies);
            }
            throw new WristbandException(error.get(), errorDescription.orElse(null));
        }
        if (code.isEmpty()) {
            throw new InvalidRequestException(invalid("code"));
        }

        TokenResponse tokens;
        try {
            tokens = wristband.exchangeAuthorizationCode(code.get(), loginState.redirectUri(),
                    loginState.codeVerifier());
        } catch (InvalidGrantException e) {
            return redirect(tenantLoginUrl, Reason.INVALID_GRANT, setCookies);
        }
        // Recorded once its code is exchanged, not before (ConsumedStates); two callbacks racing with two codes of
        // the same state both reach Wristband, and only the first to finish signs in.
        if (!consumedStates.consume(state, loginState.createdAt().plus(MAX_LOGIN_AGE), clock.instant())) {
            return redirect(tenantLoginUrl, Reason.INVALID_LOGIN_STATE, setCookies);
        }
        IdTokenClaims idToken = idTokens.validate(tokens.idToken(), loginState.nonce());
        UserInfo userInfo = wristband.userInfo(tokens.accessToken());
        if (!constantTimeEquals(userInfo.userId(), idToken.subject())) {
            throw new IdTokenException("userinfo sub differs from the ID token's sub");
        }
        TokenSet tokenSet = TokenSet.from(tokens, config.tokenExpirationBuffer(), clock, null);
        return new CallbackResult.Completed(tokenSet, userInfo, tenantName, loginState.tenantCustomDomain(),
                loginState.returnUrl(), loginState.customState(), setCookies);
    }

    /**
     * The deletions of the login-state cookies of this callback's {@code state}, for an answer that ends the callback
     * with an error: whatever the outcome, a login state is used once (docs/protocol.md §3.4).
     */
    public List<String> loginCookieDeletions(AuthRequest request) {
        try {
            QueryParameters query = QueryParameters.parse(request.rawQuery());
            if (query.count("state") != 1) {
                return List.of();
            }
            return deletions(matching(request, query.single("state", invalid("state")).orElse("")));
        } catch (RuntimeException malformed) {
            return List.of();
        }
    }

    /** The login-state cookies of {@code state}, newest first. */
    private List<LoginStateCookies.LoginCookie> matching(AuthRequest request, String state) {
        return cookies.find(request.cookieHeaders()).stream()
                .filter(c -> c.state().equals(state))
                .sorted(Comparator.comparingLong(LoginStateCookies.LoginCookie::createdAtMillis).reversed())
                .toList();
    }

    private List<String> deletions(List<LoginStateCookies.LoginCookie> matching) {
        return matching.stream().map(c -> cookies.delete(c.name())).distinct().toList();
    }

    private static String tenantName(AuthRequest request, QueryParameters query, ResolvedConfiguration resolved) {
        if (resolved.usesTenantSubdomains()) {
            query.single("tenant_name", invalid("tenant_name"));
            return TenantResolver.fromSubdomain(request.host(), resolved.parseTenantFromRootDomain().get())
                    .orElseThrow(() -> new WristbandException("missing_tenant_subdomain",
                            "Callback request URL is missing a tenant subdomain"));
        }
        Optional<String> name = query.single("tenant_name", invalid("tenant_name"))
                .or(() -> query.single("tenant_domain", invalid("tenant_domain")));
        return validated(name.orElseThrow(() -> new WristbandException("missing_tenant_name",
                "Callback request is missing the [tenant_name] query parameter from Wristband")), false, "tenant_name");
    }

    /** A tenant name or custom domain that is not a plain DNS name is a 400 in the callback's wording (docs/protocol.md §4.1). */
    private static String validated(String value, boolean host, String parameter) {
        try {
            return host ? TenantResolver.requireHost(value, parameter)
                    : TenantResolver.requireTenantName(value, parameter);
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException(invalid(parameter));
        }
    }

    /** docs/protocol.md §4.1 step 5, with our variants (§9.10): every placeholder, {@code ?}/{@code &} by presence. */
    private static String tenantLoginUrl(ResolvedConfiguration resolved, String tenantName,
                                         Optional<String> tenantCustomDomain) {
        String url = resolved.usesTenantSubdomains()
                ? ConfigRules.fillTenantPlaceholders(resolved.loginUrl(), tenantName)
                : append(resolved.loginUrl(), "tenant_name", tenantName);
        return tenantCustomDomain.map(domain -> append(url, "tenant_custom_domain", domain)).orElse(url);
    }

    private static String append(String url, String name, String value) {
        return url + (url.contains("?") ? "&" : "?") + FormEncoding.encode(name) + "=" + FormEncoding.encode(value);
    }

    private static CallbackResult redirect(String url, Reason reason, List<String> setCookies) {
        LOG.info("Callback requires a new login: " + reason.code());
        return new CallbackResult.RedirectRequired(url, reason, setCookies);
    }

    private static String invalid(String parameter) {
        return "Invalid query parameter [" + parameter + "] passed from Wristband during callback";
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
