package io.fluxgate.trippers;

import io.fluxgate.Metric;
import io.fluxgate.State;
import io.fluxgate.internal.CountsTripper;

/**
 * Fires in {@link State#CLOSED}, to give the CLOSED state its own rule:
 * {@code new Closed().and(new FailureRate(0.6)).or(new HalfOpened().and(new FailureRate(0.5)))}. In expressions:
 * {@code Closed()}.
 */
public record Closed() implements Tripper, CountsTripper {

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
        return state == State.CLOSED;
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
     * @return {@code Closed()}
     */
    @Override
    public String toString() {
        return "Closed()";
    }
}
