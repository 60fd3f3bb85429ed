package io.fluxgate.trippers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.fluxgate.Metric;
import io.fluxgate.State;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SlowRateTests {

    @Test
    void firesAtExactlyTheRatioAndNotJustBelow() {
        assertThat(new SlowRate(0.25).test(slow(25, 100), State.CLOSED, 0)).isTrue();
        assertThat(new SlowRate(0.25).test(slow(24, 100), State.CLOSED, 0)).isFalse();
    }

    @Test
    void looksAtSlowCallsNotFailures() {
        Metric allFailedNoneSlow = new Metric(10, 10, 0, Duration.ZERO);

        assertThat(new SlowRate(0.1).test(allFailedNoneSlow, State.CLOSED, 10)).isFalse();
    }

    @Test
    void neverFiresOnAnEmptyWindow() {
        assertThat(new SlowRate(0.01).test(Metric.EMPTY, State.CLOSED, 0)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, 1.0000001, Double.NaN})
    void rejectsRatiosOutsideZeroToOne(double ratio) {
        assertThatIllegalArgumentException().isThrownBy(() -> new SlowRate(ratio))
                .withMessageContaining("SlowRate ratio must be in (0, 1], got " + ratio);
    }

    @Test
    void rendersAndExplains() {
        assertThat(new SlowRate(0.25)).hasToString("SlowRate(0.25)");
        assertThat(new SlowRate(0.25).explain(slow(3, 10), State.CLOSED, 0))
                .isEqualTo("SlowRate(0.25): 0.3 slow over 10 calls");
    }

    private static Metric slow(long slow, long total) {
        return new Metric(total, 0, slow, Duration.ZERO);
    }
}
