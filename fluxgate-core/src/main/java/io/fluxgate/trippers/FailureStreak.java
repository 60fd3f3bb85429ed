package io.fluxgate.trippers;

import io.fluxgate.Metric;
import io.fluxgate.State;
import io.fluxgate.internal.CountsTripper;

/**
 * Fires after {@code count} recorded failures in a row, whatever the window holds. A recorded success ends
 * the streak; untracked exceptions neither extend nor end it. In expressions: {@code FailureStreak(5)}.
 *
 * @param count the shortest streak that fires, {@code >= 1}
 */
public record FailureStreak(int count) implements Tripper, CountsTripper {

    /**
     * Checks that {@code count >= 1}.
     *
     * @param count the shortest streak that fires, {@code >= 1}
     */
    public FailureStreak {
        if (count < 1) {
            throw new IllegalArgumentException("FailureStreak count must be >= 1, got " + count);
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
        return consecutiveFailures >= count;
    }

    /**
     * Names the streak seen.
     *
     * @return e.g. {@code FailureStreak(5): 5 consecutive failures}
     */
    @Override
    public String explain(Metric metric, State state, int consecutiveFailures) {
        return this + ": " + consecutiveFailures + (consecutiveFailures == 1 ? " consecutive failure"
                : " consecutive failures");
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
     * @return e.g. {@code FailureStreak(5)}
     */
    @Override
    public String toString() {
        return "FailureStreak(" + count + ")";
    }
}
