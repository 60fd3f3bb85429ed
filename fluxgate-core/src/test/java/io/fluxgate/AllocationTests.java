package io.fluxgate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.retries.Cooldown;
import io.fluxgate.trackers.TypeOf;
import io.fluxgate.trippers.AvgLatency;
import io.fluxgate.trippers.Closed;
import io.fluxgate.trippers.FailureRate;
import io.fluxgate.trippers.FailureStreak;
import io.fluxgate.trippers.HalfOpened;
import io.fluxgate.trippers.MinRequests;
import io.fluxgate.trippers.SlowRate;
import io.fluxgate.trippers.Tripper;
import io.fluxgate.windows.CountWindow;
import io.fluxgate.windows.TimeWindow;
import io.fluxgate.windows.Window;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The call path allocates nothing once warm (the windows' striping and padding exist for that): bytes allocated
 * by this thread ({@code com.sun.management.ThreadMXBean}) around a loop of calls, in CLOSED with and without
 * failures, and in OPEN, for both windows and the trippers that read rates and durations.
 *
 * <p>The profile is polluted first: every window, tripper and outcome kind runs through breakers in this JVM
 * before anything is measured, so the engine's call sites are megamorphic, as in an application with several
 * breakers (and as after the other test classes in the same JVM). A measurement is the best of several rounds:
 * a round during which C2 recompiles or deoptimises may allocate, a regression allocates in every round.
 */
class AllocationTests {

    private static final int WARM_UP_CALLS = 100_000;
    private static final int MEASURED_CALLS = 200_000;
    private static final int ROUNDS = 8;
    private static final double TOLERANCE_BYTES_PER_CALL = 0.5;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    /** Thrown again and again: no stack trace, so a failing call allocates nothing either. */
    private static final RuntimeException FAILURE = new Down();
    private static final Supplier<String> OK = () -> "ok";
    private static final Callable<String> OK_CALLABLE = () -> "ok";
    private static final Runnable NOTHING = () -> {
    };
    private static final Runnable FAILING = () -> {
        throw FAILURE;
    };

    private static final Tripper DEFAULT_TRIPPER = new MinRequests(100).and(new FailureRate(0.5));

    private static int sink;

    private static final class Down extends IllegalStateException {
        Down() {
            super("down");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /** One configuration: how calls are made and which fail. */
    private interface Calls {
        void call(CircuitBreaker breaker, int i);
    }

    private static final Calls SUCCESSES = (breaker, i) -> sink += breaker.get(OK).length();
    private static final Calls SUCCESSES_THROUGH_CALL = (breaker, i) -> {
        try {
            sink += breaker.call(OK_CALLABLE).length();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    };
    /** One call in seven fails, scattered (a multiplicative hash of the index), well below the trip rate. */
    private static final Calls SOME_FAILURES = (breaker, i) -> {
        try {
            breaker.run((i * 0x9E3779B9) >>> 29 == 0 ? FAILING : NOTHING);
        } catch (IllegalStateException e) {
            sink++;
        }
    };
    private static final Calls REJECTED = (breaker, i) -> {
        try {
            breaker.run(NOTHING);
        } catch (CallNotPermittedException e) {
            sink++;
        }
    };

    @BeforeAll
    static void polluteTheProfile() {
        List<Window> windows = List.of(new CountWindow(50), new TimeWindow(5), new CountWindow(3), new TimeWindow(1));
        List<Tripper> trippers = List.of(new MinRequests(10).and(new FailureRate(0.5)),
                new FailureStreak(3).or(new MinRequests(5).and(new SlowRate(0.5))),
                new Closed().and(new AvgLatency(Duration.ofMillis(1))), new HalfOpened().or(new FailureRate(0.9)),
                (metric, state, streak) -> metric.failureCount() > 20);
        for (Window window : windows) {
            for (Tripper tripper : trippers) {
                CircuitBreaker breaker = builder(window, tripper).retry(new Cooldown(Duration.ofNanos(1))).build();
                for (int i = 0; i < 20_000; i++) {
                    try {
                        (i % 3 == 0 ? SOME_FAILURES : i % 3 == 1 ? SUCCESSES : REJECTED).call(breaker, i);
                    } catch (CallNotPermittedException e) {
                        sink++;
                    }
                }
            }
        }
    }

    private static CircuitBreaker.Builder builder(Window window, Tripper tripper) {
        return CircuitBreaker.builder("allocation").window(window).tripper(tripper)
                .tracker(new TypeOf(IllegalStateException.class)).slowThreshold(Duration.ofSeconds(10));
    }

    private static CircuitBreaker closed(Window window, Tripper tripper) {
        return builder(window, tripper).retry(new Cooldown(Duration.ofHours(1))).build();
    }

    @Test
    void aCountWindowCallInClosedAllocatesNothing() {
        assertAllocatesNothing(closed(new CountWindow(100), DEFAULT_TRIPPER), SUCCESSES);
    }

    @Test
    void aCountWindowCallThroughCallAllocatesNothing() {
        assertAllocatesNothing(closed(new CountWindow(100), DEFAULT_TRIPPER),
                SUCCESSES_THROUGH_CALL);
    }

    @Test
    void aCountWindowCallWithScatteredFailuresAllocatesNothing() {
        assertAllocatesNothing(closed(new CountWindow(100), DEFAULT_TRIPPER), SOME_FAILURES);
    }

    @Test
    void aTimeWindowCallInClosedAllocatesNothing() {
        assertAllocatesNothing(closed(new TimeWindow(10), DEFAULT_TRIPPER), SUCCESSES);
    }

    @Test
    void aTimeWindowCallWithScatteredFailuresAllocatesNothing() {
        assertAllocatesNothing(closed(new TimeWindow(10), DEFAULT_TRIPPER), SOME_FAILURES);
    }

    @Test
    void anAvgLatencyTripperAllocatesNothingOnEitherWindow() {
        Tripper tripper = new MinRequests(10).and(new AvgLatency(Duration.ofSeconds(5)));
        assertAllocatesNothing(closed(new CountWindow(100), tripper), SOME_FAILURES);
        assertAllocatesNothing(closed(new TimeWindow(10), tripper), SUCCESSES);
    }

    @Test
    void aSlowRateTripperAllocatesNothingOnEitherWindow() {
        Tripper tripper = new MinRequests(10).and(new SlowRate(0.5).or(new FailureRate(0.5)));
        assertAllocatesNothing(closed(new CountWindow(100), tripper), SOME_FAILURES);
        assertAllocatesNothing(closed(new TimeWindow(10), tripper), SOME_FAILURES);
    }

    @Test
    void aKeyedLookupOfAPresentStringKeyAndItsCallAllocateNothing() {
        KeyedCircuitBreaker<String> hosts = KeyedCircuitBreaker.builder(builder(new CountWindow(100), DEFAULT_TRIPPER)
                .retry(new Cooldown(Duration.ofHours(1)))).build();
        CircuitBreaker breaker = hosts.forKey("host-b");
        String sameKey = new String("host-b");

        assertAllocatesNothing(breaker, (ignored, i) -> sink += hosts.forKey(sameKey).get(OK).length());
        assertThat(hosts.forKey(sameKey)).isSameAs(breaker);
    }

    @Test
    void aRejectedCallInOpenAllocatesNothing() {
        for (Window window : List.of(new CountWindow(10), new TimeWindow(10))) {
            CircuitBreaker breaker = closed(window, new FailureStreak(1));
            SOME_FAILURES.call(breaker, 0);
            assertThat(breaker.state()).isEqualTo(State.OPEN);

            assertAllocatesNothing(breaker, REJECTED);
            assertThat(breaker.state()).isEqualTo(State.OPEN);
        }
    }

    private static void assertAllocatesNothing(CircuitBreaker breaker, Calls calls) {
        State before = breaker.state();
        for (int i = 0; i < WARM_UP_CALLS; i++) {
            calls.call(breaker, i);
        }
        double best = Double.MAX_VALUE;
        for (int round = 0; round < ROUNDS && best >= TOLERANCE_BYTES_PER_CALL; round++) {
            long start = THREADS.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < MEASURED_CALLS; i++) {
                calls.call(breaker, i);
            }
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - start;
            best = Math.min(best, (double) allocated / MEASURED_CALLS);
        }
        assertThat(breaker.state()).as("the loop stayed in one state").isEqualTo(before);
        assertThat(best).as("bytes allocated per call (best of %d rounds of %d calls) by %s", ROUNDS, MEASURED_CALLS,
                breaker.config()).isLessThan(TOLERANCE_BYTES_PER_CALL);
    }
}
