package io.fluxgate.permits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RandomTests {

    @Test
    void ratioZeroNeverAdmits() {
        Random never = new Random(0, new FixedRandom(0));

        assertThat(never.admit(0)).isFalse();
        assertThat(IntStream.range(0, 1_000).anyMatch(i -> new Random(0).admit(i))).isFalse();
    }

    @Test
    void ratioOneAlwaysAdmits() {
        assertThat(new Random(1, new FixedRandom(Math.nextDown(1.0))).admit(0)).isTrue();
        assertThat(IntStream.range(0, 1_000).allMatch(i -> new Random(1).admit(i))).isTrue();
    }

    @Test
    void admitsWhenTheDrawIsBelowTheRatio() {
        assertThat(new Random(0.5, new FixedRandom(0.4999)).admit(0)).isTrue();
        assertThat(new Random(0.5, new FixedRandom(0.5)).admit(0)).isFalse();
    }

    @Test
    void admitsAboutRatioOfCallsWithASeededGenerator() {
        Random random = new Random(0.3, new SplittableRandom(42));

        long admitted = IntStream.range(0, 10_000).filter(random::admit).count();

        assertThat(admitted).isBetween(2_800L, 3_200L);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 1.1, Double.NaN})
    void rejectsRatiosOutsideZeroToOne(double ratio) {
        assertThatIllegalArgumentException().isThrownBy(() -> new Random(ratio))
                .withMessageContaining("Random ratio must be in [0, 1], got " + ratio);
    }

    @Test
    void rejectsANullGenerator() {
        assertThatNullPointerException().isThrownBy(() -> new Random(0.5, null)).withMessage("random");
    }

    @Test
    void rendersItsExpressionFormWithoutTheGenerator() {
        assertThat(new Random(0.5)).hasToString("Random(0.5)").isEqualTo(new Random(0.5));
        assertThat(new Random(1, new SplittableRandom(1))).hasToString("Random(1.0)");
        assertThat(new Random(-0.0)).isEqualTo(new Random(0));
    }
}
