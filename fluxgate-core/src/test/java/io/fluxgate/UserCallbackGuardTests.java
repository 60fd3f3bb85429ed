package io.fluxgate;

import static io.fluxgate.FaultHarness.sneakyThrow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.fluxgate.FaultHarness.Poison;
import io.fluxgate.trackers.Custom;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * Regression tests for the guards around user components (tracker, tripper, permit, retry): a component that
 * throws is logged and treated as documented in {@code StateMachine}, and never changes what the caller sees.
 * The wider fault-injection suite is {@link CircuitBreakerFaultInjectionTests}.
 */
class UserCallbackGuardTests {

    private final FaultHarness harness = new FaultHarness();

    @Test
    void aTripperThatThrowsInHalfOpenCountsAsNotFiringSoASuccessfulProbeCloses() throws Exception {
        CircuitBreaker cb = harness.builder("throwing-tripper")
                .tripper((metric, state, streak) -> {
                    if (state == State.HALF_OPEN) {
                        throw new IllegalStateException("tripper bug");
                    }
                    return streak >= 1;
                })
                .build();
        harness.halfOpen(cb);

        assertThat(cb.call(() -> "ok")).isEqualTo("ok");

        assertThat(cb.state()).isEqualTo(State.CLOSED);
        assertThat(harness.signals.last().reason()).contains("no longer fires");
    }

    /** Kotlin lambdas and Lombok's {@code @SneakyThrows} throw checked exceptions from a {@code Predicate}. */
    @Test
    void aTrackerThatThrowsACheckedExceptionCannotReplaceTheCallersExceptionOrStallItsFuture() {
        CircuitBreaker cb = harness.builder("checked-tracker")
                .tracker(new Custom("sneaky", e -> {
                    if (e instanceof Poison) {
                        throw sneakyThrow(new IOException("tracker bug"));
                    }
                    return true;
                }))
                .build();
        Poison sync = new Poison("sync");
        Poison async = new Poison("async");

        Throwable seen = catchThrowable(() -> cb.run(() -> {
            throw sync;
        }));
        cb.reset();
        CompletableFuture<String> future = cb.callAsync(() -> CompletableFuture.failedFuture(async));

        assertThat(seen).isSameAs(sync);
        assertThat(future).isCompletedExceptionally();
        assertThat(catchThrowable(future::join)).isInstanceOf(CompletionException.class).hasCause(async);
        assertThat(cb.state()).as("counted as a failure").isEqualTo(State.OPEN);
    }

    @Test
    void aTripperThatThrowsAnErrorCannotReplaceTheCallersResult() throws Exception {
        CircuitBreaker cb = harness.builder("error-tripper")
                .tripper((metric, state, streak) -> {
                    throw new AssertionError("tripper bug");
                })
                .build();

        assertThat(cb.call(() -> "ok")).isEqualTo("ok");
        assertThat(cb.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void aPermitThatThrowsACheckedExceptionRejectsTheCall() {
        CircuitBreaker cb = harness.builder("checked-permit")
                .permit(elapsed -> {
                    throw sneakyThrow(new IOException("permit bug"));
                })
                .build();
        harness.openAndWait(cb);

        Throwable seen = catchThrowable(() -> cb.run(() -> { }));

        assertThat(seen).isInstanceOf(CallNotPermittedException.class);
        assertThat(cb.machine().halfOpenCalls()).isZero();
    }

    @Test
    void aRetryThatThrowsAnErrorStillOpensTheBreakerAndTheCallerSeesItsOwnFailure() {
        CircuitBreaker cb = harness.builder("error-retry")
                .retry(reopens -> {
                    throw new AssertionError("retry bug");
                })
                .build();
        Poison trip = new Poison("trip");

        Throwable seen = catchThrowable(() -> cb.run(() -> {
            throw trip;
        }));

        assertThat(seen).isSameAs(trip);
        assertThat(cb.state()).isEqualTo(State.OPEN);
        assertThat(harness.signals.transitions()).containsExactly("CLOSED->OPEN");
    }
}
