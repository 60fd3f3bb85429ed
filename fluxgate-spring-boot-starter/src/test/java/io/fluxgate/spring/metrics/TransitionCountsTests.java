package io.fluxgate.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.Signal;
import io.fluxgate.State;
import io.fluxgate.spring.metrics.TransitionCounts.Transition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransitionCountsTests {

    private final TransitionCounts counts = new TransitionCounts();

    @Test
    void countsByBreakerAndStates() {
        counts.onTransition(signal("a", State.CLOSED, State.OPEN));
        counts.onTransition(signal("a", State.CLOSED, State.OPEN));
        counts.onTransition(signal("b", State.CLOSED, State.OPEN));

        assertThat(counts.count(new Transition("a", State.CLOSED, State.OPEN))).isEqualTo(2);
        assertThat(counts.count(new Transition("b", State.CLOSED, State.OPEN))).isEqualTo(1);
        assertThat(counts.count(new Transition("a", State.OPEN, State.HALF_OPEN))).isZero();
    }

    @Test
    void tellsObserversAboutPastTransitionsAndEachNewOneOnce() {
        counts.onTransition(signal("a", State.CLOSED, State.OPEN));
        List<Transition> seen = new ArrayList<>();

        counts.observe(seen::add);
        counts.onTransition(signal("a", State.CLOSED, State.OPEN));
        counts.onTransition(signal("a", State.OPEN, State.HALF_OPEN));
        counts.onTransition(signal("a", State.OPEN, State.HALF_OPEN));

        assertThat(seen).containsExactly(new Transition("a", State.CLOSED, State.OPEN),
                new Transition("a", State.OPEN, State.HALF_OPEN));
        assertThat(counts.seen()).containsExactlyInAnyOrderElementsOf(seen);
    }

    private static Signal signal(String name, State from, State to) {
        return new Signal(name, from, to, Instant.EPOCH, "test");
    }
}
