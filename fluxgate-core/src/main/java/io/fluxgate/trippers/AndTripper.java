package io.fluxgate.trippers;

import io.fluxgate.Metric;
import io.fluxgate.State;
import io.fluxgate.internal.CountsTripper;

/** {@code left & right}: both fire; short-circuits left to right. */
record AndTripper(Tripper left, Tripper right) implements Tripper, CountsTripper {

    @Override
    public boolean test(Metric metric, State state, int consecutiveFailures) {
        return left.test(metric, state, consecutiveFailures) && right.test(metric, state, consecutiveFailures);
    }

    @Override
    public boolean test(long total, long failures, long slow, long nanos, State state, int consecutiveFailures) {
        return CountsTripper.test(left, total, failures, slow, nanos, state, consecutiveFailures)
                && CountsTripper.test(right, total, failures, slow, nanos, state, consecutiveFailures);
    }

    @Override
    public String explain(Metric metric, State state, int consecutiveFailures) {
        return left.explain(metric, state, consecutiveFailures) + " & "
                + right.explain(metric, state, consecutiveFailures);
    }

    @Override
    public boolean usesDurations() {
        return left.usesDurations() || right.usesDurations();
    }

    @Override
    public String toString() {
        String l = left instanceof OrTripper ? "(" + left + ")" : left.toString();
        String r = right instanceof OrTripper || right instanceof AndTripper ? "(" + right + ")" : right.toString();
        return l + " & " + r;
    }
}
