package io.fluxgate.retries;

import io.fluxgate.internal.Durations;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Waits a fixed time after every opening: {@code duration × (1 + u)}, with {@code u} drawn uniformly from
 * {@code [-jitterRatio, +jitterRatio]} for each wait, so breakers that opened together do not probe together.
 * The default retry is {@code new Cooldown(Duration.ofSeconds(60))}; in expressions {@code Cooldown(60s)} or
 * {@code Cooldown(duration=60s, jitter_ratio=0.1)}.
 *
 * @param duration    the wait before jitter, {@code > 0}
 * @param jitterRatio the largest relative deviation from {@code duration}, in {@code [0, 1)}; 0 for none
 * @param random      where the jitter comes from; not shown by {@code toString()}
 */
public record Cooldown(Duration duration, double jitterRatio, RandomGenerator random) implements Retry {

    /** Checks that {@code duration > 0} and {@code jitterRatio} is in {@code [0, 1)}. */
    public Cooldown {
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(random, "random");
        Jitter.checkPositive("Cooldown", "duration", duration);
        Jitter.checkRatio("Cooldown", jitterRatio);
        jitterRatio += 0.0; // -0.0 becomes 0.0, so equal settings make equal records
    }

    /**
     * A cooldown with jitter drawn from {@link ThreadLocalRandom}.
     *
     * @param duration    the wait before jitter, {@code > 0}
     * @param jitterRatio the largest relative deviation from {@code duration}, in {@code [0, 1)}
     */
    public Cooldown(Duration duration, double jitterRatio) {
        this(duration, jitterRatio, ThreadLocalRandom.current());
    }

    /**
     * A cooldown without jitter.
     *
     * @param duration the wait, {@code > 0}
     */
    public Cooldown(Duration duration) {
        this(duration, 0);
    }

    /**
     * Draws a jittered wait; the breaker asks once per OPEN episode.
     *
     * @param reopens ignored
     * @return {@code duration × (1 + u)} in nanoseconds
     */
    @Override
    public long waitNanos(int reopens) {
        return Jitter.apply(Jitter.toNanos(duration), jitterRatio, random);
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
