package io.fluxgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.trackers.TypeOf;
import io.fluxgate.trippers.FailureStreak;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SPEC §6, issue 20 item 1: an async call ends at whichever comes first, its stage completing or the caller's
 * future being completed by anyone; the permission is then released exactly once. The probes here hang for
 * good ({@code never} is never completed), so only the caller can end them.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class AsyncCallEndingTests {

    private final Fixture fixture = new Fixture();
    private final CompletableFuture<String> never = new CompletableFuture<>();

    private CircuitBreaker halfOpenWithOneProbe() {
        CircuitBreaker cb = fixture.builder().tripper(new FailureStreak(1)).maxHalfOpenCalls(1).build();
        Fixture.fail(cb);
        fixture.advance(Duration.ofSeconds(60));
        return cb;
    }

    private void assertProbeSlotFree(CircuitBreaker cb) {
        assertThat(cb.machine().halfOpenCalls()).isZero();
        long next = cb.tryAcquirePermission();
        assertThat(next).as("the next probe is admitted").isNotNegative();
        cb.releasePermission(next);
    }

    @Test
    void orTimeoutEndsAHungProbeAsAFailureAndTheBreakerKeepsProbing() {
        CircuitBreaker cb = halfOpenWithOneProbe();

        CompletableFuture<String> probe = cb.callAsync(() -> never).orTimeout(1, TimeUnit.MILLISECONDS);

        assertThatThrownBy(probe::join).hasCauseInstanceOf(TimeoutException.class);
        assertThat(cb.state()).as("the timeout is a failed probe").isEqualTo(State.OPEN);
        assertThat(fixture.listener.last().reason()).startsWith("probe failed: ");
        assertThat(cb.machine().halfOpenCalls()).isZero();
        fixture.advance(Duration.ofSeconds(60));
        assertProbeSlotFree(cb);
    }

    @Test
    void completeOnTimeoutReleasesAHungProbeWithoutRecording() {
        CircuitBreaker cb = halfOpenWithOneProbe();

        CompletableFuture<String> probe = cb.callAsync(() -> never)
                .completeOnTimeout("default", 1, TimeUnit.MILLISECONDS);

        assertThat(probe.join()).isEqualTo("default");
        assertThat(cb.state()).isEqualTo(State.HALF_OPEN);
        assertThat(cb.info().metric()).isEqualTo(Metric.EMPTY);
        assertProbeSlotFree(cb);
    }

    @Test
    void completeReleasesWithoutRecordingAndTheCallersValueStands() {
        CircuitBreaker cb = halfOpenWithOneProbe();
        CompletableFuture<String> probe = cb.callAsync(() -> never);

        assertThat(probe.complete("cached")).isTrue();

        assertThat(probe).isCompletedWithValue("cached");
        assertThat(cb.info().metric()).isEqualTo(Metric.EMPTY);
        assertThat(cb.state()).as("a caller's value says nothing about the downstream").isEqualTo(State.HALF_OPEN);
        assertThat(never).as("the source is left alone").isNotDone();
        assertProbeSlotFree(cb);
    }

    @Test
    void completeExceptionallyIsOfferedToTheTrackerBeforeTheFutureCompletes() {
        CircuitBreaker cb = fixture.builder().tracker(new TypeOf(IOException.class)).tripper(new FailureStreak(1))
                .build();
        CompletableFuture<String> call = cb.callAsync(() -> never);
        List<String> seenAtCompletion = new ArrayList<>();
        call.whenComplete((v, e) -> seenAtCompletion.add(cb.state() + " " + fixture.listener.transitions()));
        fixture.advance(Duration.ofMillis(300));

        assertThat(call.completeExceptionally(new IOException("gave up"))).isTrue();

        assertThat(seenAtCompletion).containsExactly("OPEN [CLOSED->OPEN]");
        assertThat(cb.machine().statistics().count(CallOutcome.FAILURE, false)).isEqualTo(1);
        assertThatThrownBy(call::join).hasCauseInstanceOf(IOException.class);
    }

    @Test
    void anExceptionTheTrackerRejectsReleasesWithoutRecording() {
        CircuitBreaker tracked = fixture.builder().tracker(new TypeOf(IOException.class))
                .tripper(new FailureStreak(1)).build();
        CompletableFuture<String> call = tracked.callAsync(() -> never);

        call.completeExceptionally(new IllegalStateException("not a failure"));

        assertThat(tracked.info().metric()).isEqualTo(Metric.EMPTY);
        assertThat(tracked.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void aCallerCompletingWithACancellationReleasesWithoutRecordingAndLeavesTheSource() {
        CircuitBreaker cb = halfOpenWithOneProbe();
        CompletableFuture<String> probe = cb.callAsync(() -> never);

        probe.completeExceptionally(new CompletionException(new CancellationException("gave up")));

        assertThat(cb.info().metric()).isEqualTo(Metric.EMPTY);
        assertThat(cb.state()).isEqualTo(State.HALF_OPEN);
        assertThat(never).isNotDone();
        assertProbeSlotFree(cb);
    }

    @Test
    void cancelReleasesWithoutRecordingAndCancelsTheSource() {
        CircuitBreaker cb = halfOpenWithOneProbe();
        CompletableFuture<String> probe = cb.callAsync(() -> never);

        assertThat(probe.cancel(false)).isTrue();

        assertThat(never).isCancelled();
        assertThat(cb.info().metric()).isEqualTo(Metric.EMPTY);
        assertProbeSlotFree(cb);
    }

    @Test
    void obtrudingAValueOrAnExceptionAlsoEndsTheCall() {
        for (Consumer<CompletableFuture<String>> obtrude : List.<Consumer<CompletableFuture<String>>>of(
                f -> f.obtrudeValue("forced"), f -> f.obtrudeException(new IllegalStateException("forced")),
                f -> f.completeAsync(() -> "async", Runnable::run))) {
            CircuitBreaker cb = fixture.builder().tripper(new FailureStreak(1)).maxHalfOpenCalls(1).build();
            Fixture.fail(cb);
            fixture.advance(Duration.ofSeconds(60));
            CompletableFuture<String> probe = cb.callAsync(CompletableFuture::new);
            assertThat(cb.machine().halfOpenCalls()).isEqualTo(1);

            obtrude.accept(probe);

            assertThat(probe).isDone();
            assertThat(cb.machine().halfOpenCalls()).isZero();
        }
    }

    @Test
    void theStageCompletingAfterTheCallerEndedTheCallReportsNothing() {
        CircuitBreaker cb = halfOpenWithOneProbe();
        CompletableFuture<String> source = new CompletableFuture<>();
        CompletableFuture<String> probe = cb.callAsync(() -> source);
        probe.complete("caller");
        long other = cb.acquirePermission();

        source.completeExceptionally(new IOException("late"));

        assertThat(probe).isCompletedWithValue("caller");
        assertThat(cb.state()).isEqualTo(State.HALF_OPEN);
        assertThat(cb.machine().halfOpenCalls()).as("the other probe's slot is still held").isEqualTo(1);
        cb.releasePermission(other);
    }

    @Test
    void theCallerCompletingAfterTheStageDidChangesNothing() {
        CircuitBreaker cb = halfOpenWithOneProbe();
        CompletableFuture<String> probe = cb.callAsync(() -> CompletableFuture.completedFuture("ok"));

        assertThat(probe.complete("late")).isFalse();
        assertThat(probe.completeExceptionally(new IOException("late"))).isFalse();
        assertThat(probe.cancel(true)).isFalse();

        assertThat(probe).isCompletedWithValue("ok");
        assertThat(cb.state()).isEqualTo(State.CLOSED);
        assertThat(cb.machine().halfOpenCalls()).isZero();
    }

    @Test
    void aFallbackDoesNotReplaceWhatTheCallerCompletedTheFutureWith() {
        CircuitBreaker cb = halfOpenWithOneProbe();

        CompletableFuture<String> probe = cb.callAsyncWithFallback(() -> never, e -> "fallback")
                .orTimeout(1, TimeUnit.MILLISECONDS);

        assertThatThrownBy(probe::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(TimeoutException.class);
        assertThat(cb.state()).isEqualTo(State.OPEN);
    }

    /** The reproduction: a probe nobody ends kept its slot through reset() and every later trip. */
    @ParameterizedTest
    @ValueSource(strings = {"reset", "forceOpen", "disable", "metricsOnly"})
    void manualControlRestoresFullProbeCapacity(String method) {
        CircuitBreaker cb = halfOpenWithOneProbe();
        CompletableFuture<String> abandoned = cb.callAsync(() -> never);
        assertThat(cb.tryAcquirePermission()).isNegative();

        switch (method) {
            case "reset" -> cb.reset();
            case "forceOpen" -> cb.forceOpen();
            case "disable" -> cb.disable();
            default -> cb.metricsOnly();
        }
        cb.reset();
        Fixture.fail(cb);
        fixture.advance(Duration.ofSeconds(60));

        for (int i = 0; i < 1_000; i++) {
            long probe = cb.tryAcquirePermission();
            assertThat(probe).as("probe %d after the new trip", i).isNotNegative();
            cb.releasePermission(probe);
        }
        assertThat(abandoned).isNotDone();
    }

    @Test
    void aProbeThatNeverEndsHoldsItsStayOnlyUntilMaxHalfOpenDuration() {
        CircuitBreaker cb = halfOpenWithOneProbe();
        CompletableFuture<String> abandoned = cb.callAsync(() -> never);
        fixture.advance(CircuitBreaker.Builder.DEFAULT_MAX_HALF_OPEN_DURATION);

        assertThat(cb.tryAcquirePermission()).as("the bound reopens").isNegative();
        assertThat(cb.state()).isEqualTo(State.OPEN);
        fixture.advance(Duration.ofSeconds(60));

        assertProbeSlotFree(cb);
        assertThat(abandoned).isNotDone();
    }

    @Test
    void aLateEndOfAnEarlierStaysProbeDoesNotFreeASlotOfTheCurrentStay() {
        CircuitBreaker cb = halfOpenWithOneProbe();
        CompletableFuture<String> source = new CompletableFuture<>();
        CompletableFuture<String> abandoned = cb.callAsync(() -> source);
        cb.reset();
        Fixture.fail(cb);
        fixture.advance(Duration.ofSeconds(60));
        long current = cb.acquirePermission();

        source.complete("late");

        assertThat(abandoned).isCompletedWithValue("late");
        assertThat(cb.machine().halfOpenCalls()).isEqualTo(1);
        assertThat(cb.tryAcquirePermission()).as("the cap still holds").isNegative();
        cb.releasePermission(current);
        assertProbeSlotFree(cb);
    }

    @Test
    void aCancelledFutureFailsWithCancellation() {
        CircuitBreaker cb = fixture.builder().build();
        CompletableFuture<String> call = cb.callAsync(() -> never);

        call.cancel(true);

        assertThatThrownBy(call::join).isInstanceOf(CancellationException.class);
        assertThat(cb.info().metric()).isEqualTo(Metric.EMPTY);
    }
}
