package io.fluxgate.trippers;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.Metric;
import io.fluxgate.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ClosedTests {

    @Test
    void firesInClosed() {
        assertThat(new Closed().test(Metric.EMPTY, State.CLOSED, 0)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = State.class, names = "CLOSED", mode = EnumSource.Mode.EXCLUDE)
    void doesNotFireInAnyOtherState(State state) {
        assertThat(new Closed().test(Metric.EMPTY, state, 0)).isFalse();
    }

    @Test
    void rendersAndExplainsItsExpressionForm() {
        assertThat(new Closed()).hasToString("Closed()").isEqualTo(new Closed());
        assertThat(new Closed().explain(Metric.EMPTY, State.CLOSED, 0)).isEqualTo("Closed()");
    }
}
