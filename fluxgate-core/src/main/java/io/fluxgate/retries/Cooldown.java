package io.fluxgate.retries;

import io.fluxgate.internal.Durations;
import io.fluxgate.internal.ThreadLocalDraws;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Waits a fixed time after every opening: {@code duration × (1 + u)}, with {@code u} drawn uniformly from
 * {@code [-jitterRatio, +jitterRatio]} for each wait, so breakers that opened together do not probe together.
 * The default retry is {@code new Cooldown(Duration.ofSeconds(60))}; in expressions {@code Cooldown(60s)} or
 * {@code Cooldown(duration=60s, jitter_ratio=0.1)}.
 *
 * <p>Immutable and thread-safe. The jitter comes from the {@code ThreadLocalRandom} of the thread whose call
 * opens the breaker, looked up at each draw, so every JVM draws its own waits; tests pass a seeded generator
 * to {@link #Cooldown(Duration, double, RandomGenerator)}. Two cooldowns with the same settings are equal,
 * whatever their generators.
 */
public final class Cooldown implements Retry {

    private final Duration duration;
    private final double jitterRatio;
    private final RandomGenerator random;

    /**
     * A cooldown whose jitter comes from {@code random}, for reproducible tests:
     * {@code new Cooldown(Duration.ofSeconds(60), 0.1, new java.util.Random(42))}. The generator is used as
     * given, on the thread whose call opens the breaker, so a breaker used from several threads needs a
     * thread-safe one ({@code java.util.Random}; not {@code SplittableRandom}).
     *
     * @param duration    the wait before jitter, {@code > 0}
     * @param jitterRatio the largest relative deviation from {@code duration}, in {@code [0, 1)}; 0 for none
     * @param random      where the jitter comes from; not shown by {@code toString()} nor compared by
     *                    {@code equals}
     */
    public Cooldown(Duration duration, double jitterRatio, RandomGenerator random) {
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(random, "random");
        Jitter.checkPositive("Cooldown", "duration", duration);
        Jitter.checkRatio("Cooldown", jitterRatio);
        this.duration = duration;
        this.jitterRatio = jitterRatio + 0.0; // -0.0 becomes 0.0, so equal settings make equal cooldowns
        this.random = random;
    }

    /**
     * A cooldown with jitter drawn from the opening thread's {@code ThreadLocalRandom}.
     *
     * @param duration    the wait before jitter, {@code > 0}
     * @param jitterRatio the largest relative deviation from {@code duration}, in {@code [0, 1)}
     */
    public Cooldown(Duration duration, double jitterRatio) {
        this(duration, jitterRatio, ThreadLocalDraws.INSTANCE);
    }

    /**
     * A cooldown without jitter.
     *
     * @param duration the wait, {@code > 0}
     */
    public Cooldown(Duration duration) {
        this(duration, 0);
    }

    /** {@return the wait before jitter, {@code > 0}} */
    public Duration duration() {
        return duration;
    }

    /** {@return the largest relative deviation from {@link #duration()}, in {@code [0, 1)}; 0 for none} */
    public double jitterRatio() {
        return jitterRatio;
    }

    /**
     * Draws a jittered wait; the breaker asks once per OPEN stay.
     *
     * @param reopens ignored
     * @return {@code duration × (1 + u)} in nanoseconds
     */
    @Override
    public long waitNanos(int reopens) {
        return Jitter.apply(Jitter.toNanos(duration), jitterRatio, random);
    }

    /**
     * Equal to a cooldown with the same duration and jitter ratio; the generators are not compared.
     *
     * @param other any object
     * @return whether {@code other} is a cooldown with the same settings
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Cooldown that && duration.equals(that.duration)
                && Double.compare(jitterRatio, that.jitterRatio) == 0;
    }

    /**
     * A hash of the settings, consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(duration, jitterRatio);
    }

    /**
     * The expression form: positional without jitter, all arguments named with it.
     *
     * @return e.g. {@code Cooldown(1m)} or {@code Cooldown(duration=1m, jitter_ratio=0.1)}
     */
    @Override
    public String toString() {
        return jitterRatio == 0
                ? "Cooldown(" + Durations.format(duration) + ")"
                : "Cooldown(duration=" + Durations.format(duration) + ", jitter_ratio="
                        + Durations.formatRatio(jitterRatio) + ")";
    }
}
