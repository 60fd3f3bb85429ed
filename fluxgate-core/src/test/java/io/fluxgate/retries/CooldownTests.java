package io.fluxgate.retries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.LongSummaryStatistics;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CooldownTests {

    private static final long MINUTE = Duration.ofMinutes(1).toNanos();

    @Nested
    class Waiting {

        @Test
        void waitsTheDurationWithoutJitter() {
            Cooldown cooldown = new Cooldown(Duration.ofSeconds(60));

            assertThat(cooldown.waitNanos(0)).isEqualTo(MINUTE);
            assertThat(cooldown.waitNanos(7)).isEqualTo(MINUTE);
        }

        @Test
        void jitterSpansMinusToPlusTheRatio() {
            Duration duration = Duration.ofSeconds(60);

            assertThat(new Cooldown(duration, 0.1, FixedRandom.LOWEST).waitNanos(0))
                    .isCloseTo(54_000_000_000L, within(1_000L));
            assertThat(new Cooldown(duration, 0.1, new FixedRandom(0.5)).waitNanos(0))
                    .isCloseTo(MINUTE, within(1_000L));
            assertThat(new Cooldown(duration, 0.1, FixedRandom.HIGHEST).waitNanos(0))
                    .isCloseTo(66_000_000_000L, within(1_000L));
        }

        @Test
        void drawsFreshJitterForEachWait() {
            Cooldown cooldown = new Cooldown(Duration.ofSeconds(60), 0.1, new SplittableRandom(42));

            LongSummaryStatistics waits = IntStream.range(0, 1_000).mapToLong(i -> cooldown.waitNanos(0))
                    .summaryStatistics();

            assertThat(waits.getMin()).isBetween(54_000_000_000L, 55_000_000_000L);
            assertThat(waits.getMax()).isBetween(65_000_000_000L, 66_000_000_000L);
        }

        @Test
        void saturatesBelowNeverForHugeDurations() {
            Cooldown cooldown = new Cooldown(Duration.ofDays(365L * 1_000), 0.5, FixedRandom.HIGHEST);

            assertThat(cooldown.waitNanos(0)).isEqualTo(Retry.NEVER - 1);
        }
    }

    @Nested
    class Generators {

        @Test
        void theSameSeedDrawsTheSameWaits() {
            Cooldown first = new Cooldown(Duration.ofSeconds(60), 0.1, new SplittableRandom(42));
            Cooldown second = new Cooldown(Duration.ofSeconds(60), 0.1, new SplittableRandom(42));

            long[] waits = IntStream.range(0, 100).mapToLong(i -> first.waitNanos(0)).toArray();

            assertThat(IntStream.range(0, 100).mapToLong(i -> second.waitNanos(0)).toArray()).isEqualTo(waits);
            assertThat(LongStream.of(waits).distinct().count()).isEqualTo(100);
        }

        @Test
        void drawsFreshJitterWithoutAGeneratorOfItsOwn() {
            Cooldown cooldown = new Cooldown(Duration.ofSeconds(60), 0.1);

            long[] waits = IntStream.range(0, 100).mapToLong(i -> cooldown.waitNanos(0)).toArray();

            assertThat(LongStream.of(waits).allMatch(wait -> wait >= 54_000_000_000L && wait <= 66_000_000_000L))
                    .isTrue();
            assertThat(LongStream.of(waits).distinct().count()).isEqualTo(100);
        }

        @Test
        void equalityIgnoresTheGenerator() {
            Cooldown seeded = new Cooldown(Duration.ofSeconds(30), 0.1, new SplittableRandom(1));

            assertThat(seeded).isEqualTo(new Cooldown(Duration.ofSeconds(30), 0.1))
                    .hasSameHashCodeAs(new Cooldown(Duration.ofSeconds(30), 0.1))
                    .isEqualTo(new Cooldown(Duration.ofSeconds(30), 0.1, FixedRandom.LOWEST))
                    .isNotEqualTo(new Cooldown(Duration.ofSeconds(30), 0.2))
                    .isNotEqualTo(new Cooldown(Duration.ofSeconds(31), 0.1))
                    .isNotEqualTo(null);
        }
    }

    @Nested
    class Validation {

        @ParameterizedTest
        @ValueSource(longs = {0, -1})
        void rejectsNonPositiveDurations(long seconds) {
            assertThatIllegalArgumentException().isThrownBy(() -> new Cooldown(Duration.ofSeconds(seconds)))
                    .withMessageContaining("Cooldown duration must be > 0, got");
        }

        @ParameterizedTest
        @ValueSource(doubles = {-0.1, 1, 1.5, Double.NaN})
        void rejectsJitterOutsideZeroToOne(double jitter) {
            assertThatIllegalArgumentException().isThrownBy(() -> new Cooldown(Duration.ofSeconds(1), jitter))
                    .withMessageContaining("Cooldown jitterRatio must be in [0, 1), got " + jitter);
        }

        @Test
        void rejectsNulls() {
            assertThatNullPointerException().isThrownBy(() -> new Cooldown(null)).withMessage("duration");
            assertThatNullPointerException().isThrownBy(() -> new Cooldown(Duration.ofSeconds(1), 0, null))
                    .withMessage("random");
        }
    }

    @Nested
    class Rendering {

        @Test
        void rendersOnlyTheDurationWithoutJitter() {
            assertThat(new Cooldown(Duration.ofSeconds(60))).hasToString("Cooldown(1m)");
            assertThat(new Cooldown(Duration.ofMillis(1500))).hasToString("Cooldown(1500ms)");
        }

        @Test
        void namesEveryArgumentWithJitterAndNeverShowsTheGenerator() {
            assertThat(new Cooldown(Duration.ofSeconds(30), 0.1, new SplittableRandom(1)))
                    .hasToString("Cooldown(duration=30s, jitter_ratio=0.1)");
        }

        @Test
        void equalsWhenBuiltWithTheDefaultSettings() {
            assertThat(new Cooldown(Duration.ofSeconds(60)))
                    .isEqualTo(new Cooldown(Duration.ofMinutes(1), 0))
                    .isEqualTo(new Cooldown(Duration.ofMinutes(1), -0.0));
        }
    }
}
