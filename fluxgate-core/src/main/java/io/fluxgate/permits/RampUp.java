package io.fluxgate.permits;

import io.fluxgate.internal.Durations;
import io.fluxgate.internal.ThreadLocalDraws;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Admits HALF_OPEN calls with a probability that grows linearly from {@code initial}, on entering HALF_OPEN,
 * to {@code finalRatio} once {@code duration} has passed, and stays there; a recovering service gets traffic
 * back gradually. The default permit is {@code new RampUp(0.1, 1.0, Duration.ofSeconds(60))}; in expressions
 * {@code RampUp(0.1, 1.0, 1m)} or {@code RampUp(initial=0.1, final=1.0, duration=60s)}.
 *
 * <p>Immutable and thread-safe. Each draw comes from the calling thread's {@code ThreadLocalRandom}, looked up
 * at the draw, so every JVM draws its own; tests pass a seeded generator to
 * {@link #RampUp(double, double, Duration, RandomGenerator)}. Two ramps with the same settings are equal,
 * whatever their generators.
 */
public final class RampUp implements Permit {

    private final double initial;
    private final double finalRatio;
    private final Duration duration;
    private final RandomGenerator random;

    /**
     * A ramp whose draws come from {@code random}, for reproducible tests. The generator is used as given, on
     * the call path of every HALF_OPEN call, concurrently when calls are: a breaker used from several threads
     * needs a thread-safe one ({@code java.util.Random}; not {@code SplittableRandom}).
     *
     * @param initial    the probability on entering HALF_OPEN, in {@code (0, finalRatio]}
     * @param finalRatio the probability from {@code duration} on, in {@code [initial, 1]}
     * @param duration   how long the ramp takes, {@code > 0}
     * @param random     where the draws come from; not shown by {@code toString()} nor compared by
     *                   {@code equals}
     */
    public RampUp(double initial, double finalRatio, Duration duration, RandomGenerator random) {
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(random, "random");
        if (!(initial > 0 && initial <= 1)) {
            throw new IllegalArgumentException("RampUp initial must be in (0, 1], got " + initial);
        }
        if (!(finalRatio >= initial && finalRatio <= 1)) {
            throw new IllegalArgumentException("RampUp finalRatio must be in [initial (" + initial + "), 1], got "
                    + finalRatio);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("RampUp duration must be > 0, got " + Durations.format(duration));
        }
        this.initial = initial;
        this.finalRatio = finalRatio;
        this.duration = duration;
        this.random = random;
    }

    /**
     * A ramp drawing from the calling thread's {@code ThreadLocalRandom}.
     *
     * @param initial    the probability on entering HALF_OPEN, in {@code (0, finalRatio]}
     * @param finalRatio the probability from {@code duration} on, in {@code [initial, 1]}
     * @param duration   how long the ramp takes, {@code > 0}
     */
    public RampUp(double initial, double finalRatio, Duration duration) {
        this(initial, finalRatio, duration, ThreadLocalDraws.INSTANCE);
    }

    /** {@return the probability on entering HALF_OPEN, in {@code (0, finalRatio()]}} */
    public double initial() {
        return initial;
    }

    /** {@return the probability from {@link #duration()} on, in {@code [initial(), 1]}} */
    public double finalRatio() {
        return finalRatio;
    }

    /** {@return how long the ramp takes, {@code > 0}} */
    public Duration duration() {
        return duration;
    }

    /**
     * The probability of admitting a call at a point of the ramp.
     *
     * @param elapsedNanos time since entering HALF_OPEN; negative counts as 0
     * @return {@code initial + (finalRatio - initial) × min(elapsed / duration, 1)}
     */
    public double probability(long elapsedNanos) {
        long durationNanos = duration.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0
                ? Long.MAX_VALUE
                : duration.toNanos();
        if (elapsedNanos >= durationNanos) {
            return finalRatio;
        }
        return initial + (finalRatio - initial) * ((double) Math.max(elapsedNanos, 0) / durationNanos);
    }

    @Override
    public boolean admit(long elapsedNanos) {
        return random.nextDouble() < probability(elapsedNanos);
    }

    /**
     * Equal to a ramp with the same three settings; the generators are not compared.
     *
     * @param other any object
     * @return whether {@code other} is a ramp with the same settings
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof RampUp that && Double.compare(initial, that.initial) == 0
                && Double.compare(finalRatio, that.finalRatio) == 0 && duration.equals(that.duration);
    }

    /**
     * A hash of the settings, consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(initial, finalRatio, duration);
    }

    /**
     * The expression form, positional.
     *
     * @return e.g. {@code RampUp(0.1, 0.5, 1m)}
     */
    @Override
    public String toString() {
        return "RampUp(" + Durations.formatRatio(initial) + ", " + Durations.formatRatio(finalRatio) + ", "
                + Durations.format(duration) + ")";
    }
}
