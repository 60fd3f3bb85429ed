package io.fluxgate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.retries.Cooldown;
import io.fluxgate.trippers.FailureRate;
import io.fluxgate.trippers.MinRequests;
import io.fluxgate.trippers.Tripper;
import io.fluxgate.windows.CountWindow;
import io.fluxgate.windows.TimeWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * When the engine asks the tripper in CLOSED: after every call that changed what the tripper reads, and not after
 * a call that changed nothing of it (a fast success evicting a fast success from a count window), which is what
 * keeps the CLOSED call path cheap.
 */
class TripperAskedTests {

    private static final Duration SLOW = Duration.ofMillis(10);

    private final AtomicLong nanos = new AtomicLong();

    /** Never fires; counts how often it is asked. */
    private static final class CountingTripper implements Tripper {

        final AtomicInteger asked = new AtomicInteger();
        private final boolean usesDurations;

        CountingTripper(boolean usesDurations) {
            this.usesDurations = usesDurations;
        }

        @Override
        public boolean test(Metric metric, State state, int consecutiveFailures) {
            asked.incrementAndGet();
            return false;
        }

        @Override
        public boolean usesDurations() {
            return usesDurations;
        }
    }

    private CircuitBreaker breaker(CountingTripper tripper, io.fluxgate.windows.Window window) {
        return CircuitBreaker.builder("asked").window(window).tripper(tripper).slowThreshold(SLOW)
                .ticker(nanos::get).build();
    }

    private void call(CircuitBreaker cb, Duration takes, boolean fails) {
        try {
            cb.call(() -> {
                nanos.addAndGet(takes.toNanos());
                if (fails) {
                    throw new IllegalStateException("down");
                }
                return "ok";
            });
        } catch (Exception expected) {
            assertThat(expected).hasMessage("down");
        }
    }

    @Test
    void aFastSuccessEvictingAFastSuccessIsNotAskedAboutAgain() {
        CountingTripper tripper = new CountingTripper(false);
        CircuitBreaker cb = breaker(tripper, new CountWindow(4));
        for (int i = 0; i < 4; i++) {
            call(cb, Duration.ofMillis(1), false);
        }
        assertThat(tripper.asked).hasValue(4);

        for (int i = 0; i < 20; i++) {
            call(cb, Duration.ofMillis(1 + i % 3), false);
        }

        assertThat(tripper.asked).as("no count changed, only durations the tripper does not read").hasValue(4);
        assertThat(cb.info().metric().totalCount()).isEqualTo(4);
    }

    @Test
    void everyCallThatChangesACountOrEndsAStreakIsAsked() {
        CountingTripper tripper = new CountingTripper(false);
        CircuitBreaker cb = breaker(tripper, new CountWindow(2));
        call(cb, Duration.ofMillis(1), false);
        call(cb, Duration.ofMillis(1), false);
        int asked = tripper.asked.get();

        call(cb, SLOW, false);
        assertThat(tripper.asked).as("a slow success evicting a fast one").hasValue(++asked);
        call(cb, SLOW, false);
        assertThat(tripper.asked).as("a slow success evicting a fast one").hasValue(++asked);
        call(cb, SLOW, false);
        assertThat(tripper.asked).as("a slow success evicting a slow one changes nothing").hasValue(asked);
        call(cb, SLOW, true);
        assertThat(tripper.asked).as("a failure").hasValue(++asked);
        call(cb, SLOW, false);
        assertThat(tripper.asked).as("a success that ends a failure streak").hasValue(++asked);
        call(cb, SLOW, false);
        assertThat(tripper.asked).as("a success evicting the failure").hasValue(++asked);
        call(cb, SLOW, false);
        assertThat(tripper.asked).as("nothing changed").hasValue(asked);
    }

    @Test
    void aTripperThatReadsDurationsIsAskedAfterEveryCall() {
        CountingTripper tripper = new CountingTripper(true);
        CircuitBreaker cb = breaker(tripper, new CountWindow(2));

        for (int i = 0; i < 10; i++) {
            call(cb, Duration.ofMillis(1 + i % 2), false);
        }

        assertThat(tripper.asked).hasValue(10);
    }

    @Test
    void aTimeWindowIsAskedAfterEveryCallAsItsCountsAgeWithoutRecords() {
        CountingTripper tripper = new CountingTripper(false);
        CircuitBreaker cb = breaker(tripper, new TimeWindow(2));

        for (int i = 0; i < 10; i++) {
            call(cb, Duration.ofMillis(1), false);
        }

        assertThat(tripper.asked).hasValue(10);
    }

    /**
     * Threads race successes and failures around the threshold; once every call has ended, a CLOSED breaker's
     * complete window must not fire: some call that changed the counts read them all after its own record.
     */
    @RepeatedTest(5)
    void aWindowThatFiresOnceTheRacingCallsEndedHasOpenedTheBreaker() throws Exception {
        int threads = 8;
        Tripper tripper = new MinRequests(40).and(new FailureRate(0.5));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        int endedClosed = 0;
        int endedOpen = 0;
        try {
            for (int round = 0; round < 200; round++) {
                CircuitBreaker cb = CircuitBreaker.builder("race").window(new CountWindow(40)).tripper(tripper)
                        .retry(new Cooldown(Duration.ofHours(1))).build();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    futures.add(pool.submit(() -> {
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        start.await();
                        for (int i = 0; i < 8; i++) {
                            boolean fails = random.nextInt(100) < 45;
                            try {
                                cb.run(() -> {
                                    if (fails) {
                                        throw new IllegalStateException("down");
                                    }
                                });
                            } catch (RuntimeException expected) {
                                assertThat(expected).isInstanceOfAny(IllegalStateException.class,
                                        CallNotPermittedException.class);
                            }
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> future : futures) {
                    future.get();
                }
                Metric metric = cb.info().metric();
                if (cb.state() == State.CLOSED) {
                    endedClosed++;
                    assertThat(tripper.test(metric, State.CLOSED, 0)).as("CLOSED with a firing window %s", metric)
                            .isFalse();
                } else {
                    endedOpen++;
                    assertThat(cb.state()).isEqualTo(State.OPEN);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(endedClosed).as("rounds that ended CLOSED").isPositive();
        assertThat(endedOpen).as("rounds that ended OPEN").isPositive();
    }
}
