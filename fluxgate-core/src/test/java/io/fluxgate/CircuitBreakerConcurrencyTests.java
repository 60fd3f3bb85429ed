package io.fluxgate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.permits.All;
import io.fluxgate.permits.Permit;
import io.fluxgate.retries.Always;
import io.fluxgate.retries.Cooldown;
import io.fluxgate.trippers.FailureRate;
import io.fluxgate.trippers.FailureStreak;
import io.fluxgate.trippers.MinRequests;
import io.fluxgate.windows.CountWindow;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CircuitBreakerConcurrencyTests {

    private static final int THREADS = 8;

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS + 2);
    private final AtomicLong nanos = new AtomicLong();
    private final RecordingListener listener = new RecordingListener();

    @AfterEach
    void shutdown() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private static void assertGapFree(List<Signal> signals) {
        for (int i = 1; i < signals.size(); i++) {
            assertThat(signals.get(i).oldState())
                    .as("signal %d follows %s", i, signals.get(i - 1))
                    .isEqualTo(signals.get(i - 1).newState());
        }
    }

    private List<Future<?>> startTogether(int threads, Runnable task) {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                task.run();
                return null;
            }));
        }
        start.countDown();
        return futures;
    }

    private static void awaitAll(List<Future<?>> futures) throws Exception {
        for (Future<?> future : futures) {
            future.get(30, TimeUnit.SECONDS);
        }
    }

    @RepeatedTest(20)
    void racingFailuresOpenTheBreakerExactlyOnce() throws Exception {
        CircuitBreaker cb = CircuitBreaker.builder("race").tripper(new FailureStreak(1)).ticker(nanos::get)
                .listener(listener).build();

        java.util.concurrent.CyclicBarrier allAdmitted = new java.util.concurrent.CyclicBarrier(THREADS);

        awaitAll(startTogether(THREADS, () -> {
            long permission = cb.acquirePermission();
            try {
                allAdmitted.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            cb.endCall(permission, new IOException(), cb.startCall(permission));
        }));

        assertThat(listener.transitions()).containsExactly("CLOSED->OPEN");
    }

    @RepeatedTest(20)
    void racingProbesMoveToHalfOpenExactlyOnce() throws Exception {
        CircuitBreaker cb = CircuitBreaker.builder("race").tripper(new FailureStreak(1)).permit(new All())
                .retry(new Cooldown(Duration.ofSeconds(1))).maxHalfOpenCalls(3).ticker(nanos::get)
                .listener(listener).build();
        cb.forceOpen();
        cb.reset();
        Fixture.fail(cb);
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        AtomicInteger admitted = new AtomicInteger();

        awaitAll(startTogether(THREADS, () -> {
            if (cb.tryAcquirePermission() >= 0) {
                admitted.incrementAndGet();
            }
        }));

        assertThat(listener.transitions())
                .containsExactly("CLOSED->FORCED_OPEN", "FORCED_OPEN->CLOSED", "CLOSED->OPEN", "OPEN->HALF_OPEN");
        assertThat(admitted).hasValue(3);
    }

    @RepeatedTest(20)
    void aWakeUpRacingRejectedCallsMovesToHalfOpenExactlyOnceAndNoCallEarlier() throws Exception {
        ManualTimer wakeUps = new ManualTimer();
        AtomicLong tickerReads = new AtomicLong();
        CircuitBreaker cb = CircuitBreaker.builder("race").tripper(new FailureStreak(1)).permit(new All())
                .retry(new Cooldown(Duration.ofSeconds(1))).maxHalfOpenCalls(3)
                .ticker(() -> {
                    tickerReads.incrementAndGet();
                    return nanos.get();
                })
                .timer(wakeUps).listener(listener).build();
        Fixture.fail(cb);
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        tickerReads.set(0);
        AtomicBoolean fired = new AtomicBoolean();
        AtomicLong calls = new AtomicLong();
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger admittedEarly = new AtomicInteger();

        List<Future<?>> workers = startTogether(THREADS, () -> {
            while (cb.state() == State.OPEN) {
                calls.incrementAndGet();
                if (cb.tryAcquirePermission() >= 0) {
                    admitted.incrementAndGet();
                    if (!fired.get()) {
                        admittedEarly.incrementAndGet();
                    }
                }
            }
            for (int i = 0; i < 100; i++) {
                if (cb.tryAcquirePermission() >= 0) {
                    admitted.incrementAndGet();
                }
            }
        });
        while (calls.get() < THREADS * 1_000L && cb.state() == State.OPEN) {
            Thread.onSpinWait();
        }
        long readsBeforeTheWakeUp = tickerReads.get();
        fired.set(true);
        wakeUps.fire(0);
        awaitAll(workers);

        assertThat(readsBeforeTheWakeUp).as("ticker reads while the wake-up was pending").isZero();
        assertThat(admittedEarly).hasValue(0);
        assertThat(listener.transitions()).containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN");
        assertThat(admitted).hasValue(3);
    }

    /**
     * Found by Lincheck ({@link CircuitBreakerLincheckTests}): a HALF_OPEN acquire that read the phase, then lost
     * the processor while the running probe succeeded (HALF_OPEN -> CLOSED, slot released), took the freed slot
     * for the HALF_OPEN stay that had already ended. Its call ran in CLOSED holding a probe slot, and its outcome
     * was dropped as stale. Here the permit, which the acquire consults between reading the phase and taking a
     * slot, completes the running probe at exactly that moment.
     */
    @Test
    void anAcquireRacingTheEndOfHalfOpenIsAdmittedIntoTheNewState() {
        AtomicLong runningProbe = new AtomicLong(-1);
        AtomicReference<CircuitBreaker> breaker = new AtomicReference<>();
        Permit completesTheRunningProbe = elapsed -> {
            long probe = runningProbe.getAndSet(-1);
            if (probe >= 0) {
                breaker.get().endCall(probe, null, breaker.get().startCall(probe));
            }
            return true;
        };
        CircuitBreaker cb = CircuitBreaker.builder("race").tripper(new FailureStreak(1)).retry(new Always())
                .permit(completesTheRunningProbe).maxHalfOpenCalls(1).ticker(nanos::get).listener(listener).build();
        breaker.set(cb);
        Fixture.fail(cb);
        long probe = cb.acquirePermission();
        assertThat(Permission.holdsProbeSlot(probe)).isTrue();
        runningProbe.set(probe);

        long permission = cb.acquirePermission();

        assertThat(cb.state()).isEqualTo(State.CLOSED);
        assertThat(Permission.holdsProbeSlot(permission)).as("holds a probe slot in CLOSED").isFalse();
        assertThat(cb.machine().halfOpenCalls()).isZero();
        cb.endCall(permission, new IOException(), cb.startCall(permission));
        assertThat(listener.transitions()).as("the failure is recorded in CLOSED and trips the breaker")
                .containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED", "CLOSED->OPEN");
    }

    @Test
    void keepsEveryInvariantThroughTripsRecoveriesAndManualControl() throws Exception {
        int maxProbes = 3;
        CircuitBreaker cb = CircuitBreaker.builder("stress")
                .window(new CountWindow(20))
                .tripper(new MinRequests(5).and(new FailureRate(0.5)))
                .retry(new Cooldown(Duration.ofMillis(100)))
                .permit(new All())
                .maxHalfOpenCalls(maxProbes)
                .ticker(nanos::get)
                .listener(listener)
                .build();
        ConcurrentHashMap<Long, AtomicInteger> probesRunningPerStay = new ConcurrentHashMap<>();
        AtomicInteger maxProbesSeen = new AtomicInteger();
        AtomicInteger wrongExceptions = new AtomicInteger();
        AtomicInteger manualRounds = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger workerCount = new AtomicInteger();
        AtomicLong iterations = new AtomicLong();
        int manualRoundsWanted = 400;

        List<Future<?>> workers = startTogether(THREADS, () -> {
            SplittableRandom random = new SplittableRandom(workerCount.incrementAndGet());
            for (int i = 0; i < 20_000 || manualRounds.get() < manualRoundsWanted; i++) {
                iterations.incrementAndGet();
                nanos.addAndGet(Duration.ofMillis(1).toNanos() / 10);
                boolean badPhase = (i / 1_000) % 2 == 0;
                boolean fails = random.nextDouble() < (badPhase ? 0.9 : 0.05);
                if (i % 7 == 0) {
                    callAndCheckTheException(cb, fails, wrongExceptions);
                    continue;
                }
                long permission = cb.tryAcquirePermission();
                if (permission < 0) {
                    continue;
                }
                boolean probe = Permission.holdsProbeSlot(permission);
                if (probe) {
                    AtomicInteger probesRunning = probesRunningPerStay.computeIfAbsent(Permission.epoch(permission),
                            stay -> new AtomicInteger());
                    maxProbesSeen.accumulateAndGet(probesRunning.incrementAndGet(), Math::max);
                    Thread.yield();
                    probesRunning.decrementAndGet();
                }
                if (fails) {
                    cb.endCall(permission, new IOException(), cb.startCall(permission) - 1_000);
                } else {
                    cb.endCall(permission, null, cb.startCall(permission) - 1_000);
                }
            }
        });
        Future<?> clock = pool.submit(() -> {
            while (!done.get()) {
                nanos.addAndGet(Duration.ofMillis(10).toNanos());
                Thread.yield();
            }
        });
        Future<?> manual = pool.submit(() -> {
            for (int round = 0; round < manualRoundsWanted; round++) {
                switch (round % 8) {
                    case 0 -> cb.forceOpen();
                    case 1 -> cb.reset();
                    case 2 -> cb.metricsOnly();
                    case 3 -> cb.reset();
                    default -> Thread.yield();
                }
                manualRounds.incrementAndGet();
                long due = (round + 1) * 300L;
                while (iterations.get() < due) {
                    Thread.yield();
                }
            }
        });

        manual.get(30, TimeUnit.SECONDS);
        awaitAll(workers);
        done.set(true);
        clock.get(10, TimeUnit.SECONDS);

        assertThat(maxProbesSeen.get()).isBetween(1, maxProbes);
        assertThat(cb.machine().halfOpenCalls()).isZero();
        assertThat(wrongExceptions).hasValue(0);
        assertGapFree(listener.signals);
        assertThat(listener.transitions())
                .contains("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED", "FORCED_OPEN->CLOSED")
                .anySatisfy(t -> assertThat(t).endsWith("->METRICS_ONLY"));
        Metric metric = cb.info().metric();
        assertThat(metric.failureCount()).isBetween(0L, metric.totalCount());
    }

    @Test
    void everyKindOfEndingReleasesItsProbeSlotUnderContention() throws Exception {
        CircuitBreaker cb = CircuitBreaker.builder("endings")
                .window(new CountWindow(10))
                .tracker(new io.fluxgate.trackers.Custom("bomb-aware", error -> {
                    if (error instanceof TrackerBomb) {
                        throw new IllegalStateException("tracker bug");
                    }
                    return !(error instanceof Untracked);
                }))
                .tripper(new MinRequests(3).and(new FailureRate(0.5)))
                .retry(new Cooldown(Duration.ofMillis(5)))
                .permit(new All())
                .maxHalfOpenCalls(2)
                .ticker(nanos::get)
                .listener(listener)
                .build();
        AtomicInteger wrongExceptions = new AtomicInteger();
        AtomicInteger workerCount = new AtomicInteger();
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("io.fluxgate");
        java.util.logging.Level level = log.getLevel();
        log.setLevel(java.util.logging.Level.OFF); // the throwing tracker is logged thousands of times
        try {
            awaitAll(startTogether(THREADS, () -> {
                SplittableRandom random = new SplittableRandom(100 + workerCount.incrementAndGet());
                for (int i = 0; i < 5_000; i++) {
                    nanos.addAndGet(Duration.ofMillis(1).toNanos());
                    if (!endOneCall(cb, random.nextInt(9))) {
                        wrongExceptions.incrementAndGet();
                    }
                }
            }));
        } finally {
            log.setLevel(level);
        }

        assertThat(wrongExceptions).hasValue(0);
        assertThat(cb.machine().halfOpenCalls()).isZero();
        assertGapFree(listener.signals);
        assertThat(listener.transitions()).contains("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->OPEN");
        cb.forceOpen();
        cb.reset();
        while (cb.state() != State.OPEN) {
            endOneCall(cb, 1);
        }
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        long first = cb.acquirePermission();
        long second = cb.acquirePermission();
        assertThat(cb.tryAcquirePermission()).as("exactly maxHalfOpenCalls slots are free").isNegative();
        cb.releasePermission(first);
        cb.releasePermission(second);
    }

    /** Ends one call in the given way; says whether the caller saw what it should. */
    private static boolean endOneCall(CircuitBreaker cb, int kind) {
        RuntimeException own = switch (kind) {
            case 1 -> new IllegalStateException("tracked");
            case 2 -> new Untracked();
            case 7 -> new TrackerBomb();
            default -> null;
        };
        try {
            switch (kind) {
                case 0 -> cb.get(() -> "ok");
                case 1, 2, 7 -> cb.run(() -> {
                    throw own;
                });
                case 3 -> {
                    TestError error = new TestError();
                    try {
                        cb.run(() -> {
                            throw error;
                        });
                    } catch (TestError thrown) {
                        return thrown == error;
                    }
                    return false;
                }
                case 4 -> cb.callAsync(java.util.concurrent.CompletableFuture::new).cancel(true);
                case 5 -> {
                    try {
                        cb.call(() -> {
                            Thread.currentThread().interrupt();
                            throw new InterruptedException("interrupted");
                        });
                    } catch (InterruptedException thrown) {
                        return Thread.interrupted();
                    } catch (CallNotPermittedException rejected) {
                        return !Thread.currentThread().isInterrupted();
                    }
                    return false;
                }
                case 6 -> {
                    IllegalStateException fallbackFailure = new IllegalStateException("fallback broke");
                    try {
                        cb.callWithFallback(() -> {
                            throw new java.io.IOException("down");
                        }, e -> {
                            throw fallbackFailure;
                        });
                    } catch (IllegalStateException thrown) {
                        return thrown == fallbackFailure;
                    }
                    return false;
                }
                default -> cb.callAsync(() -> java.util.concurrent.CompletableFuture.failedFuture(
                        new IllegalStateException("async"))).handle((v, e) -> v);
            }
        } catch (CallNotPermittedException rejected) {
            return true;
        } catch (RuntimeException thrown) {
            return thrown == own;
        } catch (Exception unexpected) {
            return false;
        }
        return own == null;
    }

    static final class Untracked extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    static final class TrackerBomb extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    static final class TestError extends Error {
        private static final long serialVersionUID = 1L;
    }

    private static void callAndCheckTheException(CircuitBreaker cb, boolean fails, AtomicInteger wrongExceptions) {
        IllegalStateException thrown = new IllegalStateException();
        try {
            cb.run(() -> {
                if (fails) {
                    throw thrown;
                }
            });
        } catch (CallNotPermittedException rejected) {
            return;
        } catch (IllegalStateException e) {
            if (e != thrown) {
                wrongExceptions.incrementAndGet();
            }
            return;
        }
        if (fails) {
            wrongExceptions.incrementAndGet();
        }
    }

    @Test
    void deliversSignalsInTransitionOrderWhileThreadsRaceManualControl() throws Exception {
        CircuitBreaker cb = CircuitBreaker.builder("manual").ticker(nanos::get).listener(listener)
                .listener(signal -> Thread.yield()).build();

        awaitAll(startTogether(THREADS, () -> {
            for (int i = 0; i < 2_000; i++) {
                switch (i % 4) {
                    case 0 -> cb.forceOpen();
                    case 1 -> cb.disable();
                    case 2 -> cb.metricsOnly();
                    default -> cb.reset();
                }
            }
        }));

        assertThat(listener.signals).hasSizeBetween(THREADS * 500, THREADS * 2_000);
        assertGapFree(listener.signals);
        assertThat(listener.signals).as("only reset() moves a breaker to the state it is in")
                .allSatisfy(signal -> assertThat(signal.oldState() != signal.newState()
                        || signal.newState() == State.CLOSED).isTrue());
        assertThat(listener.last().newState()).isEqualTo(cb.state());
    }
}
