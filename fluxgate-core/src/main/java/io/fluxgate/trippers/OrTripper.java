package io.fluxgate.trippers;

import io.fluxgate.Metric;
import io.fluxgate.State;
import io.fluxgate.internal.CountsTripper;

/** {@code left | right}: either fires; short-circuits left to right. */
record OrTripper(Tripper left, Tripper right) implements Tripper, CountsTripper {

    @Override
    public boolean test(Metric metric, State state, int consecutiveFailures) {
        return left.test(metric, state, consecutiveFailures) || right.test(metric, state, consecutiveFailures);
    }

    @Override
    public boolean test(long total, long failures, long slow, long nanos, State state, int consecutiveFailures) {
        return CountsTripper.test(left, total, failures, slow, nanos, state, consecutiveFailures)
                || CountsTripper.test(right, total, failures, slow, nanos, state, consecutiveFailures);
    }

    /** Explains only the branch that fired: the left one if it did, else the right one. */
    @Override
    public String explain(Metric metric, State state, int consecutiveFailures) {
        return left.test(metric, state, consecutiveFailures)
                ? left.explain(metric, state, consecutiveFailures)
                : right.explain(metric, state, consecutiveFailures);
    }

    /** Parenthesises a right-hand {@code |} only, so the text parses (left-associatively) to an equal value. */
    @Override
    public boolean usesDurations() {
        return left.usesDurations() || right.usesDurations();
    }

    @Override
    public String toString() {
        return left + " | " + (right instanceof OrTripper ? "(" + right + ")" : right.toString());
    }
}
