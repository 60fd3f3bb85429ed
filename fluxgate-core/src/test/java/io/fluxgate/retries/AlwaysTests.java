package io.fluxgate.retries;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AlwaysTests {

    @Test
    void waitsNothingWhateverTheReopens() {
        assertThat(new Always().waitNanos(0)).isZero();
        assertThat(new Always().waitNanos(Integer.MAX_VALUE)).isZero();
    }

    @Test
    void rendersItsExpressionForm() {
        assertThat(new Always()).hasToString("Always()").isEqualTo(new Always());
    }
}
