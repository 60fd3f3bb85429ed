package io.fluxgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.fluxgate.retries.Cooldown;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link CircuitBreaker#force(State, String)}: manual control that carries the caller's reason. */
class ForcedWithReasonTests {

    private final Fixture fixture = new Fixture();
    private final RecordingListener listener = new RecordingListener();
    private final CircuitBreaker breaker = fixture.builder().retry(new Cooldown(Duration.ofSeconds(10)))
            .listener(listener).build();

    private static boolean permits(CircuitBreaker cb) {
        try {
            Fixture.succeed(cb);
            return true;
        } catch (CallNotPermittedException rejected) {
            return false;
        }
    }

    @Test
    void forcedOpenCarriesTheGivenReason() {
        breaker.force(State.FORCED_OPEN, "fleet: FORCED_OPEN by host-7");

        assertThat(breaker.state()).isEqualTo(State.FORCED_OPEN);
        assertThat(listener.signals).singleElement().satisfies(signal -> {
            assertThat(signal.oldState()).isEqualTo(State.CLOSED);
            assertThat(signal.reason()).isEqualTo("fleet: FORCED_OPEN by host-7");
        });
    }

    @Test
    void openedBreakerProbesWhenItsRetryAllows() {
        breaker.force(State.OPEN, "fleet: 3 of 5 instances OPEN");
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(permits(breaker)).isFalse();

        fixture.advance(Duration.ofSeconds(10));

        assertThat(permits(breaker)).isTrue();
        assertThat(listener.events).containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED");
    }

    @Test
    void closedResetsEvenAClosedBreaker() {
        breaker.force(State.CLOSED, "fleet: CLOSED by host-7");

        assertThat(listener.signals).singleElement().extracting(Signal::reason)
                .isEqualTo("fleet: CLOSED by host-7");
    }

    @Test
    void sameHeldStateChangesNothing() {
        breaker.force(State.OPEN, "first");
        breaker.force(State.OPEN, "second");

        assertThat(listener.signals).singleElement().extracting(Signal::reason).isEqualTo("first");
    }

    @Test
    void halfOpenIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> breaker.force(State.HALF_OPEN, "why"))
                .withMessageContaining("cannot be forced to HALF_OPEN");
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }
}
