package io.fluxgate.trackers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class AllTests {

    private final All all = new All();

    @Test
    void acceptsCheckedAndUncheckedExceptions() {
        assertThat(all.test(new IOException())).isTrue();
        assertThat(all.test(new IllegalStateException())).isTrue();
    }

    @Test
    void rejectsErrorsAndBareThrowables() {
        assertThat(all.test(new OutOfMemoryError())).isFalse();
        assertThat(all.test(new AssertionError())).isFalse();
        assertThat(all.test(new Throwable())).isFalse();
    }

    @Test
    void rendersItsExpressionFormAndEqualsAnyOtherAll() {
        assertThat(all).hasToString("All()").isEqualTo(new All());
    }
}
