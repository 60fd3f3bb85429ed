package io.fluxgate.permits;

import io.fluxgate.internal.Durations;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Admits HALF_OPEN calls with a probability that grows linearly from {@code initial}, on entering HALF_OPEN,
 * to {@code finalRatio} once {@code duration} has passed, and stays there; a recovering service gets traffic
 * back gradually. The default permit is {@code new RampUp(0.1, 1.0, Duration.ofSeconds(60))}; in expressions
 * {@code RampUp(0.1, 1.0, 1m)} or {@code RampUp(initial=0.1, final=1.0, duration=60s)}.
 *
 * @param initial    the probability on entering HALF_OPEN, in {@code (0, finalRatio]}
 * @param finalRatio the probability from {@code duration} on, in {@code [initial, 1]}
 * @param duration   how long the ramp takes, {@code > 0}
 * @param random     where the draws come from; not shown by {@code toString()}
 */
public record RampUp(double initial, double finalRatio, Duration duration, RandomGenerator random)
        implements Permit {

    /** Checks that {@code 0 < initial <= finalRatio <= 1} and {@code duration > 0}. */
    public RampUp {
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
    }

    /**
     * A ramp drawing from {@link ThreadLocalRandom}.
     *
     * @param initial    the probability on entering HALF_OPEN, in {@code (0, finalRatio]}
     * @param finalRatio the probability from {@code duration} on, in {@code [initial, 1]}
     * @param duration   how long the ramp takes, {@code > 0}
     */
    public RampUp(double initial, double finalRatio, Duration duration) {
        this(initial, finalRatio, duration, ThreadLocalRandom.current());
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
