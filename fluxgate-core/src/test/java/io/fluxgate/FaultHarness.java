package io.fluxgate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.permits.All;
import io.fluxgate.retries.Cooldown;
import io.fluxgate.trippers.FailureStreak;
import io.fluxgate.windows.CountWindow;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A breaker that opens on one tracked failure, waits 60 s of hand-driven ticker time and admits
 * {@link #MAX_PROBES} probes, plus the checks every fault-injection test ends with: no probe slot leaked,
 * signals gap-free.
 */
final class FaultHarness {

    static final int MAX_PROBES = 3;
    static final Duration COOLDOWN = Duration.ofSeconds(60);

    final AtomicLong nanos = new AtomicLong();
    final RecordingListener signals = new RecordingListener();

    CircuitBreaker.Builder builder(String name) {
        return CircuitBreaker.builder(name)
                .window(new CountWindow(10))
                .tripper(new FailureStreak(1))
                .retry(new Cooldown(COOLDOWN))
                .permit(new All())
                .maxHalfOpenCalls(MAX_PROBES)
                .ticker(nanos::get)
                .clock(Clock.fixed(Fixture.NOW, ZoneOffset.UTC))
                .listener(signals);
    }

    /** Opens the breaker with one failure (an {@link IOException}) reported through the low-level protocol. */
    void trip(CircuitBreaker cb) {
        if (cb.state() != State.CLOSED) {
            cb.reset();
        }
        long permission = cb.acquirePermission();
        assertThat(cb.endCall(permission, new IOException("trip"), cb.startCall(permission))).isTrue();
        assertThat(cb.state()).isEqualTo(State.OPEN);
    }

    /** Opens the breaker and waits out the cooldown. */
    void openAndWait(CircuitBreaker cb) {
        trip(cb);
        nanos.addAndGet(COOLDOWN.toNanos());
    }

    /** Brings the breaker to HALF_OPEN with no probe of its own running. */
    void halfOpen(CircuitBreaker cb) {
        openAndWait(cb);
        cb.releasePermission(cb.acquirePermission());
        assertThat(cb.state()).isEqualTo(State.HALF_OPEN);
    }

    /**
     * Proves that no HALF_OPEN slot leaked: in HALF_OPEN (re-entered if need be) exactly {@link #MAX_PROBES}
     * permissions are granted and the next one is refused.
     */
    void assertNoLeakedProbeSlot(CircuitBreaker cb) {
        if (cb.state() != State.HALF_OPEN) {
            halfOpen(cb);
        }
        List<Long> permissions = new ArrayList<>();
        for (int i = 0; i < MAX_PROBES; i++) {
            long permission = cb.tryAcquirePermission();
            assertThat(permission).as("probe %d of %d is admitted", i + 1, MAX_PROBES).isNotNegative();
            permissions.add(permission);
        }
        assertThat(cb.tryAcquirePermission()).as("probe %d is refused", MAX_PROBES + 1).isNegative();
        permissions.forEach(cb::releasePermission);
        assertThat(cb.machine().halfOpenCalls()).isZero();
    }

    void assertGapFree() {
        assertGapFree(signals.signals);
    }

    static void assertGapFree(List<Signal> signals) {
        State previous = State.CLOSED;
        for (int i = 0; i < signals.size(); i++) {
            assertThat(signals.get(i).oldState()).as("signal %d (%s) follows %s", i, signals.get(i), previous)
                    .isEqualTo(previous);
            previous = signals.get(i).newState();
        }
    }

    /** Throws any throwable, checked ones included, as Kotlin or Lombok's {@code @SneakyThrows} code may. */
    @SuppressWarnings("unchecked")
    static <E extends Throwable> RuntimeException sneakyThrow(Throwable e) throws E {
        throw (E) e;
    }

    /** What a user's protected code throws in these tests. */
    static final class Poison extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Poison(String message) {
            super(message);
        }
    }
}
