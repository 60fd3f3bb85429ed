package io.fluxgate.permits;

import io.fluxgate.internal.Durations;
import io.fluxgate.internal.ThreadLocalDraws;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Admits each HALF_OPEN call with probability {@code ratio}, drawn per call. {@code Random(0)} admits none
 * (the breaker stays HALF_OPEN until manual control), {@code Random(1)} admits all. Example:
 * {@code new Random(0.5)}, in expressions {@code Random(0.5)}.
 *
 * <p>Immutable and thread-safe. Each draw comes from the calling thread's {@code ThreadLocalRandom}, looked up
 * at the draw, so every JVM draws its own; tests pass a seeded generator to
 * {@link #Random(double, RandomGenerator)}. Two permits with the same ratio are equal, whatever their
 * generators.
 */
public final class Random implements Permit {

    private final double ratio;
    private final RandomGenerator random;

    /**
     * A permit whose draws come from {@code random}, for reproducible tests:
     * {@code new Random(0.5, new java.util.Random(42))}. The generator is used as given, on the call path of
     * every HALF_OPEN call, concurrently when calls are: a breaker used from several threads needs a
     * thread-safe one ({@code java.util.Random}; not {@code SplittableRandom}).
     *
     * @param ratio  the probability of admitting a call, in {@code [0, 1]}
     * @param random where the draws come from; not shown by {@code toString()} nor compared by {@code equals}
     */
    public Random(double ratio, RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        if (!(ratio >= 0 && ratio <= 1)) {
            throw new IllegalArgumentException("Random ratio must be in [0, 1], got " + ratio);
        }
        this.ratio = ratio + 0.0; // -0.0 becomes 0.0, so equal settings make equal permits
        this.random = random;
    }

    /**
     * Admits with probability {@code ratio}, drawing from the calling thread's {@code ThreadLocalRandom}.
     *
     * @param ratio the probability of admitting a call, in {@code [0, 1]}
     */
    public Random(double ratio) {
        this(ratio, ThreadLocalDraws.INSTANCE);
    }

    /** {@return the probability of admitting a call, in {@code [0, 1]}} */
    public double ratio() {
        return ratio;
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
     * Equal to a {@code Random} permit with the same ratio; the generators are not compared.
     *
     * @param other any object
     * @return whether {@code other} is a {@code Random} permit with the same ratio
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Random that && Double.compare(ratio, that.ratio) == 0;
    }

    /**
     * A hash of the ratio, consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Double.hashCode(ratio);
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
