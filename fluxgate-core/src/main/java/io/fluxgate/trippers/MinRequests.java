package io.fluxgate.trippers;

import io.fluxgate.Metric;
import io.fluxgate.State;
import io.fluxgate.internal.CountsTripper;

/**
 * Fires when the window holds at least {@code count} calls; combine it with a rate so a few early calls
 * cannot open the breaker: {@code new MinRequests(20).and(new FailureRate(0.5))}. In expressions:
 * {@code MinRequests(20)}.
 *
 * @param count the fewest recorded calls that fire, {@code >= 1}
 */
public record MinRequests(int count) implements Tripper, CountsTripper {

    /**
     * Checks that {@code count >= 1}.
     *
     * @param count the fewest recorded calls that fire, {@code >= 1}
     */
    public MinRequests {
        if (count < 1) {
            throw new IllegalArgumentException("MinRequests count must be >= 1, got " + count);
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
        return total >= count;
    }

    /**
     * Names the number of calls seen.
     *
     * @return e.g. {@code MinRequests(20): 25 calls}
     */
    @Override
    public String explain(Metric metric, State state, int consecutiveFailures) {
        return this + ": " + Explanations.calls(metric.totalCount());
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
     * @return e.g. {@code MinRequests(20)}
     */
    @Override
    public String toString() {
        return "MinRequests(" + count + ")";
    }
}
