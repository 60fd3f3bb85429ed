package io.fluxgate;

import static io.fluxgate.Fixture.fail;
import static io.fluxgate.Fixture.succeed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fluxgate.permits.All;
import io.fluxgate.retries.Always;
import io.fluxgate.retries.Backoff;
import io.fluxgate.retries.Cooldown;
import io.fluxgate.retries.Never;
import io.fluxgate.trippers.FailureStreak;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * An OPEN breaker reads no clock while a wake-up for its stay is pending, and moves to HALF_OPEN when it did
 * before: on the first call once the wake-up has fired and the ticker says the wait is over.
 */
class CircuitBreakerOpenWakeUpTests {

    private static final Duration COOLDOWN = Duration.ofSeconds(60);

    private final Fixture fixture = new Fixture();
    private final ManualTimer wakeUps = new ManualTimer();
    private final AtomicInteger tickerReads = new AtomicInteger();

    /** The fixture's breaker on a ticker that counts its reads, with wake-ups fired by hand. */
    private CircuitBreaker.Builder builder() {
        return fixture.builder().ticker(this::countedNanos).timer(wakeUps);
    }

    private long countedNanos() {
        tickerReads.incrementAndGet();
        return fixture.nanos.get();
    }

    private static void trip(CircuitBreaker cb) {
        while (cb.state() != State.OPEN) {
            fail(cb);
        }
    }

    /** Makes {@code calls} calls, all of which must be rejected; returns how often they read the ticker. */
    private int readsOfRejectedCalls(CircuitBreaker cb, int calls) {
        int before = tickerReads.get();
        for (int i = 0; i < calls; i++) {
            assertThat(cb.tryAcquirePermission()).as("call %d is rejected", i + 1).isNegative();
        }
        assertThat(cb.state()).isEqualTo(State.OPEN);
        return tickerReads.get() - before;
    }

    /**
     * Without a pending wake-up: calls until one nanosecond before the wait is over read the ticker and are
     * rejected; the next one probes.
     */
    private void assertReadsTheTickerOnEveryCallAndProbesOnTime(CircuitBreaker cb) {
        fixture.advance(COOLDOWN.minusNanos(1));
        assertThat(readsOfRejectedCalls(cb, 3)).isEqualTo(3);
        fixture.advance(Duration.ofNanos(1));

        assertThat(cb.tryAcquirePermission()).isNotNegative();
        assertThat(cb.state()).isEqualTo(State.HALF_OPEN);
    }

    @Nested
    class PendingWakeUp {

        @Test
        void isRequestedForExactlyTheDrawnWait() {
            CircuitBreaker cb = builder().retry(new Cooldown(COOLDOWN, 0.1, new SplittableRandom(7))).build();

            trip(cb);

            long drawn = cb.machine().stay().waitNanos;
            assertThat(drawn).isNotEqualTo(COOLDOWN.toNanos());
            assertThat(wakeUps.delays()).containsExactly(drawn);
        }

        @Test
        void rejectsWithoutReadingTheTickerEvenWhenTheWaitIsOverByTheTicker() {
            CircuitBreaker cb = builder().build();
            trip(cb);

            fixture.advance(COOLDOWN.multipliedBy(2));

            assertThat(readsOfRejectedCalls(cb, 5)).isZero();
        }

        @Test
        void onceFiredTheNextCallReadsTheTickerAndMovesToHalfOpen() {
            CircuitBreaker cb = builder().build();
            trip(cb);
            fixture.advance(Duration.ofSeconds(61));

            wakeUps.fireLast();
            int before = tickerReads.get();

            assertThat(succeed(cb)).isEqualTo("ok");
            assertThat(tickerReads.get()).isGreaterThan(before);
            assertThat(fixture.listener.transitions())
                    .containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED");
            assertThat(fixture.listener.signals.get(1).reason())
                    .isEqualTo("Cooldown(1m) allowed a probe after 61s OPEN");
        }

        @Test
        void firedBeforeTheTickerSaysTheWaitIsOverStillRejectsUntilItIs() {
            CircuitBreaker cb = builder().build();
            trip(cb);

            wakeUps.fireLast();
            fixture.advance(COOLDOWN.minusNanos(1));

            assertThat(readsOfRejectedCalls(cb, 2)).as("the ticker decides").isEqualTo(2);
            fixture.advance(Duration.ofNanos(1));
            assertThat(cb.tryAcquirePermission()).isNotNegative();
            assertThat(cb.state()).isEqualTo(State.HALF_OPEN);
        }
    }

    @Nested
    class Retries {

        @Test
        void neverRequestsNoWakeUpAndReadsNoTicker() {
            CircuitBreaker cb = builder().retry(new Never()).build();
            trip(cb);

            fixture.advance(Duration.ofDays(10_000));

            assertThat(wakeUps.delays()).isEmpty();
            assertThat(readsOfRejectedCalls(cb, 3)).isZero();
        }

        @Test
        void alwaysNeedsNoWakeUpAndProbesOnTheNextCall() {
            CircuitBreaker cb = builder().retry(new Always()).build();
            trip(cb);

            assertThat(wakeUps.delays()).isEmpty();
            assertThat(succeed(cb)).isEqualTo("ok");
            assertThat(fixture.listener.transitions())
                    .containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED");
        }

        @Test
        void aReopenAfterAFailedProbeWaitsForAWakeUpOfItsOwn() {
            CircuitBreaker cb = builder().tripper(new FailureStreak(1)).retry(new Backoff(Duration.ofSeconds(10)))
                    .build();
            trip(cb);
            fixture.advance(Duration.ofSeconds(10));
            wakeUps.fireLast();
            fail(cb);
            assertThat(fixture.listener.transitions())
                    .containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->OPEN");

            fixture.advance(Duration.ofSeconds(20));
            assertThat(readsOfRejectedCalls(cb, 2)).isZero();
            wakeUps.fireLast();

            assertThat(wakeUps.delays()).as("OPEN, HALF_OPEN's maxHalfOpenDuration, OPEN again")
                    .containsExactly(Duration.ofSeconds(10).toNanos(), Duration.ofSeconds(60).toNanos(),
                            Duration.ofSeconds(20).toNanos());
            assertThat(cb.tryAcquirePermission()).isNotNegative();
            assertThat(cb.state()).isEqualTo(State.HALF_OPEN);
        }
    }

    @Nested
    class StaleWakeUps {

        @Test
        void aWakeUpOfAnEarlierOpenStayDoesNotLetALaterOneProbeEarly() {
            CircuitBreaker cb = builder().build();
            trip(cb);
            cb.reset();
            trip(cb);

            fixture.advance(Duration.ofSeconds(61));
            wakeUps.fire(0);

            assertThat(wakeUps.delays()).hasSize(2);
            assertThat(readsOfRejectedCalls(cb, 3)).isZero();
            wakeUps.fire(1);
            assertThat(cb.tryAcquirePermission()).isNotNegative();
            assertThat(fixture.listener.transitions())
                    .containsExactly("CLOSED->OPEN", "OPEN->CLOSED", "CLOSED->OPEN", "OPEN->HALF_OPEN");
        }

        @Test
        void aWakeUpAfterManualControlChangesNothing() {
            CircuitBreaker cb = builder().build();
            trip(cb);
            cb.forceOpen();
            fixture.advance(Duration.ofSeconds(61));

            wakeUps.fireLast();

            assertThat(cb.tryAcquirePermission()).isNegative();
            assertThat(cb.state()).isEqualTo(State.FORCED_OPEN);
        }
    }

    @Nested
    class SchedulingFails {

        private final List<LogRecord> logs = new CopyOnWriteArrayList<>();

        private CircuitBreaker tripWhileCapturingLogs(CircuitBreaker cb) {
            logs.addAll(CapturedLogs.during(() -> trip(cb)));
            return cb;
        }

        private CircuitBreaker breakerWhoseWakeUpsThrow() {
            return fixture.builder().ticker(CircuitBreakerOpenWakeUpTests.this::countedNanos)
                    .timer((nanos, action) -> {
                        throw new RejectedExecutionException("no timer");
                    })
                    .build();
        }

        @Test
        void logsAWarningOncePerBreaker() {
            CircuitBreaker cb = tripWhileCapturingLogs(breakerWhoseWakeUpsThrow());
            cb.reset();
            tripWhileCapturingLogs(cb);

            assertThat(logs).singleElement().satisfies(record -> {
                assertThat(record.getLevel()).isEqualTo(Level.WARNING);
                assertThat(record.getMessage()).contains("'payment_api'").contains("could not schedule")
                        .contains("reads the ticker on every call");
                assertThat(record.getThrown()).isInstanceOf(RejectedExecutionException.class);
            });
        }

        @Test
        void fallsBackToReadingTheTickerOnEveryCallAndHalfOpensOnTime() {
            CircuitBreaker cb = tripWhileCapturingLogs(breakerWhoseWakeUpsThrow());

            assertReadsTheTickerOnEveryCallAndProbesOnTime(cb);
        }
    }

    @Nested
    class OtherTickers {

        @Test
        void onlyTheSystemTickerHasWakeUps() {
            assertThat(OpenWaitTimer.keepingTimeWith(Ticker.system())).isSameAs(SharedOpenWaitTimer.INSTANCE);
            assertThat(OpenWaitTimer.keepingTimeWith(System::nanoTime)).isNull();
            assertThat(OpenWaitTimer.keepingTimeWith(fixture.nanos::get)).isNull();
        }

        @Test
        void aCustomTickerIsReadOnEveryOpenCallAsBefore() {
            CircuitBreaker cb = fixture.builder().ticker(CircuitBreakerOpenWakeUpTests.this::countedNanos).build();
            trip(cb);

            assertReadsTheTickerOnEveryCallAndProbesOnTime(cb);
        }
    }

    /** The one test that waits in real time: the JDK's scheduler does wake an OPEN breaker on the system ticker. */
    @Test
    void withTheSystemTickerTheJdkSchedulerEndsTheWaitNoEarlierThanTheCooldown() {
        Duration cooldown = Duration.ofMillis(300); // long enough that a loaded machine checks the OPEN call in time
        CircuitBreaker cb = CircuitBreaker.builder("real_time").tripper(new FailureStreak(1))
                .retry(new Cooldown(cooldown)).permit(new All()).build();
        long beforeTrip = System.nanoTime();
        fail(cb);
        Stay open = cb.machine().stay();
        boolean wakeUpRan = open.waitMayBeOver();
        long early = cb.tryAcquirePermission();
        long sinceOpen = System.nanoTime() - open.enteredAtNanos;
        if (sinceOpen < cooldown.toNanos()) {
            assertThat(wakeUpRan).as("the wake-up is still pending %s ns after the trip", sinceOpen).isFalse();
            assertThat(early).as("asked %s ns after the trip, before the cooldown", sinceOpen).isNegative();
        } else if (early >= 0) {
            cb.releasePermission(early); // a stalled test thread may ask only after the cooldown; that proves nothing
        }

        await().pollDelay(Duration.ofMillis(1)).pollInterval(Duration.ofMillis(2)).atMost(Duration.ofSeconds(5))
                .until(() -> {
                    long permission = cb.tryAcquirePermission();
                    if (permission < 0) {
                        return false;
                    }
                    cb.releasePermission(permission);
                    return true;
                });
        long elapsed = System.nanoTime() - beforeTrip;

        assertThat(cb.state()).isEqualTo(State.HALF_OPEN);
        assertThat(Duration.ofNanos(elapsed)).isGreaterThanOrEqualTo(cooldown);
    }

    @Test
    void theLibrarysTimerThreadNeitherRunsWithNorKeepsTheCallersContextClassLoader() throws Exception {
        SharedOpenWaitTimer timer = new SharedOpenWaitTimer();
        ClassLoader applicationLoader = new URLClassLoader(new URL[0], null);
        CompletableFuture<ClassLoader> seenByAction = new CompletableFuture<>();
        AtomicReference<ClassLoader> afterScheduling = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            timer.after(Duration.ofMillis(1).toNanos(),
                    () -> seenByAction.complete(Thread.currentThread().getContextClassLoader()));
            afterScheduling.set(Thread.currentThread().getContextClassLoader());
        });
        caller.setContextClassLoader(applicationLoader);
        caller.start();
        caller.join();

        assertThat(afterScheduling.get()).as("the caller's loader, untouched").isSameAs(applicationLoader);
        assertThat(seenByAction.get(5, TimeUnit.SECONDS)).isSameAs(ClassLoader.getSystemClassLoader());
    }
}
