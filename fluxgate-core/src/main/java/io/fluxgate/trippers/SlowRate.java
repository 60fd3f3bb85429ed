package io.fluxgate.trippers;

import io.fluxgate.Metric;
import io.fluxgate.State;
import io.fluxgate.internal.CountsTripper;
import io.fluxgate.internal.Durations;

/**
 * Fires when {@code slowCount / totalCount >= ratio}; never on an empty window. A call is slow when it takes
 * at least the breaker's slow threshold; without one no call is slow. In expressions: {@code SlowRate(0.5)}.
 *
 * @param ratio the lowest share of slow calls that fires, in {@code (0, 1]}
 */
public record SlowRate(double ratio) implements Tripper, CountsTripper {

    /**
     * Checks that {@code ratio} is in {@code (0, 1]}.
     *
     * @param ratio the lowest share of slow calls that fires, in {@code (0, 1]}
     */
    public SlowRate {
        if (!(ratio > 0 && ratio <= 1)) {
            throw new IllegalArgumentException("SlowRate ratio must be in (0, 1], got " + ratio);
        }
    }

    @Override
    public boolean test(Metric metric, State state, int consecutiveFailures) {
        return test(metric.totalCount(), metric.failureCount(), metric.slowCount(), 0, state, consecutiveFailures);
    }

    /**
     * {@link #test(Metric, State, int)} on the counts, for the breaker's call path; not API.
     *
     * @return whether this tripper fires
     */
    @Override
    public boolean test(long total, long failures, long slow, long nanos, State state, int consecutiveFailures) {
        return total > 0 && (double) slow / total >= ratio;
    }

    /**
     * Names the slow rate and the number of calls seen.
     *
     * @return e.g. {@code SlowRate(0.5): 0.62 slow over 100 calls}
     */
    @Override
    public String explain(Metric metric, State state, int consecutiveFailures) {
        return this + ": " + Durations.formatApproximate(metric.slowRate().orElse(0)) + " slow over "
                + Explanations.calls(metric.totalCount());
    }

    /**
     * Reads no durations.
     *
     * @return {@code false}
     */
    @Override
    public boolean usesDurations() {
        return false;
    }

    /**
     * The expression form.
     *
     * @return e.g. {@code SlowRate(0.5)}
     */
    @Override
    public String toString() {
        return "SlowRate(" + Durations.formatRatio(ratio) + ")";
    }
}
