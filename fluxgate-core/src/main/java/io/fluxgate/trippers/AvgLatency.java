package io.fluxgate.trippers;

import io.fluxgate.Metric;
import io.fluxgate.State;
import io.fluxgate.internal.CountsTripper;
import io.fluxgate.internal.Durations;
import java.time.Duration;
import java.util.Objects;

/**
 * Fires when the mean duration of the window's calls, {@code totalDuration / totalCount}, is at least
 * {@code threshold}; never on an empty window. Example: {@code new AvgLatency(Duration.ofSeconds(2))}, in
 * expressions {@code AvgLatency(2s)}.
 *
 * @param threshold the lowest mean duration that fires, {@code > 0}
 */
public record AvgLatency(Duration threshold) implements Tripper, CountsTripper {

    /**
     * Checks that {@code threshold > 0}.
     *
     * @param threshold the lowest mean duration that fires, {@code > 0}
     */
    public AvgLatency {
        Objects.requireNonNull(threshold, "threshold");
        if (threshold.isNegative() || threshold.isZero()) {
            throw new IllegalArgumentException(
                    "AvgLatency threshold must be > 0, got " + Durations.format(threshold));
        }
    }

    @Override
    public boolean test(Metric metric, State state, int consecutiveFailures) {
        long nanos = Durations.toNanosSaturated(metric.totalDuration());
        if (nanos == Long.MAX_VALUE) {
            return metric.avgDuration().map(average -> average.compareTo(threshold) >= 0).orElse(false);
        }
        return test(metric.totalCount(), metric.failureCount(), metric.slowCount(), nanos, state,
                consecutiveFailures);
    }

    /**
     * {@link #test(Metric, State, int)} on the counts, for the breaker's call path; not API. In whole
     * nanoseconds, as {@link Metric#avgDuration()} rounds down, and without allocating.
     *
     * @return whether this tripper fires
     */
    @Override
    public boolean test(long total, long failures, long slow, long nanos, State state, int consecutiveFailures) {
        return total > 0 && nanos / total >= Durations.toNanosSaturated(threshold);
    }

    /**
     * Names the mean duration and the number of calls seen.
     *
     * @return e.g. {@code AvgLatency(2s): 2.4s average over 10 calls}
     */
    @Override
    public String explain(Metric metric, State state, int consecutiveFailures) {
        return this + ": " + Durations.formatApproximate(metric.avgDuration().orElse(Duration.ZERO))
                + " average over " + Explanations.calls(metric.totalCount());
    }

    /**
     * The expression form.
     *
     * @return e.g. {@code AvgLatency(2s)}, {@code AvgLatency(1500ms)}
     */
    @Override
    public String toString() {
        return "AvgLatency(" + Durations.format(threshold) + ")";
    }
}
