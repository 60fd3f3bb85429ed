package io.fluxgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.permits.All;
import io.fluxgate.permits.RampUp;
import io.fluxgate.permits.Random;
import io.fluxgate.retries.Always;
import io.fluxgate.trippers.AvgLatency;
import io.fluxgate.trippers.FailureStreak;
import io.fluxgate.trippers.MinRequests;
import io.fluxgate.windows.TimeWindow;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MeasureDurationsTests {

    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger reads = new AtomicInteger();
    private final Ticker countingTicker = () -> {
        reads.incrementAndGet();
        return nanos.get();
    };

    @Test
    void measuresEveryCallByDefault() {
        CircuitBreaker cb = CircuitBreaker.builder("timed").ticker(countingTicker).build();
        reads.set(0);

        cb.get(() -> {
            nanos.addAndGet(5_000);
            return "ok";
        });

        assertThat(reads).hasValue(2);
        assertThat(cb.info().metric().totalDuration()).isEqualTo(Duration.ofNanos(5_000));
    }

    @Test
    void aCountWindowBreakerWithoutTimingReadsNoClockOnTheClosedPath() {
        CircuitBreaker cb = CircuitBreaker.builder("untimed").ticker(countingTicker).measureDurations(false)
                .tripper(new FailureStreak(3)).build();
        reads.set(0);

        for (int i = 0; i < 10; i++) {
            cb.get(() -> {
                nanos.addAndGet(5_000);
                return "ok";
            });
        }
        long permission = cb.acquirePermission();
        cb.endCall(permission, null, cb.startCall(permission) - 1_000);

        assertThat(reads).hasValue(0);
        assertThat(cb.info().metric().totalCount()).isEqualTo(11);
        assertThat(cb.info().metric().totalDuration()).isZero();
        assertThat(cb.statistics().totalDuration(CallOutcome.SUCCESS, false)).isZero();
    }

    @Test
    void aTimeWindowBreakerWithoutTimingReadsTheClockOncePerCall() {
        CircuitBreaker cb = CircuitBreaker.builder("untimed").ticker(countingTicker).measureDurations(false)
                .window(new TimeWindow(10)).tripper(new MinRequests(5)).build();
        reads.set(0);

        cb.get(() -> "ok");

        assertThat(reads).hasValue(1);
    }

    @Test
    void stillTripsWithoutTiming() {
        CircuitBreaker cb = CircuitBreaker.builder("untimed").ticker(countingTicker).measureDurations(false)
                .tripper(new FailureStreak(2)).build();

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> cb.run(() -> {
                throw new IllegalStateException();
            })).isInstanceOf(IllegalStateException.class);
        }

        assertThat(cb.state()).isEqualTo(State.OPEN);
    }

    @Test
    void aHalfOpenAcquireReadsTheClockOnceForTheBoundAndThePermit() {
        assertThat(halfOpenAcquireAndReleaseReads(CircuitBreaker.builder("all").permit(new All()))).isEqualTo(1);
        assertThat(halfOpenAcquireAndReleaseReads(CircuitBreaker.builder("random").permit(new Random(1))))
                .isEqualTo(1);
        assertThat(halfOpenAcquireAndReleaseReads(CircuitBreaker.builder("ramp")
                .permit(new RampUp(1, 1, Duration.ofSeconds(10))))).isEqualTo(1);
        assertThat(halfOpenAcquireAndReleaseReads(CircuitBreaker.builder("bounded").permit(new All())
                .maxHalfOpenDuration(Duration.ofMinutes(1)))).isEqualTo(1);
    }

    @Test
    void aTimeFreePermitStillEndsHalfOpenByItsOutcome() {
        CircuitBreaker cb = CircuitBreaker.builder("all").ticker(countingTicker).permit(new All())
                .retry(new Always()).tripper(new FailureStreak(1)).maxHalfOpenCalls(1).build();
        assertThatThrownBy(() -> cb.run(() -> {
            throw new IllegalStateException();
        })).isInstanceOf(IllegalStateException.class);
        long probe = cb.acquirePermission();
        assertThat(cb.state()).isEqualTo(State.HALF_OPEN);
        assertThat(cb.tryAcquirePermission()).isNegative();

        cb.endCall(probe, null, cb.startCall(probe));

        assertThat(cb.state()).isEqualTo(State.CLOSED);
    }

    private long halfOpenAcquireAndReleaseReads(CircuitBreaker.Builder builder) {
        CircuitBreaker cb = builder.ticker(countingTicker).retry(new Always()).tripper(new FailureStreak(1)).build();
        assertThatThrownBy(() -> cb.run(() -> {
            throw new IllegalStateException();
        })).isInstanceOf(IllegalStateException.class);
        cb.releasePermission(cb.acquirePermission());
        assertThat(cb.state()).isEqualTo(State.HALF_OPEN);
        reads.set(0);

        cb.releasePermission(cb.acquirePermission());

        assertThat(cb.state()).isEqualTo(State.HALF_OPEN);
        return reads.get();
    }

    @Test
    void rejectsASlowThresholdOrADurationTripperWithoutTiming() {
        assertThatIllegalArgumentException().isThrownBy(() -> CircuitBreaker.builder("payment_api")
                        .measureDurations(false).slowThreshold(Duration.ofSeconds(2)).tripper(new FailureStreak(2))
                        .build())
                .withMessage("Circuit breaker 'payment_api': slowThreshold 2s needs measured durations; "
                        + "remove it or keep measureDurations(true)");
        assertThatIllegalArgumentException().isThrownBy(() -> CircuitBreaker.builder("payment_api")
                        .measureDurations(false)
                        .tripper(new MinRequests(5).and(new AvgLatency(Duration.ofSeconds(1)))).build())
                .withMessage("Circuit breaker 'payment_api': tripper MinRequests(5) & AvgLatency(1s) reads "
                        + "durations; keep measureDurations(true) or use a tripper without AvgLatency");
    }

    @Test
    void aUserTripperIsAssumedToReadDurations() {
        assertThatIllegalArgumentException().isThrownBy(() -> CircuitBreaker.builder("custom")
                .measureDurations(false).tripper((metric, state, streak) -> false).build())
                .withMessageContaining("reads durations");
    }

    @Test
    void rejectionsAreSharedStacklessExceptions() {
        CircuitBreaker cb = CircuitBreaker.ofDefaults("payment_api");
        cb.forceOpen();

        CallNotPermittedException first = catchRejection(cb);
        CallNotPermittedException second = catchRejection(cb);

        assertThat(second).isSameAs(first);
        assertThat(first.getStackTrace()).isEmpty();
        assertThat(first.getSuppressed()).isEmpty();
        first.addSuppressed(new IllegalStateException("ignored"));
        assertThat(second.getSuppressed()).isEmpty();
    }

    private static CallNotPermittedException catchRejection(CircuitBreaker cb) {
        try {
            cb.acquirePermission();
        } catch (CallNotPermittedException e) {
            return e;
        }
        throw new AssertionError("not rejected");
    }
}
