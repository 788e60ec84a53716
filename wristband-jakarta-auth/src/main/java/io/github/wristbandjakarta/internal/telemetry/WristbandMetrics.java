package io.github.wristbandjakarta.internal.telemetry;

import io.github.wristbandjakarta.api.WristbandEvent;
import io.github.wristbandjakarta.api.WristbandEvent.CallbackFailed;
import io.github.wristbandjakarta.api.WristbandEvent.RefreshFailed;
import io.github.wristbandjakarta.api.WristbandEvent.RequestRefused;
import io.github.wristbandjakarta.api.WristbandEvent.SessionEnded;
import io.github.wristbandjakarta.api.WristbandEvent.SignedIn;
import io.github.wristbandjakarta.api.WristbandEvent.SignedOut;
import io.github.wristbandjakarta.api.WristbandEvent.TokensRefreshed;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.Locale;

/**
 * Counts what the library tells the application ({@link WristbandEvent}) as OpenTelemetry counters
 * (docs/telemetry.md). Every attribute value comes from a small fixed set, whatever a request sends: a callback's error code
 * outside the known ones counts as {@code other}. No user, tenant or token in any attribute.
 */
@ApplicationScoped
public class WristbandMetrics {

    static final AttributeKey<String> REASON = AttributeKey.stringKey("wristband.reason");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("wristband.outcome");

    private final LongCounter signIns;
    private final LongCounter callbackFailures;
    private final LongCounter refreshes;
    private final LongCounter sessionsEnded;
    private final LongCounter csrfRefusals;
    private final LongCounter jwtRefusals;

    @Inject
    public WristbandMetrics(Instance<OpenTelemetry> server) {
        this(Instrumentation.of(server));
    }

    public WristbandMetrics(OpenTelemetry openTelemetry) {
        Meter meter = openTelemetry.getMeter(Instrumentation.SCOPE);
        signIns = meter.counterBuilder("wristband.sign_ins").setUnit("{sign_in}")
                .setDescription("Users signed in by the Callback Endpoint").build();
        callbackFailures = meter.counterBuilder("wristband.callback.failures").setUnit("{callback}")
                .setDescription("Callbacks that signed nobody in, by wristband.reason").build();
        refreshes = meter.counterBuilder("wristband.token.refreshes").setUnit("{refresh}")
                .setDescription("Calls to Wristband for new tokens, by wristband.outcome: refreshed, refused "
                        + "(the session ends), unavailable (the session is kept)").build();
        sessionsEnded = meter.counterBuilder("wristband.sessions.ended").setUnit("{session}")
                .setDescription("Sign-ins ended, by wristband.reason: logout, absolute_lifetime, tokens_expired, "
                        + "refresh_refused, forged_or_altered").build();
        csrfRefusals = meter.counterBuilder("wristband.csrf.refusals").setUnit("{request}")
                .setDescription("Signed-in users' requests refused with 403, by wristband.reason: csrf_token, "
                        + "cross_origin").build();
        jwtRefusals = meter.counterBuilder("wristband.jwt.refusals").setUnit("{request}")
                .setDescription("Bearer tokens refused: not a valid Wristband access token").build();
    }

    /** For the CDI client proxy only. */
    protected WristbandMetrics() {
        signIns = null;
        callbackFailures = null;
        refreshes = null;
        sessionsEnded = null;
        csrfRefusals = null;
        jwtRefusals = null;
    }

    void count(@Observes WristbandEvent event) {
        if (event instanceof SignedIn) {
            signIns.add(1);
        } else if (event instanceof CallbackFailed failed) {
            callbackFailures.add(1, Attributes.of(REASON, failed.reason().code()));
        } else if (event instanceof TokensRefreshed) {
            refreshes.add(1, Attributes.of(OUTCOME, "refreshed"));
        } else if (event instanceof RefreshFailed failed) {
            refreshes.add(1, Attributes.of(OUTCOME, lower(failed.reason())));
        } else if (event instanceof SignedOut) {
            sessionsEnded.add(1, Attributes.of(REASON, "logout"));
        } else if (event instanceof SessionEnded ended) {
            sessionsEnded.add(1, Attributes.of(REASON, lower(ended.reason())));
        } else if (event instanceof RequestRefused refused) {
            if (refused.reason() == RequestRefused.Reason.BEARER_TOKEN) {
                jwtRefusals.add(1);
            } else {
                csrfRefusals.add(1, Attributes.of(REASON, lower(refused.reason())));
            }
        }
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
