package io.fluxgate.trippers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.fluxgate.Metric;
import io.fluxgate.State;
import org.junit.jupiter.api.Test;

class FailureStreakTests {

    @Test
    void firesFromCountConsecutiveFailuresOn() {
        FailureStreak streak = new FailureStreak(5);

        assertThat(streak.test(Metric.EMPTY, State.CLOSED, 4)).isFalse();
        assertThat(streak.test(Metric.EMPTY, State.CLOSED, 5)).isTrue();
        assertThat(streak.test(Metric.EMPTY, State.HALF_OPEN, 6)).isTrue();
    }

    @Test
    void rejectsCountsBelowOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> new FailureStreak(-3))
                .withMessageContaining("FailureStreak count must be >= 1, got -3");
    }

    @Test
    void rendersAndExplains() {
        assertThat(new FailureStreak(5)).hasToString("FailureStreak(5)");
        assertThat(new FailureStreak(5).explain(Metric.EMPTY, State.CLOSED, 5))
                .isEqualTo("FailureStreak(5): 5 consecutive failures");
        assertThat(new FailureStreak(1).explain(Metric.EMPTY, State.CLOSED, 1))
                .isEqualTo("FailureStreak(1): 1 consecutive failure");
    }
}
