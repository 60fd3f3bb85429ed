package io.fluxgate.expression;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The argument values of one component: how the {@link Binder} reads a scalar from its text, and the read values
 * by canonical parameter name, as the component's factory takes them; a variadic parameter holds a {@link List}.
 * Each reader returns {@code null} for text it cannot read; the binder turns that into an error with the column.
 * Range checks are the components' business.
 */
final class Arguments {

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

    private final Map<String, Object> values;

    Arguments(Map<String, Object> values) {
        this.values = values;
    }

    @SuppressWarnings("unchecked")
    <V> V get(String name) {
        Object value = values.get(name);
        if (value == null) {
            throw new IllegalStateException("no argument '" + name + "'; the parser checks required ones");
        }
        return (V) value;
    }

    /** The value of an optional parameter, or {@code null} when it was not given. */
    @SuppressWarnings("unchecked")
    <V> V find(String name) {
        return (V) values.get(name);
    }

    <V> List<V> list(String name) {
        List<V> list = find(name);
        return list == null ? List.of() : list;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** A whole number that fits an {@code int}, such as {@code 20} or {@code -1}; {@code null} otherwise. */
    static Integer integer(String text) {
        if (!INTEGER.matcher(text).matches()) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException tooLarge) {
            return null;
        }
    }

    /** A finite number such as {@code 0.5}, {@code 2}, {@code .25} or {@code 1.0E-4}; {@code null} otherwise. */
    static Double decimal(String text) {
        if (!DECIMAL.matcher(text).matches()) {
            return null;
        }
        double value = Double.parseDouble(text);
        return Double.isFinite(value) ? value : null;
    }

    /**
     * A duration: a number with an optional unit ({@code ns}, {@code us}, {@code ms}, {@code s}, {@code m},
     * {@code h}, {@code d}; none means seconds; decimals allowed, as in {@code 1.5s}) or ISO-8601
     * ({@code PT10S}); {@code null} otherwise. Fractions of a nanosecond are not a duration.
     */
    static Duration duration(String text) {
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
