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
}
