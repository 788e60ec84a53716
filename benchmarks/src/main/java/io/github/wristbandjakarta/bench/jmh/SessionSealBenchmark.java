package io.github.wristbandjakarta.bench.jmh;

import io.github.wristbandjakarta.internal.session.SealedSession;
import io.github.wristbandjakarta.internal.session.SessionSeal;
import io.github.wristbandjakarta.internal.session.WristbandSession;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The seal of the HttpSession attribute on its own: sealing (at a sign-in and at a refresh) and opening a value this
 * node has not opened before (two seals of the same secret take turns, so that no opening is remembered); a value
 * opened before costs a field read (MechanismBenchmark.validSessionApi).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SessionSealBenchmark {

    private SessionSeal seal;
    private SessionSeal otherNode;
    private WristbandSession session;
    private SealedSession sealed;
    private boolean turn;

    @Setup
    public void setUp() {
        seal = new SessionSeal(MechanismBenchmark.config().sessionSecrets(), new SecureRandom());
        otherNode = new SessionSeal(MechanismBenchmark.config().sessionSecrets(), new SecureRandom());
        session = MechanismBenchmark.session();
        sealed = seal.seal(session);
        if (!openFirstOnNode().equals(Optional.of(session)) || !openFirstOnNode().equals(Optional.of(session))) {
            throw new IllegalStateException("the sealed session does not open to the one sealed");
        }
    }

    @Benchmark
    public SealedSession seal() {
        return seal.seal(session);
    }

    @Benchmark
    public Optional<WristbandSession> openFirstOnNode() {
        return ((turn = !turn) ? otherNode : seal).open(sealed);
    }
}
