package io.fluxgate.retries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BackoffTests {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    private static long seconds(long seconds) {
        return Duration.ofSeconds(seconds).toNanos();
    }

    @Nested
    class Waiting {

        @ParameterizedTest
        @CsvSource({"0, 10", "1, 20", "2, 40", "3, 80", "4, 160", "5, 300", "6, 300", "-1, 10"})
        void doublesPerReopenUpToTheDefaultCap(int reopens, long expectedSeconds) {
            assertThat(new Backoff(TEN_SECONDS).waitNanos(reopens)).isEqualTo(seconds(expectedSeconds));
        }

        @Test
        void usesTheGivenMultiplierAndCap() {
            Backoff backoff = new Backoff(TEN_SECONDS, 3, Duration.ofMinutes(10), 0);

            assertThat(backoff.waitNanos(2)).isEqualTo(seconds(90));
            assertThat(backoff.waitNanos(4)).isEqualTo(seconds(600));
        }

        @Test
        void capsHugeReopensWithoutOverflow() {
            assertThat(new Backoff(TEN_SECONDS).waitNanos(Integer.MAX_VALUE)).isEqualTo(seconds(300));
            assertThat(new Backoff(TEN_SECONDS, 1.0001, Duration.ofDays(1), 0).waitNanos(Integer.MAX_VALUE))
                    .isEqualTo(Duration.ofDays(1).toNanos());
            assertThat(new Backoff(TEN_SECONDS, 2, Duration.ofDays(365L * 1_000), 0.5).waitNanos(Integer.MAX_VALUE))
                    .isPositive().isLessThan(Retry.NEVER);
        }

        @Test
        void jittersTheCappedWait() {
            Backoff low = new Backoff(TEN_SECONDS, 2, Duration.ofSeconds(300), 0.2, FixedRandom.LOWEST);
            Backoff high = new Backoff(TEN_SECONDS, 2, Duration.ofSeconds(300), 0.2, FixedRandom.HIGHEST);

            assertThat(low.waitNanos(1)).isCloseTo(seconds(16), within(1_000L));
            assertThat(high.waitNanos(1)).isCloseTo(seconds(24), within(1_000L));
            assertThat(high.waitNanos(10)).isCloseTo(seconds(360), within(1_000L));
        }

        @Test
        void staysWithinJitterBoundsWithASeededGenerator() {
            Backoff backoff = new Backoff(TEN_SECONDS, 2, Duration.ofSeconds(300), 0.1, new SplittableRandom(7));

            for (int i = 0; i < 1_000; i++) {
                assertThat(backoff.waitNanos(2)).isBetween(seconds(36), seconds(44));
            }
        }
    }

    @Nested
    class Generators {

        @Test
        void theSameSeedDrawsTheSameWaits() {
            Backoff first = new Backoff(TEN_SECONDS, 2, Duration.ofSeconds(300), 0.1, new SplittableRandom(42));
            Backoff second = new Backoff(TEN_SECONDS, 2, Duration.ofSeconds(300), 0.1, new SplittableRandom(42));

            long[] waits = IntStream.range(0, 100).mapToLong(i -> first.waitNanos(i % 6)).toArray();

            assertThat(IntStream.range(0, 100).mapToLong(i -> second.waitNanos(i % 6)).toArray()).isEqualTo(waits);
            assertThat(LongStream.of(waits).distinct().count()).isEqualTo(100);
        }

        @Test
        void drawsFreshJitterWithoutAGeneratorOfItsOwn() {
            Backoff backoff = new Backoff(TEN_SECONDS, 2, Duration.ofSeconds(300), 0.1);

            long[] waits = IntStream.range(0, 100).mapToLong(i -> backoff.waitNanos(2)).toArray();

            assertThat(LongStream.of(waits).allMatch(wait -> wait >= seconds(36) && wait <= seconds(44))).isTrue();
            assertThat(LongStream.of(waits).distinct().count()).isEqualTo(100);
        }

        @Test
        void equalityIgnoresTheGenerator() {
            Backoff seeded = new Backoff(TEN_SECONDS, 2, Duration.ofSeconds(300), 0.1, new SplittableRandom(1));

            assertThat(seeded).isEqualTo(new Backoff(TEN_SECONDS, 2, Duration.ofSeconds(300), 0.1))
                    .hasSameHashCodeAs(new Backoff(TEN_SECONDS, 2, Duration.ofSeconds(300), 0.1))
                    .isEqualTo(new Backoff(TEN_SECONDS, 2, Duration.ofSeconds(300), 0.1, FixedRandom.LOWEST))
                    .isNotEqualTo(new Backoff(Duration.ofSeconds(11), 2, Duration.ofSeconds(300), 0.1))
                    .isNotEqualTo(new Backoff(TEN_SECONDS, 3, Duration.ofSeconds(300), 0.1))
                    .isNotEqualTo(new Backoff(TEN_SECONDS, 2, Duration.ofSeconds(301), 0.1))
                    .isNotEqualTo(new Backoff(TEN_SECONDS, 2, Duration.ofSeconds(300), 0.2))
                    .isNotEqualTo(null);
            assertThat(new Backoff(TEN_SECONDS, 2, Duration.ofSeconds(300), -0.0))
                    .isEqualTo(new Backoff(TEN_SECONDS));
        }
    }

    @Nested
    class Validation {

        @Test
        void rejectsNonPositiveInitial() {
            assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(Duration.ZERO))
                    .withMessageContaining("Backoff initial must be > 0, got 0s");
        }

        @ParameterizedTest
        @ValueSource(doubles = {1, 0.5, -2, Double.NaN, Double.POSITIVE_INFINITY})
        void rejectsMultipliersNotAboveOne(double multiplier) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new Backoff(TEN_SECONDS, multiplier, Duration.ofSeconds(300), 0))
                    .withMessageContaining("Backoff multiplier must be finite and > 1, got " + multiplier);
        }

        @Test
        void rejectsACapBelowInitial() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new Backoff(TEN_SECONDS, 2, Duration.ofSeconds(5), 0))
                    .withMessageContaining("Backoff maxDuration must be >= initial (10s), got 5s");
            assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(Duration.ofMinutes(10)))
                    .withMessageContaining("Backoff maxDuration must be >= initial (10m), got 5m");
        }

        @ParameterizedTest
        @ValueSource(doubles = {-0.01, 1, Double.NaN})
        void rejectsJitterOutsideZeroToOne(double jitter) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new Backoff(TEN_SECONDS, 2, Duration.ofSeconds(300), jitter))
                    .withMessageContaining("Backoff jitterRatio must be in [0, 1), got " + jitter);
        }

        @Test
        void rejectsNulls() {
            assertThatNullPointerException().isThrownBy(() -> new Backoff(null)).withMessage("initial");
            assertThatNullPointerException().isThrownBy(() -> new Backoff(TEN_SECONDS, 2, null, 0))
                    .withMessage("maxDuration");
            assertThatNullPointerException()
                    .isThrownBy(() -> new Backoff(TEN_SECONDS, 2, Duration.ofSeconds(300), 0, null))
                    .withMessage("random");
        }
    }

    @Nested
    class Rendering {

        @Test
        void rendersOnlyInitialWhenTheRestAreDefaults() {
            assertThat(new Backoff(TEN_SECONDS)).hasToString("Backoff(10s)");
            assertThat(new Backoff(TEN_SECONDS, 2.0, Duration.ofMinutes(5), 0)).hasToString("Backoff(10s)");
        }

        @Test
        void namesEveryArgumentOtherwise() {
            assertThat(new Backoff(TEN_SECONDS, 2, Duration.ofSeconds(300), 0.1, new SplittableRandom(3)))
                    .hasToString("Backoff(initial=10s, multiplier=2.0, max_duration=5m, jitter_ratio=0.1)");
            assertThat(new Backoff(Duration.ofMillis(500), 1.5, Duration.ofSeconds(90), 0))
                    .hasToString("Backoff(initial=500ms, multiplier=1.5, max_duration=90s, jitter_ratio=0.0)");
        }

        @Test
        void equalsWhenBuiltWithTheDefaults() {
            assertThat(new Backoff(TEN_SECONDS))
                    .isEqualTo(new Backoff(TEN_SECONDS, Backoff.DEFAULT_MULTIPLIER, Backoff.DEFAULT_MAX_DURATION,
                            Backoff.DEFAULT_JITTER_RATIO));
        }
    }
}
