package io.fluxgate.retries;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NeverTests {

    @Test
    void neverEndsTheWait() {
        assertThat(new Never().waitNanos(0)).isEqualTo(Retry.NEVER);
    }

    @Test
    void rendersItsExpressionForm() {
        assertThat(new Never()).hasToString("Never()").isEqualTo(new Never());
    }
}
