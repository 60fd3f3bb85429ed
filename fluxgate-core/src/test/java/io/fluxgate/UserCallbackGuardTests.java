package io.fluxgate;

import static org.assertj.core.api.Assertions.assertThat;

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
}
