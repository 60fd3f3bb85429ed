package io.fluxgate.internal;

import io.fluxgate.Metric;
import io.fluxgate.State;
import io.fluxgate.trippers.Tripper;
import java.time.Duration;

/**
 * A built-in tripper's test on the window's counts as primitives, the same test as
 * {@link Tripper#test(Metric, State, int)}: the engine asks the tripper after every call, from one call site
 * that sees every tripper type in the JVM, and a {@link Metric} passed there would be allocated on every call.
 * Not API.
 */
public interface CountsTripper {

    /**
     * {@link Tripper#test(Metric, State, int)} on the counts of a metric.
     *
     * @param total               {@link Metric#totalCount()}
     * @param failures            {@link Metric#failureCount()}
     * @param slow                {@link Metric#slowCount()}
     * @param nanos               {@link Metric#totalDuration()} in nanoseconds
     * @param state               the state it is evaluated in
     * @param consecutiveFailures recorded failures since the last recorded success
     * @return whether the tripper fires
     */
    boolean test(long total, long failures, long slow, long nanos, State state, int consecutiveFailures);

    /**
     * Asks any tripper: through its counts test if it has one, else through a {@link Metric} built here.
     *
     * @param tripper             the tripper
     * @param total               calls covered
     * @param failures            failures among them
     * @param slow                slow calls among them
     * @param nanos               their summed duration in nanoseconds
     * @param state               the state it is evaluated in
     * @param consecutiveFailures recorded failures since the last recorded success
     * @return whether the tripper fires
     */
    static boolean test(Tripper tripper, long total, long failures, long slow, long nanos, State state,
            int consecutiveFailures) {
        if (tripper instanceof CountsTripper counts) {
            return counts.test(total, failures, slow, nanos, state, consecutiveFailures);
        }
        return tripper.test(new Metric(total, failures, slow, Duration.ofNanos(nanos)), state, consecutiveFailures);
    }
}
