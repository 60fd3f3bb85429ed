package io.fluxgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.trackers.TypeOf;
import io.fluxgate.trippers.FailureStreak;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class CircuitBreakerAsyncTests {

    private final Fixture fixture = new Fixture();

    private CircuitBreaker halfOpenWithOneProbe() {
        CircuitBreaker cb = fixture.builder().tripper(new FailureStreak(1)).maxHalfOpenCalls(1).build();
        Fixture.fail(cb);
        fixture.advance(Duration.ofSeconds(60));
        return cb;
    }

    @Test
    void completesWithTheStagesValueAndRecordsItsDuration() {
        CircuitBreaker cb = fixture.builder().build();
        CompletableFuture<String> stage = new CompletableFuture<>();

        CompletableFuture<String> result = cb.callAsync(() -> stage);
        fixture.advance(Duration.ofMillis(250));
        assertThat(result).isNotDone();
        stage.complete("ok");

        assertThat(result).isCompletedWithValue("ok");
        assertThat(cb.info().metric()).isEqualTo(new Metric(1, 0, 0, Duration.ofMillis(250)));
    }

    @Test
    void returnsAnAlreadyFailedFutureWithoutInvokingTheSupplierWhenRejected() {
        CircuitBreaker cb = fixture.builder().build();
        cb.forceOpen();
        AtomicBoolean invoked = new AtomicBoolean();

        CompletableFuture<String> result = cb.callAsync(() -> {
            invoked.set(true);
            return CompletableFuture.completedFuture("never");
        });

        assertThat(invoked).isFalse();
        assertThat(result).isCompletedExceptionally();
        assertThatThrownBy(result::join).hasCauseInstanceOf(CallNotPermittedException.class);
    }

    @Test
    void unwrapsCompletionAndExecutionExceptionsBeforeTheTrackerSeesThem() {
        CircuitBreaker cb = fixture.builder().tracker(new TypeOf(IOException.class)).build();
        IOException cause = new IOException("down");

        CompletableFuture<String> wrappedOnce = cb.callAsync(() -> CompletableFuture.failedFuture(
                new CompletionException(cause)));
        CompletableFuture<String> wrappedTwice = cb.callAsync(() -> CompletableFuture.failedFuture(
                new CompletionException(new ExecutionException(cause))));

        assertThat(cb.info().metric().failureCount()).isEqualTo(2);
        assertThatThrownBy(wrappedOnce::join).isInstanceOf(CompletionException.class).hasCause(cause);
        assertThatThrownBy(wrappedTwice::join).hasCause(cause);
    }

    @Test
    void treatsASupplierThatThrowsLikeAFailedStage() {
        CircuitBreaker cb = fixture.builder().build();
        IllegalStateException thrown = new IllegalStateException("boom");

        CompletableFuture<String> result = cb.callAsync(() -> {
            throw thrown;
        });

        assertThatThrownBy(result::join).hasCause(thrown);
        assertThat(cb.info().metric().failureCount()).isEqualTo(1);
    }

    @Test
    void recordsAndSignalsBeforeTheReturnedFutureCompletes() {
        CircuitBreaker cb = fixture.builder().tripper(new FailureStreak(1)).build();
        CompletableFuture<String> stage = new CompletableFuture<>();
        CompletableFuture<String> result = cb.callAsync(() -> stage);
        List<String> seenAtCompletion = new java.util.ArrayList<>();
        result.whenComplete((v, e) -> {
            seenAtCompletion.add(cb.state().name());
            seenAtCompletion.addAll(fixture.listener.transitions());
        });

        stage.completeExceptionally(new IOException());

        assertThat(seenAtCompletion).containsExactly("OPEN", "CLOSED->OPEN");
    }

    @Test
    void cancellingReleasesTheProbeSlotWithoutRecording() {
        CircuitBreaker cb = halfOpenWithOneProbe();
        CompletableFuture<String> hanging = new CompletableFuture<>();
        CompletableFuture<String> probe = cb.callAsync(() -> hanging);
        assertThat(cb.state()).isEqualTo(State.HALF_OPEN);
        assertThat(cb.tryAcquirePermission()).isNegative();

        assertThat(probe.cancel(true)).isTrue();

        assertThat(hanging).isCancelled();
        assertThat(cb.info().metric()).isEqualTo(Metric.EMPTY);
        long next = cb.tryAcquirePermission();
        assertThat(next).isNotNegative();
        cb.releasePermission(next);
        assertThat(cb.state()).isEqualTo(State.HALF_OPEN);
    }

    @Test
    void aCancelledSourceStageReleasesWithoutRecording() {
        CircuitBreaker cb = halfOpenWithOneProbe();
        CompletableFuture<String> source = new CompletableFuture<>();
        CompletableFuture<String> probe = cb.callAsync(() -> source);

        source.cancel(false);

        assertThat(probe).isCompletedExceptionally();
        assertThat(cb.info().metric()).isEqualTo(Metric.EMPTY);
        assertThat(cb.state()).isEqualTo(State.HALF_OPEN);
        cb.releasePermission(cb.acquirePermission());
    }

    @Test
    void fallbackReceivesTheUnwrappedExceptionAndRejections() {
        CircuitBreaker cb = fixture.builder().build();

        CompletableFuture<String> failed = cb.callAsyncWithFallback(
                () -> CompletableFuture.failedFuture(new CompletionException(new IOException("down"))),
                e -> "fallback:" + e.getClass().getSimpleName());
        cb.forceOpen();
        CompletableFuture<String> rejected = cb.callAsyncWithFallback(
                () -> CompletableFuture.completedFuture("never"),
                e -> "fallback:" + e.getClass().getSimpleName());

        assertThat(failed).isCompletedWithValue("fallback:IOException");
        assertThat(rejected).isCompletedWithValue("fallback:CallNotPermittedException");
    }

    @Test
    void fallbackDoesNotReceiveErrors() {
        CircuitBreaker cb = fixture.builder().build();
        AtomicBoolean fallbackRan = new AtomicBoolean();

        CompletableFuture<String> result = cb.callAsyncWithFallback(
                () -> CompletableFuture.failedFuture(new StackOverflowError()),
                e -> {
                    fallbackRan.set(true);
                    return "fallback";
                });

        assertThatThrownBy(result::join).hasCauseInstanceOf(StackOverflowError.class);
        assertThat(fallbackRan).isFalse();
    }

    @Test
    void aThrowingFallbackFailsTheFutureAndStillReleasesTheSlot() {
        CircuitBreaker cb = halfOpenWithOneProbe();
        IllegalStateException fallbackFailure = new IllegalStateException("fallback broke");

        CompletableFuture<String> result = cb.callAsyncWithFallback(
                () -> CompletableFuture.failedFuture(new IllegalArgumentException()),
                e -> {
                    throw fallbackFailure;
                });

        assertThatThrownBy(result::join).hasCause(fallbackFailure);
        assertThat(cb.state()).isEqualTo(State.OPEN);
        fixture.advance(Duration.ofSeconds(120));
        cb.releasePermission(cb.acquirePermission());
    }

    /**
     * Guards AsyncCall.finish against a {@link VirtualMachineError} from a listener: the error may propagate
     * (it is not swallowed), but only after the returned future has failed with it, and the probe slot is
     * released exactly once.
     */
    @Test
    void theFutureFailsWithAVirtualMachineErrorThatAListenerThrowsAndTheSlotIsReleasedOnce() {
        StackOverflowError overflow = new StackOverflowError("listener");
        CircuitBreaker cb = fixture.builder().tripper(new FailureStreak(1)).maxHalfOpenCalls(2)
                .listener(signal -> {
                    if (signal.oldState() == State.HALF_OPEN) {
                        throw overflow;
                    }
                })
                .build();
        Fixture.fail(cb);
        fixture.advance(Duration.ofSeconds(60));
        CompletableFuture<String> stage = new CompletableFuture<>();
        CompletableFuture<String> result = cb.callAsync(() -> stage);
        long other = cb.acquirePermission();
        assertThat(cb.machine().halfOpenCalls()).isEqualTo(2);

        stage.complete("ok"); // HALF_OPEN -> CLOSED: the listener throws

        assertThat(result).as("completed, so join cannot hang").isCompletedExceptionally();
        assertThatThrownBy(result::join).hasCause(overflow);
        assertThat(cb.state()).isEqualTo(State.CLOSED);
        assertThat(cb.machine().halfOpenCalls()).as("slots belong to the HALF_OPEN stay that ended").isZero();
        cb.releasePermission(other);
        assertThat(cb.machine().halfOpenCalls()).isZero();
    }

    /** Same guard when the supplier throws and a user component (the tracker) throws a VirtualMachineError. */
    @Test
    void theFutureFailsWithAVirtualMachineErrorThatTheTrackerThrowsAndTheSlotIsReleasedOnce() {
        StackOverflowError overflow = new StackOverflowError("tracker");
        CircuitBreaker cb = halfOpenWithOneProbeTracking(e -> {
            if (e instanceof IllegalArgumentException) {
                throw overflow;
            }
            return true;
        });
        CompletableFuture<String> stage = new CompletableFuture<>();
        CompletableFuture<String> result = cb.callAsyncWithFallback(() -> stage, e -> "fallback");

        stage.completeExceptionally(new IllegalArgumentException());

        assertThat(result).as("completed, so join cannot hang").isDone();
        assertThatThrownBy(result::join).hasCause(overflow);
        assertThat(cb.machine().halfOpenCalls()).isZero();
        cb.releasePermission(cb.acquirePermission());
    }

    /** Same guard when the ticker, read to end the call, throws a VirtualMachineError. */
    @Test
    void theFutureFailsWithAVirtualMachineErrorThatTheTickerThrowsAndTheSlotIsReleasedOnce() {
        StackOverflowError overflow = new StackOverflowError("ticker");
        AtomicBoolean broken = new AtomicBoolean();
        java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
        CircuitBreaker cb = CircuitBreaker.builder("ticking").tripper(new FailureStreak(1)).maxHalfOpenCalls(1)
                .permit(new io.fluxgate.permits.All())
                .ticker(() -> {
                    if (broken.get()) {
                        throw overflow;
                    }
                    return nanos.get();
                })
                .build();
        Fixture.fail(cb);
        nanos.addAndGet(Duration.ofSeconds(60).toNanos());
        CompletableFuture<String> stage = new CompletableFuture<>();
        CompletableFuture<String> result = cb.callAsync(() -> stage);
        assertThat(cb.machine().halfOpenCalls()).isEqualTo(1);

        broken.set(true);
        stage.complete("ok");
        broken.set(false);

        assertThat(result).as("completed, so join cannot hang").isDone();
        assertThatThrownBy(result::join).hasCause(overflow);
        assertThat(cb.machine().halfOpenCalls()).isZero();
        cb.releasePermission(cb.acquirePermission());
        assertThat(cb.machine().halfOpenCalls()).isZero();
    }

    @Test
    void aTickerThatThrowsAsTheCallStartsGivesThePermissionBack() {
        IllegalStateException broken = new IllegalStateException("ticker");
        AtomicBoolean failing = new AtomicBoolean();
        java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        CircuitBreaker cb = CircuitBreaker.builder("ticking").tripper(new FailureStreak(1)).maxHalfOpenCalls(1)
                .permit(new io.fluxgate.permits.All())
                .ticker(() -> {
                    // the acquire reads the ticker once in HALF_OPEN; the call's start is the next read
                    if (failing.get() && reads.incrementAndGet() == 2) {
                        throw broken;
                    }
                    return nanos.get();
                })
                .build();
        Fixture.fail(cb);
        nanos.addAndGet(Duration.ofSeconds(60).toNanos());
        cb.releasePermission(cb.acquirePermission());
        assertThat(cb.state()).isEqualTo(State.HALF_OPEN);
        failing.set(true);

        assertThatThrownBy(() -> cb.get(() -> "never")).isSameAs(broken);
        assertThat(cb.machine().halfOpenCalls()).isZero();
        reads.set(10);
        assertThat(cb.get(() -> "ok")).isEqualTo("ok");
    }

    private CircuitBreaker halfOpenWithOneProbeTracking(java.util.function.Predicate<Throwable> tracker) {
        CircuitBreaker cb = fixture.builder().tracker(new io.fluxgate.trackers.Custom("vme", tracker))
                .tripper(new FailureStreak(1)).maxHalfOpenCalls(1).build();
        Fixture.fail(cb);
        fixture.advance(Duration.ofSeconds(60));
        return cb;
    }
}
