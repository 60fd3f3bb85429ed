package io.fluxgate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTests {

    @Nested
    class Format {

        @ParameterizedTest
        @CsvSource({
                "PT0S, 0s",
                "PT0.5S, 500ms",
                "PT1.5S, 1500ms",
                "PT10S, 10s",
                "PT90S, 90s",
                "PT60S, 1m",
                "PT2M, 2m",
                "PT300S, 5m",
                "PT61M, 61m",
                "PT1H, 1h",
                "PT48H, 48h",
                "PT0.001S, 1ms",
                "PT0.0000005S, PT0.0000005S",
                "PT1.0005S, PT1.0005S",
                "PT-1S, PT-1S"})
        void rendersTheLargestExactUnitAndIsoOtherwise(Duration duration, String expected) {
            assertThat(Durations.format(duration)).isEqualTo(expected);
        }

        @Test
        void rendersHugeMillisecondDurationsWithoutOverflow() {
            Duration huge = Duration.ofSeconds(Long.MAX_VALUE, 500_000_000);

            assertThat(Durations.format(huge)).isEqualTo(huge.toString());
        }
    }

    @Nested
    class FormatRatio {

        @ParameterizedTest
        @CsvSource({"0.5, 0.5", "1.0, 1.0", "2.0, 2.0", "0.1, 0.1", "0.00001, 0.00001", "0.62, 0.62",
                "1.25, 1.25", "0.0, 0.0"})
        void rendersPlainDecimalsWithAFraction(double value, String expected) {
            assertThat(Durations.formatRatio(value)).isEqualTo(expected);
        }

        @ParameterizedTest
        @CsvSource({"0.1", "0.3333333333333333", "1e-7", "0.30000000000000004", "123456.789"})
        void parsesBackToTheSameDouble(double value) {
            assertThat(Double.parseDouble(Durations.formatRatio(value))).isEqualTo(value);
        }
    }

    @Nested
    class FormatApproximate {

        @ParameterizedTest
        @CsvSource({"0.62, 0.62", "0.3333333, 0.333", "1.0, 1", "0.0, 0", "0.6666, 0.667"})
        void roundsNumbersToThreeDecimals(double value, String expected) {
            assertThat(Durations.formatApproximate(value)).isEqualTo(expected);
        }

        @ParameterizedTest
        @CsvSource({"PT2.4S, 2.4s", "PT1S, 1s", "PT125.25S, 125.25s", "PT1.0004S, 1s", "PT0.0125S, 12.5ms",
                "PT0.001S, 1ms", "PT0.000000850S, 850ns", "PT0.0009S, 900000ns", "PT0S, 0ns"})
        void picksAReadableUnitForDurations(Duration duration, String expected) {
            assertThat(Durations.formatApproximate(duration)).isEqualTo(expected);
        }
    }
}
