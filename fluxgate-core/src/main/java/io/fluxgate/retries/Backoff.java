package io.fluxgate.retries;

import io.fluxgate.internal.Durations;
import io.fluxgate.internal.ThreadLocalDraws;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Waits longer after each failed probe: {@code min(initial × multiplier^reopens, maxDuration) × (1 + u)}, with
 * {@code u} drawn uniformly from {@code [-jitterRatio, +jitterRatio]} for each wait. {@code reopens} counts the
 * HALF_OPEN → OPEN transitions since the breaker was last CLOSED, so the first wait is {@code initial}.
 *
 * <pre>{@code
 * new Backoff(Duration.ofSeconds(10))                                         // 10s, 20s, 40s, ... 300s
 * new Backoff(Duration.ofSeconds(10), 3.0, Duration.ofMinutes(10), 0.1)     // 10s, 30s, 90s, ... 10m, ±10%
 * }</pre>
 *
 * In expressions: {@code Backoff(10s)} or
 * {@code Backoff(initial=10s, multiplier=3.0, max_duration=10m, jitter_ratio=0.1)}.
 *
 * <p>Immutable and thread-safe. The jitter comes from the {@code ThreadLocalRandom} of the thread whose call
 * opens the breaker, looked up at each draw, so every JVM draws its own waits; tests pass a seeded generator
 * to {@link #Backoff(Duration, double, Duration, double, RandomGenerator)}. Two backoffs with the same
 * settings are equal, whatever their generators.
 */
public final class Backoff implements Retry {

    /** The multiplier when none is given. */
    public static final double DEFAULT_MULTIPLIER = 2.0;

    /** The cap when none is given: 300 seconds. */
    public static final Duration DEFAULT_MAX_DURATION = Duration.ofSeconds(300);

    /** The jitter ratio when none is given: none. */
    public static final double DEFAULT_JITTER_RATIO = 0.0;

    private final Duration initial;
    private final double multiplier;
    private final Duration maxDuration;
    private final double jitterRatio;
    private final RandomGenerator random;

    /**
     * A backoff whose jitter comes from {@code random}, for reproducible tests. The generator is used as
     * given, on the thread whose call opens the breaker, so a breaker used from several threads needs a
     * thread-safe one ({@code java.util.Random}; not {@code SplittableRandom}).
     *
     * @param initial     the first wait before jitter, {@code > 0}
     * @param multiplier  the growth per reopen, finite and {@code > 1}
     * @param maxDuration the cap before jitter, {@code >= initial}
     * @param jitterRatio the largest relative deviation, in {@code [0, 1)}; 0 for none
     * @param random      where the jitter comes from; not shown by {@code toString()} nor compared by
     *                    {@code equals}
     */
    public Backoff(Duration initial, double multiplier, Duration maxDuration, double jitterRatio,
            RandomGenerator random) {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(maxDuration, "maxDuration");
        Objects.requireNonNull(random, "random");
        Jitter.checkPositive("Backoff", "initial", initial);
        if (!(multiplier > 1) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("Backoff multiplier must be finite and > 1, got " + multiplier);
        }
        if (maxDuration.compareTo(initial) < 0) {
            throw new IllegalArgumentException("Backoff maxDuration must be >= initial (" + Durations.format(initial)
                    + "), got " + Durations.format(maxDuration));
        }
        Jitter.checkRatio("Backoff", jitterRatio);
        this.initial = initial;
        this.multiplier = multiplier;
        this.maxDuration = maxDuration;
        this.jitterRatio = jitterRatio + 0.0; // -0.0 becomes 0.0, so equal settings make equal backoffs
        this.random = random;
    }

    /**
     * A backoff with jitter drawn from the opening thread's {@code ThreadLocalRandom}.
     *
     * @param initial     the first wait before jitter, {@code > 0}
     * @param multiplier  the growth per reopen, finite and {@code > 1}
     * @param maxDuration the cap before jitter, {@code >= initial}
     * @param jitterRatio the largest relative deviation, in {@code [0, 1)}
     */
    public Backoff(Duration initial, double multiplier, Duration maxDuration, double jitterRatio) {
        this(initial, multiplier, maxDuration, jitterRatio, ThreadLocalDraws.INSTANCE);
    }

    /**
     * A backoff that doubles up to 300 seconds, without jitter.
     *
     * @param initial the first wait, {@code > 0} and {@code <= 300s}
     */
    public Backoff(Duration initial) {
        this(initial, DEFAULT_MULTIPLIER, DEFAULT_MAX_DURATION, DEFAULT_JITTER_RATIO);
    }

    /** {@return the first wait before jitter, {@code > 0}} */
    public Duration initial() {
        return initial;
    }

    /** {@return the growth per reopen, finite and {@code > 1}} */
    public double multiplier() {
        return multiplier;
    }

    /** {@return the cap before jitter, {@code >= initial()}} */
    public Duration maxDuration() {
        return maxDuration;
    }

    /** {@return the largest relative deviation from the capped wait, in {@code [0, 1)}; 0 for none} */
    public double jitterRatio() {
        return jitterRatio;
    }

    /**
     * Draws a jittered wait for the given number of reopens; the breaker asks once per OPEN stay.
     *
     * @param reopens HALF_OPEN → OPEN transitions since last CLOSED; negative counts as 0
     * @return {@code min(initial × multiplier^reopens, maxDuration) × (1 + u)} in nanoseconds
     */
    @Override
    public long waitNanos(int reopens) {
        long max = Jitter.toNanos(maxDuration);
        double grown = Jitter.toNanos(initial) * Math.pow(multiplier, Math.max(reopens, 0));
        long capped = grown >= max ? max : (long) grown;
        return Jitter.apply(capped, jitterRatio, random);
    }

    /**
     * Equal to a backoff with the same four settings; the generators are not compared.
     *
     * @param other any object
     * @return whether {@code other} is a backoff with the same settings
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Backoff that && initial.equals(that.initial)
                && Double.compare(multiplier, that.multiplier) == 0 && maxDuration.equals(that.maxDuration)
                && Double.compare(jitterRatio, that.jitterRatio) == 0;
    }

    /**
     * A hash of the settings, consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(initial, multiplier, maxDuration, jitterRatio);
    }

    /**
     * The expression form: only {@code initial} when the rest are defaults, else every argument named.
     *
     * @return e.g. {@code Backoff(10s)} or {@code Backoff(initial=10s, multiplier=2.0, max_duration=5m,
     *         jitter_ratio=0.1)}
     */
    @Override
    public String toString() {
        if (multiplier == DEFAULT_MULTIPLIER && maxDuration.equals(DEFAULT_MAX_DURATION)
                && jitterRatio == DEFAULT_JITTER_RATIO) {
            return "Backoff(" + Durations.format(initial) + ")";
        }
        return "Backoff(initial=" + Durations.format(initial) + ", multiplier=" + Durations.formatRatio(multiplier)
                + ", max_duration=" + Durations.format(maxDuration) + ", jitter_ratio="
                + Durations.formatRatio(jitterRatio) + ")";
    }
}
