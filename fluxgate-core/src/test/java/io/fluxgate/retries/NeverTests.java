package io.fluxgate.retries;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NeverTests {

    @Test
    void neverEndsTheWait() {
        assertThat(new Never().waitNanos(0)).isEqualTo(Retry.NEVER);
        assertThat(new Never().allows(Long.MAX_VALUE, 0)).isFalse();
    }

    @Test
    void rendersItsExpressionForm() {
        assertThat(new Never()).hasToString("Never()").isEqualTo(new Never());
    }
}
