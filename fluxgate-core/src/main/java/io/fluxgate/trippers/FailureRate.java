package io.fluxgate.trippers;

import io.fluxgate.Metric;
import io.fluxgate.State;
import io.fluxgate.internal.CountsTripper;
import io.fluxgate.internal.Durations;

/**
 * Fires when {@code failureCount / totalCount >= ratio}; never on an empty window. Usually combined with
 * {@link MinRequests}. In expressions: {@code FailureRate(0.5)}.
 *
 * @param ratio the lowest share of failures that fires, in {@code (0, 1]}
 */
public record FailureRate(double ratio) implements Tripper, CountsTripper {

    /**
     * Checks that {@code ratio} is in {@code (0, 1]}.
     *
     * @param ratio the lowest share of failures that fires, in {@code (0, 1]}
     */
    public FailureRate {
        if (!(ratio > 0 && ratio <= 1)) {
            throw new IllegalArgumentException("FailureRate ratio must be in (0, 1], got " + ratio);
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
        return total > 0 && (double) failures / total >= ratio;
    }

    /**
     * Names the failure rate and the number of calls seen.
     *
     * @return e.g. {@code FailureRate(0.5): 0.62 over 100 calls}
     */
    @Override
    public String explain(Metric metric, State state, int consecutiveFailures) {
        return this + ": " + Durations.formatApproximate(metric.failureRate().orElse(0)) + " over "
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
     * @return e.g. {@code FailureRate(0.5)}
     */
    @Override
    public String toString() {
        return "FailureRate(" + Durations.formatRatio(ratio) + ")";
    }
}
