package io.fluxgate.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.Signal;
import io.fluxgate.State;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The transitions handed to the fleet stay bounded by the registry, whatever breakers the listener hears of. */
class FleetTransitionsTests {

    @Test
    void forgetsTheBreakersOfKeysThatTheRegistryDoesNotHold() {
        FleetTransitions transitions = new FleetTransitions();
        for (int key = 0; key < 10_000; key++) {
            transitions.onTransition(opened("payment_api[host-" + key + "]"));
        }
        transitions.onTransition(opened("payment_api"));

        transitions.retain(Set.of("payment_api"));

        assertThat(transitions.tracked()).isEqualTo(1);
        assertThat(transitions.reason("payment_api")).isEqualTo("tripped");
        assertThat(transitions.reason("payment_api[host-7]")).isEmpty();
        assertThat(transitions.drain()).extracting(Signal::circuitName).containsExactly("payment_api");
    }

    private static Signal opened(String name) {
        return new Signal(name, State.CLOSED, State.OPEN, Instant.EPOCH, "tripped");
    }
}
