package io.fluxgate.trippers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.fluxgate.Metric;
import io.fluxgate.State;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AvgLatencyTests {

    private final AvgLatency twoSeconds = new AvgLatency(Duration.ofSeconds(2));

    @Test
    void firesAtExactlyTheThreshold() {
        assertThat(twoSeconds.test(lasting(Duration.ofSeconds(20), 10), State.CLOSED, 0)).isTrue();
    }

    @Test
    void doesNotFireOneNanosecondBelow() {
        assertThat(twoSeconds.test(lasting(Duration.ofSeconds(20).minusNanos(1), 10), State.CLOSED, 0)).isFalse();
    }

    @Test
    void neverFiresOnAnEmptyWindow() {
        assertThat(new AvgLatency(Duration.ofNanos(1)).test(Metric.EMPTY, State.CLOSED, 0)).isFalse();
    }

    @Test
    void rejectsZeroNegativeAndNullThresholds() {
        assertThatIllegalArgumentException().isThrownBy(() -> new AvgLatency(Duration.ZERO))
                .withMessageContaining("AvgLatency threshold must be > 0, got 0s");
        assertThatIllegalArgumentException().isThrownBy(() -> new AvgLatency(Duration.ofMillis(-5)))
                .withMessageContaining("AvgLatency threshold must be > 0, got PT-0.005S");
        assertThatNullPointerException().isThrownBy(() -> new AvgLatency(null)).withMessage("threshold");
    }

    @Test
    void rendersAndExplains() {
        assertThat(twoSeconds).hasToString("AvgLatency(2s)");
        assertThat(new AvgLatency(Duration.ofMillis(1500))).hasToString("AvgLatency(1500ms)");
        assertThat(twoSeconds.explain(lasting(Duration.ofSeconds(24), 10), State.CLOSED, 0))
                .isEqualTo("AvgLatency(2s): 2.4s average over 10 calls");
    }

    private static Metric lasting(Duration total, long calls) {
        return new Metric(calls, 0, 0, total);
    }
}
