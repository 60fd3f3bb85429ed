package io.fluxgate;

import static io.fluxgate.FaultHarness.MAX_PROBES;
import static io.fluxgate.FaultHarness.sneakyThrow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.fluxgate.FaultHarness.Poison;
import io.fluxgate.trackers.Custom;
import io.fluxgate.trackers.TypeOf;
import io.fluxgate.trippers.Closed;
import io.fluxgate.trippers.FailureStreak;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Fault injection (issue 6, item 3, core part): user callbacks that throw, block or call back, protected code
 * that throws {@link Error}s, is cancelled or interrupted, fallbacks that throw. After each fault: the caller saw
 * its own outcome, no HALF_OPEN slot leaked, signals are gap-free, nothing deadlocked (every test runs under a
 * timeout on a separate thread, so a deadlock fails instead of hanging the build).
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CircuitBreakerFaultInjectionTests {

    private final FaultHarness harness = new FaultHarness();
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void shutdown() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    /** How a user callback fails: unchecked, checked (thrown sneakily, as Kotlin may), or with an {@link Error}. */
    enum Fault {
        RUNTIME_EXCEPTION, CHECKED_EXCEPTION, ERROR;

        Throwable newThrowable(String what) {
            return switch (this) {
                case RUNTIME_EXCEPTION -> new IllegalStateException(what + " bug");
                case CHECKED_EXCEPTION -> new IOException(what + " bug");
                case ERROR -> new AssertionError(what + " bug");
            };
        }
    }

    /** An {@link Error} from protected code; {@code All()} does not track it. */
    static final class Boom extends Error {
        private static final long serialVersionUID = 1L;
    }

    private static Throwable failingCall(CircuitBreaker cb, Throwable thrown) {
        return catchThrowable(() -> cb.call(() -> {
            throw sneakyThrow(thrown);
        }));
    }

    private static Throwable causeOf(CompletableFuture<?> future) {
        assertThat(future).as("the returned future completed").isDone();
        Throwable thrown = catchThrowable(future::join);
        return thrown instanceof CompletionException ? thrown.getCause() : thrown;
    }

    @Nested
    class ListenersThatThrow {

        @ParameterizedTest
        @EnumSource(Fault.class)
        void reachNeitherTheCallerNorTheOtherListeners(Fault fault) throws Exception {
            RecordingListener after = new RecordingListener();
            CircuitBreaker cb = harness.builder("throwing-listener")
                    .listener(signal -> {
                        throw sneakyThrow(fault.newThrowable("listener"));
                    })
                    .listener(after)
                    .build();
            Poison trip = new Poison("trip");
            Poison probe = new Poison("probe");

            assertThat(failingCall(cb, trip)).isSameAs(trip);
            harness.nanos.addAndGet(FaultHarness.COOLDOWN.toNanos());
            assertThat(failingCall(cb, probe)).isSameAs(probe);
            harness.nanos.addAndGet(FaultHarness.COOLDOWN.toNanos() * 2);
            assertThat(cb.call(() -> "recovered")).isEqualTo("recovered");
            cb.forceOpen();
            cb.disable();
            cb.metricsOnly();
            cb.reset();

            assertThat(after.transitions()).containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->OPEN",
                    "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED", "CLOSED->FORCED_OPEN", "FORCED_OPEN->DISABLED",
                    "DISABLED->METRICS_ONLY", "METRICS_ONLY->CLOSED");
            assertThat(harness.signals.transitions()).isEqualTo(after.transitions());
            harness.assertNoLeakedProbeSlot(cb);
            harness.assertGapFree();
        }
    }

    @Nested
    class ListenersThatBlock {

        /**
         * Delivery holds no lock: while the thread that tripped the breaker is stuck in a listener, other threads
         * read the state, are rejected, take manual control (which needs the transition lock), run calls and
         * trip the breaker again. Their signals wait for the delivery turn and then arrive in order.
         */
        @Test
        void holdOnlyTheThreadThatCausedTheTransition() throws Exception {
            CountDownLatch blocking = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            List<String> delivered = new CopyOnWriteArrayList<>();
            CircuitBreaker cb = harness.builder("blocking-listener")
                    .listener(signal -> {
                        delivered.add(signal.oldState() + "->" + signal.newState());
                        if (blocking.getCount() > 0) {
                            blocking.countDown();
                            awaitUninterruptibly(release);
                        }
                    })
                    .build();
            Poison trip = new Poison("trip");
            Future<Throwable> tripping = pool.submit(() -> failingCall(cb, trip));
            assertThat(blocking.await(10, TimeUnit.SECONDS)).isTrue();

            assertThat(cb.state()).isEqualTo(State.OPEN);
            assertThat(catchThrowable(() -> cb.call(() -> "rejected"))).isInstanceOf(CallNotPermittedException.class);
            cb.reset();
            assertThat(cb.call(() -> "ok")).isEqualTo("ok");
            assertThat(cb.callAsync(() -> CompletableFuture.completedFuture("async"))).isCompletedWithValue("async");
            Poison again = new Poison("again");
            assertThat(failingCall(cb, again)).isSameAs(again);
            assertThat(cb.state()).isEqualTo(State.OPEN);
            assertThat(tripping).as("the tripping thread is still held by its listener").isNotDone();
            assertThat(delivered).containsExactly("CLOSED->OPEN");

            release.countDown();

            assertThat(tripping.get(10, TimeUnit.SECONDS)).isSameAs(trip);
            assertThat(delivered).containsExactly("CLOSED->OPEN", "OPEN->CLOSED", "CLOSED->OPEN");
            harness.assertGapFree();
            harness.assertNoLeakedProbeSlot(cb);
        }

        private static void awaitUninterruptibly(CountDownLatch latch) {
            boolean interrupted = false;
            while (true) {
                try {
                    latch.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Nested
    class ListenersThatCallBack {

        @Test
        void mayResetTheirOwnBreakerWhileThreadsRace() throws Exception {
            CircuitBreaker[] self = new CircuitBreaker[1];
            self[0] = harness.builder("self-resetting")
                    .listener(signal -> {
                        if (signal.newState() == State.OPEN) {
                            self[0].reset();
                        }
                    })
                    .build();
            CircuitBreaker cb = self[0];

            runTogether(4, worker -> {
                for (int i = 0; i < 2_000; i++) {
                    Poison poison = new Poison("race");
                    Throwable seen = i % 2 == 0 ? failingCall(cb, poison) : catchThrowable(() -> cb.call(() -> "ok"));
                    if (seen != null && seen != poison && !(seen instanceof CallNotPermittedException)) {
                        throw new AssertionError("caller saw " + seen);
                    }
                }
            });

            List<String> transitions = harness.signals.transitions();
            assertThat(transitions).contains("CLOSED->OPEN");
            for (int i = 0; i < transitions.size(); i++) {
                assertThat(transitions.get(i)).isEqualTo(i % 2 == 0 ? "CLOSED->OPEN" : "OPEN->CLOSED");
            }
            assertThat(cb.state()).isEqualTo(State.CLOSED);
            assertThat(cb.machine().halfOpenCalls()).isZero();
            harness.assertGapFree();
        }

        /** A's listener forces B open, B's listener resets A: a cycle across two breakers, driven from both sides. */
        @Test
        void mayControlAnotherBreakerWhoseListenerCallsBack() throws Exception {
            RecordingListener aSignals = new RecordingListener();
            RecordingListener bSignals = new RecordingListener();
            CircuitBreaker[] a = new CircuitBreaker[1];
            CircuitBreaker b = harness.builder("b").listener(bSignals).listener(signal -> {
                if (signal.newState() == State.FORCED_OPEN) {
                    a[0].reset();
                }
            }).build();
            a[0] = harness.builder("a").listener(aSignals).listener(signal -> {
                if (signal.newState() == State.OPEN) {
                    b.reset(); // forceOpen() alone signals nothing when b is already FORCED_OPEN
                    b.forceOpen();
                }
            }).build();

            failingCall(a[0], new Poison("a"));
            assertThat(aSignals.transitions()).containsExactly("CLOSED->OPEN", "OPEN->CLOSED");

            runTogether(2, worker -> {
                for (int i = 0; i < 2_000; i++) {
                    if (worker == 0) {
                        failingCall(a[0], new Poison("a"));
                    } else if (i % 2 == 0) {
                        b.reset();
                    } else {
                        b.forceOpen();
                    }
                }
            });

            FaultHarness.assertGapFree(aSignals.signals);
            FaultHarness.assertGapFree(bSignals.signals);
            assertThat(a[0].state()).as("every OPEN of a forced b open, and that reset a").isEqualTo(State.CLOSED);
            assertThat(b.state()).isIn(State.CLOSED, State.FORCED_OPEN);
        }
    }

    @Nested
    class TrackersThatThrow {

        @ParameterizedTest
        @EnumSource(Fault.class)
        void countTheCallAsAFailureWhileTheCallerSeesItsOwnException(Fault fault) {
            CircuitBreaker cb = harness.builder("throwing-tracker")
                    .tracker(new Custom("explodes-on-poison", e -> {
                        if (e instanceof Poison) {
                            throw sneakyThrow(fault.newThrowable("tracker"));
                        }
                        return true;
                    }))
                    .build();
            Poison closedCall = new Poison("closed");
            Poison syncProbe = new Poison("sync probe");
            Poison asyncProbe = new Poison("async probe");

            assertThat(failingCall(cb, closedCall)).isSameAs(closedCall);
            assertThat(cb.state()).as("counted as a failure").isEqualTo(State.OPEN);
            harness.nanos.addAndGet(FaultHarness.COOLDOWN.toNanos());
            assertThat(failingCall(cb, syncProbe)).isSameAs(syncProbe);
            assertThat(cb.state()).isEqualTo(State.OPEN);
            harness.nanos.addAndGet(FaultHarness.COOLDOWN.toNanos() * 2);
            assertThat(causeOf(cb.callAsync(() -> CompletableFuture.failedFuture(asyncProbe)))).isSameAs(asyncProbe);
            assertThat(cb.state()).isEqualTo(State.OPEN);

            assertThat(cb.statistics().count(CallOutcome.FAILURE, false)).isEqualTo(3);
            harness.assertNoLeakedProbeSlot(cb);
            harness.assertGapFree();
        }
    }

    @Nested
    class ComponentsThatThrow {

        @ParameterizedTest
        @EnumSource(Fault.class)
        void aTripperThatThrowsIsTreatedAsNotFiring(Fault fault) throws Exception {
            CircuitBreaker cb = harness.builder("throwing-tripper")
                    .tripper((metric, state, streak) -> {
                        if (state == State.HALF_OPEN) {
                            throw sneakyThrow(fault.newThrowable("tripper"));
                        }
                        return streak >= 1;
                    })
                    .build();
            harness.halfOpen(cb);
            Poison probe = new Poison("probe");

            assertThat(failingCall(cb, probe)).isSameAs(probe);
            assertThat(cb.state()).as("a failed probe and a tripper not firing: stay").isEqualTo(State.HALF_OPEN);
            assertThat(cb.call(() -> "ok")).isEqualTo("ok");
            assertThat(cb.state()).as("a successful probe and a tripper not firing: close").isEqualTo(State.CLOSED);

            harness.assertNoLeakedProbeSlot(cb);
            harness.assertGapFree();
        }

        @ParameterizedTest
        @EnumSource(Fault.class)
        void aPermitThatThrowsRejectsTheCallWithoutTakingASlot(Fault fault) {
            AtomicBoolean broken = new AtomicBoolean(true);
            CircuitBreaker cb = harness.builder("throwing-permit")
                    .permit(elapsed -> {
                        if (broken.get()) {
                            throw sneakyThrow(fault.newThrowable("permit"));
                        }
                        return true;
                    })
                    .build();
            harness.openAndWait(cb);
            boolean[] ran = new boolean[1];

            Throwable seen = catchThrowable(() -> cb.run(() -> ran[0] = true));
            CompletableFuture<String> async = cb.callAsync(() -> CompletableFuture.completedFuture("ran"));

            assertThat(seen).isInstanceOf(CallNotPermittedException.class);
            assertThat(((CallNotPermittedException) seen).state()).isEqualTo(State.HALF_OPEN);
            assertThat(causeOf(async)).isInstanceOf(CallNotPermittedException.class);
            assertThat(ran[0]).isFalse();
            assertThat(cb.machine().halfOpenCalls()).isZero();
            broken.set(false);
            harness.assertNoLeakedProbeSlot(cb);
            harness.assertGapFree();
        }

        @ParameterizedTest
        @EnumSource(Fault.class)
        void aRetryThatThrowsWaitsAMinute(Fault fault) {
            CircuitBreaker cb = harness.builder("throwing-retry")
                    .retry(reopens -> {
                        throw sneakyThrow(fault.newThrowable("retry"));
                    })
                    .build();
            Poison trip = new Poison("trip");

            assertThat(failingCall(cb, trip)).isSameAs(trip);
            assertThat(cb.state()).isEqualTo(State.OPEN);
            harness.nanos.addAndGet(Duration.ofSeconds(60).toNanos() - 1);
            assertThat(cb.tryAcquirePermission()).isNegative();
            harness.nanos.addAndGet(1);
            cb.releasePermission(cb.acquirePermission());

            assertThat(harness.signals.transitions()).containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN");
            harness.assertNoLeakedProbeSlot(cb);
            harness.assertGapFree();
        }
    }

    @Nested
    class Errors {

        @ParameterizedTest
        @EnumSource(State.class)
        void anUntrackedErrorReachesTheCallerAndLeavesNoTrace(State state) {
            CircuitBreaker cb = harness.builder("errors").build();
            putIn(cb, state);
            Metric before = cb.info().metric();
            Boom sync = new Boom();
            Boom async = new Boom();

            Throwable seenSync = catchThrowable(() -> cb.run(() -> {
                throw sync;
            }));
            Throwable seenAsync = causeOf(cb.callAsync(() -> {
                throw async;
            }));

            if (state == State.OPEN || state == State.FORCED_OPEN) {
                assertThat(seenSync).isInstanceOf(CallNotPermittedException.class);
                assertThat(seenAsync).isInstanceOf(CallNotPermittedException.class);
            } else {
                assertThat(seenSync).isSameAs(sync);
                assertThat(seenAsync).isSameAs(async);
                assertThat(cb.statistics().count(CallOutcome.IGNORED, false)).isEqualTo(2);
            }
            assertThat(cb.state()).isEqualTo(state);
            assertThat(cb.info().metric()).isEqualTo(before);
            assertThat(cb.machine().halfOpenCalls()).isZero();
            harness.assertNoLeakedProbeSlot(cb);
            harness.assertGapFree();
        }

        @ParameterizedTest
        @EnumSource(State.class)
        void aTrackedErrorReachesTheCallerAndCountsAsAFailure(State state) {
            CircuitBreaker cb = harness.builder("errors").tracker(new TypeOf(IOException.class, Boom.class)).build();
            putIn(cb, state);
            Boom boom = new Boom();

            Throwable seen = catchThrowable(() -> cb.run(() -> {
                throw boom;
            }));

            switch (state) {
                case OPEN, FORCED_OPEN -> assertThat(seen).isInstanceOf(CallNotPermittedException.class);
                case CLOSED, HALF_OPEN -> {
                    assertThat(seen).isSameAs(boom);
                    assertThat(cb.state()).isEqualTo(State.OPEN);
                }
                case METRICS_ONLY -> {
                    assertThat(seen).isSameAs(boom);
                    assertThat(cb.info().metric().failureCount()).isEqualTo(1);
                }
                case DISABLED -> assertThat(seen).isSameAs(boom);
            }
            assertThat(cb.machine().halfOpenCalls()).isZero();
            harness.assertNoLeakedProbeSlot(cb);
            harness.assertGapFree();
        }

        private void putIn(CircuitBreaker cb, State state) {
            switch (state) {
                case CLOSED -> { }
                case OPEN -> harness.trip(cb);
                case HALF_OPEN -> harness.halfOpen(cb);
                case METRICS_ONLY -> cb.metricsOnly();
                case DISABLED -> cb.disable();
                case FORCED_OPEN -> cb.forceOpen();
            }
            assertThat(cb.state()).isEqualTo(state);
        }
    }

    @Nested
    class Cancellation {

        @Test
        void cancellingProbeFuturesInHalfOpenFreesTheirSlotsBeforeCancelReturns() {
            CircuitBreaker cb = harness.builder("cancelled").build();
            harness.halfOpen(cb);
            List<CompletableFuture<String>> probes = new ArrayList<>();
            for (int i = 0; i < MAX_PROBES; i++) {
                probes.add(cb.callAsync(CompletableFuture::new));
            }
            assertThat(cb.tryAcquirePermission()).isNegative();

            for (CompletableFuture<String> probe : probes) {
                assertThat(probe.cancel(true)).isTrue();
                long freed = cb.tryAcquirePermission();
                assertThat(freed).as("the slot is free once cancel returns").isNotNegative();
                cb.releasePermission(freed);
            }

            assertThat(causeOf(probes.get(0))).isInstanceOf(CancellationException.class);
            assertThat(cb.state()).isEqualTo(State.HALF_OPEN);
            assertThat(cb.info().metric()).isEqualTo(Metric.EMPTY);
            harness.assertNoLeakedProbeSlot(cb);
            harness.assertGapFree();
        }

        /**
         * Completion and cancellation race; whichever wins reports, the other does nothing: never two releases. The
         * probes fail without firing the tripper, so the breaker stays HALF_OPEN round after round.
         */
        @Test
        void aCancellationRacingTheOutcomeReleasesTheSlotExactlyOnce() throws Exception {
            CircuitBreaker cb = harness.builder("racing-cancel")
                    .tripper(new Closed().and(new FailureStreak(1)))
                    .build();
            harness.halfOpen(cb);
            CyclicBarrier together = new CyclicBarrier(2);
            for (int i = 0; i < 300; i++) {
                CompletableFuture<String> source = new CompletableFuture<>();
                CompletableFuture<String> probe = cb.callAsync(() -> source);
                Future<?> completing = pool.submit(() -> {
                    together.await();
                    return source.completeExceptionally(new IOException("down"));
                });
                together.await();
                probe.cancel(false);
                completing.get(10, TimeUnit.SECONDS);

                assertThat(cb.machine().halfOpenCalls()).as("round %d", i).isZero();
            }
            assertThat(cb.state()).isEqualTo(State.HALF_OPEN);
            harness.assertNoLeakedProbeSlot(cb);
            harness.assertGapFree();
        }
    }

    @Nested
    class Interrupts {

        @Test
        void interruptingACallBlockedInsideTheBreakerReleasesItsSlot() throws Exception {
            CircuitBreaker cb = harness.builder("interrupted").build();
            harness.halfOpen(cb);
            CountDownLatch inside = new CountDownLatch(1);
            Throwable[] seen = new Throwable[1];
            Thread caller = new Thread(() -> seen[0] = catchThrowable(() -> cb.call(() -> {
                inside.countDown();
                new CountDownLatch(1).await();
                return "never";
            })));
            caller.start();
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(cb.machine().halfOpenCalls()).isEqualTo(1);

            caller.interrupt();
            caller.join(TimeUnit.SECONDS.toMillis(10));

            assertThat(caller.isAlive()).isFalse();
            assertThat(seen[0]).isInstanceOf(InterruptedException.class);
            assertThat(cb.state()).as("All() tracks the InterruptedException").isEqualTo(State.OPEN);
            harness.assertNoLeakedProbeSlot(cb);
            harness.assertGapFree();
        }
    }

    @Nested
    class FallbacksThatThrow {

        @Test
        void releaseTheSlotAndTheCallerSeesTheFallbacksException() {
            CircuitBreaker cb = harness.builder("throwing-fallback").build();
            IllegalStateException fallbackBug = new IllegalStateException("fallback bug");
            harness.halfOpen(cb);

            Throwable sync = catchThrowable(() -> cb.callWithFallback(() -> {
                throw new Poison("probe");
            }, e -> {
                throw fallbackBug;
            }));
            assertThat(sync).isSameAs(fallbackBug);
            assertThat(cb.state()).isEqualTo(State.OPEN);
            Throwable rejected = catchThrowable(() -> cb.callWithFallback(() -> "rejected", e -> {
                throw fallbackBug;
            }));
            assertThat(rejected).isSameAs(fallbackBug);

            harness.nanos.addAndGet(FaultHarness.COOLDOWN.toNanos() * 2);
            CompletableFuture<String> async = cb.callAsyncWithFallback(
                    () -> CompletableFuture.failedFuture(new Poison("async probe")), e -> {
                        throw fallbackBug;
                    });
            assertThat(causeOf(async)).isSameAs(fallbackBug);
            assertThat(cb.state()).isEqualTo(State.OPEN);

            harness.assertNoLeakedProbeSlot(cb);
            harness.assertGapFree();
        }
    }

    /** Starts {@code threads} workers at once and waits for all; a worker's exception fails the test. */
    private void runTogether(int threads, Worker worker) throws Exception {
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int index = i;
            futures.add(pool.submit(() -> {
                start.await();
                worker.run(index);
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get(15, TimeUnit.SECONDS);
        }
    }

    @FunctionalInterface
    private interface Worker {
        void run(int index) throws Exception;
    }
}
