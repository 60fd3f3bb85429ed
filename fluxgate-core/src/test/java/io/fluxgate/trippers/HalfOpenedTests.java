package io.fluxgate.trippers;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.Metric;
import io.fluxgate.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HalfOpenedTests {

    @Test
    void firesInHalfOpen() {
        assertThat(new HalfOpened().test(Metric.EMPTY, State.HALF_OPEN, 0)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = State.class, names = "HALF_OPEN", mode = EnumSource.Mode.EXCLUDE)
    void doesNotFireInAnyOtherState(State state) {
        assertThat(new HalfOpened().test(Metric.EMPTY, state, 0)).isFalse();
    }

    @Test
    void rendersAndExplainsItsExpressionForm() {
        assertThat(new HalfOpened()).hasToString("HalfOpened()");
        assertThat(new HalfOpened().explain(Metric.EMPTY, State.HALF_OPEN, 0)).isEqualTo("HalfOpened()");
    }
}
