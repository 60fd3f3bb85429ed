package io.fluxgate.permits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RampUpTests {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final long MINUTE_NANOS = MINUTE.toNanos();

    @Nested
    class Probability {

        private final RampUp ramp = new RampUp(0.1, 0.5, MINUTE);

        @Test
        void startsAtInitial() {
            assertThat(ramp.probability(0)).isEqualTo(0.1);
            assertThat(ramp.probability(-5)).isEqualTo(0.1);
        }

        @Test
        void growsLinearly() {
            assertThat(ramp.probability(MINUTE_NANOS / 2)).isCloseTo(0.3, within(1e-12));
            assertThat(ramp.probability(MINUTE_NANOS / 4)).isCloseTo(0.2, within(1e-12));
        }

        @Test
        void reachesFinalAtDurationAndStaysThere() {
            assertThat(ramp.probability(MINUTE_NANOS)).isEqualTo(0.5);
            assertThat(ramp.probability(Long.MAX_VALUE)).isEqualTo(0.5);
        }

        @Test
        void staysFlatWhenInitialEqualsFinal() {
            assertThat(new RampUp(0.4, 0.4, MINUTE).probability(MINUTE_NANOS / 3)).isEqualTo(0.4);
        }
    }

    @Nested
    class Admitting {

        @Test
        void admitsWhenTheDrawIsBelowTheCurrentProbability() {
            assertThat(new RampUp(0.1, 0.5, MINUTE, new FixedRandom(0.09)).admit(0)).isTrue();
            assertThat(new RampUp(0.1, 0.5, MINUTE, new FixedRandom(0.1)).admit(0)).isFalse();
            assertThat(new RampUp(0.1, 0.5, MINUTE, new FixedRandom(0.29)).admit(MINUTE_NANOS / 2)).isTrue();
            assertThat(new RampUp(0.1, 0.5, MINUTE, new FixedRandom(0.31)).admit(MINUTE_NANOS / 2)).isFalse();
            assertThat(new RampUp(0.1, 0.5, MINUTE, new FixedRandom(0.49)).admit(MINUTE_NANOS)).isTrue();
            assertThat(new RampUp(0.1, 0.5, MINUTE, new FixedRandom(0.5)).admit(2 * MINUTE_NANOS)).isFalse();
        }

        @Test
        void finalOneAdmitsEveryCallOnceRampedUp() {
            RampUp ramp = new RampUp(0.1, 1.0, MINUTE, new SplittableRandom(42));

            assertThat(IntStream.range(0, 1_000).allMatch(i -> ramp.admit(MINUTE_NANOS))).isTrue();
        }
    }

    @Nested
    class Generators {

        @Test
        void theSameSeedDrawsTheSameAdmissions() {
            RampUp first = new RampUp(0.1, 0.9, MINUTE, new SplittableRandom(42));
            RampUp second = new RampUp(0.1, 0.9, MINUTE, new SplittableRandom(42));

            String admissions = admissions(first);

            assertThat(admissions(second)).isEqualTo(admissions).contains("0").contains("1");
        }

        @Test
        void drawsPerCallWithoutAGeneratorOfItsOwn() {
            RampUp ramp = new RampUp(0.5, 0.5, MINUTE);

            assertThat(admissions(ramp)).contains("0").contains("1").isNotEqualTo(admissions(ramp));
        }

        private String admissions(RampUp ramp) {
            StringBuilder admitted = new StringBuilder();
            IntStream.range(0, 128).forEach(i -> admitted.append(ramp.admit(i * MINUTE_NANOS / 128) ? '1' : '0'));
            return admitted.toString();
        }

        @Test
        void equalityIgnoresTheGenerator() {
            RampUp seeded = new RampUp(0.1, 0.5, MINUTE, new SplittableRandom(1));

            assertThat(seeded).isEqualTo(new RampUp(0.1, 0.5, MINUTE))
                    .hasSameHashCodeAs(new RampUp(0.1, 0.5, MINUTE))
                    .isEqualTo(new RampUp(0.1, 0.5, MINUTE, new FixedRandom(0)))
                    .isNotEqualTo(new RampUp(0.2, 0.5, MINUTE))
                    .isNotEqualTo(new RampUp(0.1, 0.6, MINUTE))
                    .isNotEqualTo(new RampUp(0.1, 0.5, Duration.ofSeconds(61)))
                    .isNotEqualTo(null);
            assertThat(seeded.initial()).isEqualTo(0.1);
            assertThat(seeded.finalRatio()).isEqualTo(0.5);
            assertThat(seeded.duration()).isEqualTo(MINUTE);
        }
    }

    @Nested
    class Validation {

        @ParameterizedTest
        @ValueSource(doubles = {0, -0.5, 1.5, Double.NaN})
        void rejectsInitialOutsideZeroToOne(double initial) {
            assertThatIllegalArgumentException().isThrownBy(() -> new RampUp(initial, 1, MINUTE))
                    .withMessageContaining("RampUp initial must be in (0, 1], got " + initial);
        }

        @ParameterizedTest
        @ValueSource(doubles = {0.2, 1.01, Double.NaN})
        void rejectsFinalBelowInitialOrAboveOne(double finalRatio) {
            assertThatIllegalArgumentException().isThrownBy(() -> new RampUp(0.3, finalRatio, MINUTE))
                    .withMessageContaining("RampUp finalRatio must be in [initial (0.3), 1], got " + finalRatio);
        }

        @Test
        void rejectsNonPositiveDurations() {
            assertThatIllegalArgumentException().isThrownBy(() -> new RampUp(0.1, 1, Duration.ZERO))
                    .withMessageContaining("RampUp duration must be > 0, got 0s");
        }

        @Test
        void rejectsNulls() {
            assertThatNullPointerException().isThrownBy(() -> new RampUp(0.1, 1, null)).withMessage("duration");
            assertThatNullPointerException().isThrownBy(() -> new RampUp(0.1, 1, MINUTE, null))
                    .withMessage("random");
        }
    }

    @Test
    void rendersItsExpressionFormPositionally() {
        assertThat(new RampUp(0.1, 0.5, MINUTE)).hasToString("RampUp(0.1, 0.5, 1m)");
        assertThat(new RampUp(0.1, 1, Duration.ofSeconds(90), new SplittableRandom(1)))
                .hasToString("RampUp(0.1, 1.0, 90s)");
        assertThat(new RampUp(0.1, 1.0, Duration.ofSeconds(60))).isEqualTo(new RampUp(0.1, 1, MINUTE));
    }
}
