package io.fluxgate.trippers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.fluxgate.Metric;
import io.fluxgate.State;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MinRequestsTests {

    @Test
    void firesFromCountCallsOn() {
        MinRequests tripper = new MinRequests(20);

        assertThat(tripper.test(calls(19), State.CLOSED, 0)).isFalse();
        assertThat(tripper.test(calls(20), State.CLOSED, 0)).isTrue();
        assertThat(tripper.test(calls(21), State.HALF_OPEN, 0)).isTrue();
    }

    @Test
    void oneCallSufficesForMinRequestsOne() {
        assertThat(new MinRequests(1).test(Metric.EMPTY, State.CLOSED, 0)).isFalse();
        assertThat(new MinRequests(1).test(calls(1), State.CLOSED, 0)).isTrue();
    }

    @Test
    void rejectsCountsBelowOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> new MinRequests(0))
                .withMessageContaining("MinRequests count must be >= 1, got 0");
    }

    @Test
    void rendersAndExplains() {
        assertThat(new MinRequests(20)).hasToString("MinRequests(20)");
        assertThat(new MinRequests(20).explain(calls(25), State.CLOSED, 0)).isEqualTo("MinRequests(20): 25 calls");
        assertThat(new MinRequests(1).explain(calls(1), State.CLOSED, 0)).isEqualTo("MinRequests(1): 1 call");
    }

    private static Metric calls(long count) {
        return new Metric(count, 0, 0, Duration.ZERO);
    }
}
