package io.fluxgate.trippers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.fluxgate.Metric;
import io.fluxgate.State;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FailureRateTests {

    @Test
    void firesAtExactlyTheRatio() {
        assertThat(new FailureRate(0.5).test(failures(50, 100), State.CLOSED, 0)).isTrue();
        assertThat(new FailureRate(0.6).test(failures(3, 5), State.CLOSED, 0)).isTrue();
    }

    @Test
    void doesNotFireJustBelowTheRatio() {
        assertThat(new FailureRate(0.5).test(failures(49, 100), State.CLOSED, 0)).isFalse();
        assertThat(new FailureRate(0.5).test(failures(4_999, 10_000), State.CLOSED, 0)).isFalse();
    }

    @Test
    void ratioOneNeedsEveryCallToFail() {
        assertThat(new FailureRate(1).test(failures(9, 10), State.CLOSED, 0)).isFalse();
        assertThat(new FailureRate(1).test(failures(10, 10), State.CLOSED, 0)).isTrue();
    }

    @Test
    void neverFiresOnAnEmptyWindow() {
        assertThat(new FailureRate(0.01).test(Metric.EMPTY, State.CLOSED, 5)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -0.1, 1.5, Double.NaN, Double.POSITIVE_INFINITY})
    void rejectsRatiosOutsideZeroToOne(double ratio) {
        assertThatIllegalArgumentException().isThrownBy(() -> new FailureRate(ratio))
                .withMessageContaining("FailureRate ratio must be in (0, 1], got " + ratio);
    }

    @Test
    void rendersAndExplains() {
        assertThat(new FailureRate(0.5)).hasToString("FailureRate(0.5)");
        assertThat(new FailureRate(1)).hasToString("FailureRate(1.0)");
        assertThat(new FailureRate(0.5).explain(failures(62, 100), State.CLOSED, 0))
                .isEqualTo("FailureRate(0.5): 0.62 over 100 calls");
        assertThat(new FailureRate(0.3).explain(failures(1, 3), State.CLOSED, 0))
                .isEqualTo("FailureRate(0.3): 0.333 over 3 calls");
    }

    private static Metric failures(long failures, long total) {
        return new Metric(total, failures, 0, Duration.ZERO);
    }
}
