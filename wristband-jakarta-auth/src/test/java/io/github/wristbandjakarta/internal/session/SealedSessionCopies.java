package io.github.wristbandjakarta.internal.session;

/** Test helper: a sealed session as another cluster node receives it (new instance, nothing remembered). */
final class SealedSessionCopies {

    private SealedSessionCopies() {
    }

    static SealedSession replicated(SealedSession sealed) {
        return new SealedSession(sealed.value().clone());
    }
}
