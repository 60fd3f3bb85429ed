package io.fluxgate.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * The one place that turns durations and ratios into text, so every component's {@code toString()} and
 * {@code explain(...)} speak the same expression language (SPEC §8.2). Not API.
 */
public final class Durations {

    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int APPROXIMATE_DIGITS = 3;
    private static final Duration MAX_NANOS = Duration.ofNanos(Long.MAX_VALUE);

    private Durations() {
    }

    /**
     * A duration in nanoseconds, saturated: {@code Long.MAX_VALUE} (never reached) for {@code null} and for durations
     * of {@code Long.MAX_VALUE} nanoseconds (about 292 years) or more, instead of overflowing.
     *
     * @param duration a duration {@code >= 0}, or {@code null} for "unbounded"
     * @return its nanoseconds, at most {@code Long.MAX_VALUE}
     */
    public static long toNanosSaturated(Duration duration) {
        if (duration == null || duration.compareTo(MAX_NANOS) >= 0) {
            return Long.MAX_VALUE;
        }
        return duration.toNanos();
    }

    /**
     * Renders a duration exactly, in the largest whole unit among {@code h}, {@code m}, {@code s} and
     * {@code ms}: {@code 2h}, {@code 2m}, {@code 90s}, {@code 1500ms}, {@code 0s}. Durations that are not a
     * whole number of milliseconds, and negative ones, render in ISO-8601 ({@code PT0.0000005S}). The result
     * parses back to an equal {@code Duration}.
     *
     * @param duration any duration
     * @return its shortest exact text
     */
    public static String format(Duration duration) {
        long seconds = duration.getSeconds();
        int nanos = duration.getNano();
        if (duration.isNegative() || nanos % NANOS_PER_MILLI != 0) {
            return duration.toString();
        }
        if (nanos != 0) {
            return seconds > Long.MAX_VALUE / 1000 - 1000
                    ? duration.toString()
                    : seconds * 1000 + nanos / NANOS_PER_MILLI + "ms";
        }
        if (seconds == 0) {
            return "0s";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    /**
     * Renders a configured ratio or factor so that it parses back to the same {@code double}: plain decimal
     * notation, never an exponent, and always with a fraction ({@code 0.5}, {@code 1.0}, {@code 2.0},
     * {@code 0.00001}).
     *
     * @param value a finite number
     * @return its shortest exact decimal text
     */
    public static String formatRatio(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        String text = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        return text.indexOf('.') < 0 ? text + ".0" : text;
    }

    /**
     * Renders an observed value for people, rounded to at most three decimals: {@code 0.62}, {@code 0.333},
     * {@code 1}. Used for what a tripper saw, never for configuration.
     *
     * @param value a finite number
     * @return the rounded text
     */
    public static String formatApproximate(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return round(BigDecimal.valueOf(value));
    }

    /**
     * Renders an observed duration for people: seconds from one second up ({@code 2.4s}), milliseconds from
     * one millisecond up ({@code 12.5ms}), nanoseconds below ({@code 850ns}); at most three decimals.
     *
     * @param duration a duration {@code >= 0}
     * @return the rounded text
     */
    public static String formatApproximate(Duration duration) {
        BigDecimal nanos = BigDecimal.valueOf(duration.getSeconds()).movePointRight(9)
                .add(BigDecimal.valueOf(duration.getNano()));
        if (duration.getSeconds() >= 1) {
            return round(nanos.movePointLeft(9)) + "s";
        }
        if (duration.getNano() >= NANOS_PER_MILLI) {
            return round(nanos.movePointLeft(6)) + "ms";
        }
        return nanos.toPlainString() + "ns";
    }

    private static String round(BigDecimal value) {
        BigDecimal rounded = value.setScale(APPROXIMATE_DIGITS, RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.signum() == 0 ? "0" : rounded.toPlainString();
    }
}
