package io.fluxgate.trackers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class CustomTests {

    private final Predicate<Throwable> timeouts = e -> e.getMessage() != null && e.getMessage().contains("timeout");

    @Test
    void delegatesToThePredicate() {
        Custom custom = new Custom(timeouts);

        assertThat(custom.test(new IllegalStateException("read timeout"))).isTrue();
        assertThat(custom.test(new IllegalStateException("bad request"))).isFalse();
    }

    @Test
    void rendersItsName() {
        assertThat(new Custom("timeouts", timeouts)).hasToString("Custom(timeouts)");
    }

    @Test
    void rendersUnnamedWhenCreatedWithoutAName() {
        assertThat(new Custom(timeouts)).hasToString("Custom(<unnamed>)");
        assertThat(new Custom(timeouts).name()).isEqualTo(Custom.UNNAMED);
    }

    @Test
    void equalsByNameAndPredicate() {
        assertThat(new Custom("timeouts", timeouts)).isEqualTo(new Custom("timeouts", timeouts))
                .isNotEqualTo(new Custom("other", timeouts));
    }

    @Test
    void rejectsBlankNamesAndNulls() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Custom(" ", timeouts))
                .withMessageContaining("Custom name must not be blank, got ' '");
        assertThatNullPointerException().isThrownBy(() -> new Custom(null, timeouts)).withMessage("name");
        assertThatNullPointerException().isThrownBy(() -> new Custom("x", null)).withMessage("predicate");
        assertThatNullPointerException().isThrownBy(() -> new Custom(null)).withMessage("predicate");
    }
}
