package io.fluxgate.spring.expression;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the scalar argument values of an expression. Each method returns {@code null} for text it cannot
 * read; the parser turns that into an error with the column. Range checks are the components' business.
 */
final class Values {

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final Pattern SIMPLE_DURATION =
            Pattern.compile("([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))\\s*([a-zµ]*)", Pattern.CASE_INSENSITIVE);
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);
    private static final Map<String, BigDecimal> NANOS_PER_UNIT = Map.of(
            "ns", BigDecimal.ONE,
            "us", BigDecimal.valueOf(1_000L),
            "µs", BigDecimal.valueOf(1_000L),
            "ms", BigDecimal.valueOf(1_000_000L),
            "s", NANOS_PER_SECOND,
            "", NANOS_PER_SECOND,
            "m", BigDecimal.valueOf(60_000_000_000L),
            "h", BigDecimal.valueOf(3_600_000_000_000L),
            "d", BigDecimal.valueOf(86_400_000_000_000L));

    private Values() {
    }

    /** A whole number that fits an {@code int}, such as {@code 20} or {@code -1}. */
    static @Nullable Integer integer(String text) {
        if (!INTEGER.matcher(text).matches()) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException tooLarge) {
            return null;
        }
    }

    /** A finite decimal number such as {@code 0.5}, {@code 2}, {@code .25} or {@code 1.0E-4}. */
    static @Nullable Double decimal(String text) {
        if (!DECIMAL.matcher(text).matches()) {
            return null;
        }
        double value = Double.parseDouble(text);
        return Double.isFinite(value) ? value : null;
    }

    /**
     * A duration: a number with an optional unit ({@code ns}, {@code us}, {@code ms}, {@code s}, {@code m},
     * {@code h}, {@code d}; none means seconds; decimals allowed, as in {@code 1.5s}) or ISO-8601
     * ({@code PT10S}). Fractions of a nanosecond are not a duration.
     */
    static @Nullable Duration duration(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.startsWith("P") || upper.startsWith("-P") || upper.startsWith("+P")) {
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException notIso) {
                return null;
            }
        }
        Matcher matcher = SIMPLE_DURATION.matcher(text);
        if (!matcher.matches()) {
            return null;
        }
        BigDecimal unit = NANOS_PER_UNIT.get(matcher.group(2).toLowerCase(Locale.ROOT));
        if (unit == null) {
            return null;
        }
        BigDecimal nanos = new BigDecimal(matcher.group(1)).multiply(unit);
        try {
            BigInteger exactNanos = nanos.toBigIntegerExact();
            BigInteger[] secondsAndNanos = exactNanos.divideAndRemainder(NANOS_PER_SECOND.toBigInteger());
            return Duration.ofSeconds(secondsAndNanos[0].longValueExact(), secondsAndNanos[1].longValue());
        } catch (ArithmeticException fractionalOrTooLarge) {
            return null;
        }
    }
}
