package io.fluxgate.permits;

import io.fluxgate.internal.Durations;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Admits each HALF_OPEN call with probability {@code ratio}, drawn per call. {@code Random(0)} admits none
 * (the breaker stays HALF_OPEN until manual control), {@code Random(1)} admits all. Example:
 * {@code new Random(0.5)}, in expressions {@code Random(0.5)}.
 *
 * @param ratio  the probability of admitting a call, in {@code [0, 1]}
 * @param random where the draws come from; not shown by {@code toString()}
 */
public record Random(double ratio, RandomGenerator random) implements Permit {

    /** Checks that {@code ratio} is in {@code [0, 1]}. */
    public Random {
        Objects.requireNonNull(random, "random");
        if (!(ratio >= 0 && ratio <= 1)) {
            throw new IllegalArgumentException("Random ratio must be in [0, 1], got " + ratio);
        }
        ratio += 0.0; // -0.0 becomes 0.0, so equal settings make equal records
    }

    /**
     * Admits with probability {@code ratio}, drawing from {@link ThreadLocalRandom}.
     *
     * @param ratio the probability of admitting a call, in {@code [0, 1]}
     */
    public Random(double ratio) {
        this(ratio, ThreadLocalRandom.current());
    }

    @Override
    public boolean admit(long elapsedNanos) {
        return random.nextDouble() < ratio;
    }

    /**
     * Ignores the time spent HALF_OPEN.
     *
     * @return {@code false}
     */
    @Override
    public boolean usesTime() {
        return false;
    }

    /**
     * The expression form.
     *
     * @return e.g. {@code Random(0.5)}
     */
    @Override
    public String toString() {
        return "Random(" + Durations.formatRatio(ratio) + ")";
    }
}
