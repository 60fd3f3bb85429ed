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

    @Test
    void theSameSeedDrawsTheSameAdmissions() {
        Random first = new Random(0.5, new SplittableRandom(42));
        Random second = new Random(0.5, new SplittableRandom(42));

        String admissions = admissions(first);

        assertThat(admissions(second)).isEqualTo(admissions).contains("0").contains("1");
    }

    @Test
    void drawsPerCallWithoutAGeneratorOfItsOwn() {
        Random random = new Random(0.5);

        assertThat(admissions(random)).contains("0").contains("1").isNotEqualTo(admissions(random));
    }

    private static String admissions(Random random) {
        StringBuilder admitted = new StringBuilder();
        IntStream.range(0, 128).forEach(i -> admitted.append(random.admit(i) ? '1' : '0'));
        return admitted.toString();
    }

    @Test
    void equalityIgnoresTheGenerator() {
        assertThat(new Random(0.5, new SplittableRandom(1))).isEqualTo(new Random(0.5))
                .hasSameHashCodeAs(new Random(0.5))
                .isEqualTo(new Random(0.5, new FixedRandom(0)))
                .isNotEqualTo(new Random(0.6))
                .isNotEqualTo(null);
        assertThat(new Random(0.5).ratio()).isEqualTo(0.5);
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
