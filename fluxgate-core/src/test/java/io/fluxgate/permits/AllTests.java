package io.fluxgate.permits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AllTests {

    @Test
    void admitsEveryCall() {
        assertThat(new All().admit(0)).isTrue();
        assertThat(new All().admit(Long.MAX_VALUE)).isTrue();
    }

    @Test
    void rendersItsExpressionForm() {
        assertThat(new All()).hasToString("All()").isEqualTo(new All());
    }
}
