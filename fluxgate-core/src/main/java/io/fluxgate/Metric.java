package io.fluxgate;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a window holds: counts and total duration of the recorded calls it covers.
 *
 * @param totalCount    recorded calls
 * @param failureCount  recorded calls whose exception the tracker accepted
 * @param slowCount     recorded calls that took at least the slow threshold
 * @param totalDuration the sum of the recorded calls' durations
 */
public record Metric(long totalCount, long failureCount, long slowCount, Duration totalDuration) {

    /** A metric of no calls. */
    public static final Metric EMPTY = new Metric(0, 0, 0, Duration.ZERO);

    /**
     * Checks that counts are consistent.
     *
     * @param totalCount    recorded calls
     * @param failureCount  recorded calls whose exception the tracker accepted
     * @param slowCount     recorded calls that took at least the slow threshold
     * @param totalDuration the sum of the recorded calls' durations
     */
    public Metric {
        Objects.requireNonNull(totalDuration, "totalDuration");
        if (totalCount < 0 || failureCount < 0 || slowCount < 0) {
            throw new IllegalArgumentException("Metric counts must be >= 0, got total=" + totalCount
                    + ", failures=" + failureCount + ", slow=" + slowCount);
        }
        if (failureCount > totalCount || slowCount > totalCount) {
            throw new IllegalArgumentException("Metric failure and slow counts must be <= totalCount " + totalCount
                    + ", got failures=" + failureCount + ", slow=" + slowCount);
        }
        if (totalDuration.isNegative()) {
            throw new IllegalArgumentException("Metric totalDuration must be >= 0, got " + totalDuration);
        }
    }

    /**
     * The share of failures.
     *
     * @return {@code failureCount / totalCount}, empty when no call was recorded
     */
    public OptionalDouble failureRate() {
        return totalCount == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) failureCount / totalCount);
    }

    /**
     * The share of slow calls.
     *
     * @return {@code slowCount / totalCount}, empty when no call was recorded
     */
    public OptionalDouble slowRate() {
        return totalCount == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) slowCount / totalCount);
    }

    /**
     * The mean duration of a recorded call.
     *
     * @return {@code totalDuration / totalCount}, empty when no call was recorded
     */
    public Optional<Duration> avgDuration() {
        return totalCount == 0 ? Optional.empty() : Optional.of(totalDuration.dividedBy(totalCount));
    }
}
