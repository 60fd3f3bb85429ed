package io.fluxgate.trippers;

import io.fluxgate.Metric;
import io.fluxgate.State;
import java.util.Objects;

/**
 * Decides when a breaker opens. Evaluated after every recorded call in CLOSED and HALF_OPEN with the
 * window's {@link Metric}, the current state and the number of consecutive failures; after a successful CLOSED
 * call it may be evaluated twice, on a read that may lag and then on an exact one (docs/windows.md). The
 * built-in trippers read the window's counts without allocating; an implementation of this interface is
 * handed a {@code Metric} built for it.
 *
 * <p>Compose with {@link #and} and {@link #or}; both short-circuit left to right:
 * {@code new Closed().and(new MinRequests(10)).and(new FailureRate(0.5))}.
 */
@FunctionalInterface
public interface Tripper {

    /**
     * Whether the breaker should be open.
     *
     * @param metric              what the window holds
     * @param state               {@link State#CLOSED} or {@link State#HALF_OPEN}
     * @param consecutiveFailures recorded failures since the last recorded success
     * @return {@code true} to open (in CLOSED) or to stay open (in HALF_OPEN)
     */
    boolean test(Metric metric, State state, int consecutiveFailures);

    /**
     * Says why this tripper fired, naming the leaves that fired and the values they saw, e.g.
     * {@code FailureRate(0.5): 0.62 over 100 calls}. Used for {@link io.fluxgate.Signal#reason()}.
     *
     * @param metric              what the window holds
     * @param state               the state it was evaluated in
     * @param consecutiveFailures recorded failures since the last recorded success
     * @return a one-line explanation
     */
    default String explain(Metric metric, State state, int consecutiveFailures) {
        return toString();
    }

    /**
     * Whether {@link #test} or {@link #explain} reads {@link Metric#totalDuration()}. A breaker whose tripper
     * reads no durations evaluates it on a metric whose total duration may be zero, which spares an allocation
     * per call, and may be built with {@code measureDurations(false)}. Only {@link AvgLatency} among the
     * built-ins reads durations; combinators ask their parts.
     *
     * @return {@code true} unless the tripper is known to ignore durations (the safe default)
     */
    default boolean usesDurations() {
        return true;
    }

    /**
     * Both trippers fire (short-circuits left to right).
     *
     * @param other the right-hand tripper
     * @return {@code this & other}
     */
    default Tripper and(Tripper other) {
        return new AndTripper(this, Objects.requireNonNull(other, "other"));
    }

    /**
     * Either tripper fires (short-circuits left to right).
     *
     * @param other the right-hand tripper
     * @return {@code this | other}
     */
    default Tripper or(Tripper other) {
        return new OrTripper(this, Objects.requireNonNull(other, "other"));
    }
}
