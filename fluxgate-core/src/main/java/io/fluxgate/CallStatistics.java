package io.fluxgate;

import java.time.Duration;
import java.util.Objects;

/**
 * Cumulative counts and durations of every call through one breaker since it was built, by
 * {@link CallOutcome} and slowness. A live view: each read sums the current counters, so monitoring systems
 * (the Spring Boot starter's Micrometer binding) read it at scrape time, and a call writes only a count
 * and a duration in a cell of its thread's own, with plain stores.
 *
 * <p>Unlike the window, these counts survive transitions and include calls in every state. Rejected calls
 * have no duration and are never slow. Thread-safe.
 */
public final class CallStatistics {

    private static final CallOutcome[] OUTCOMES = CallOutcome.values();

    /** Per outcome and slowness, two counters side by side: the count, then the nanoseconds. */
    private final OwnedCounters counters = new OwnedCounters(OUTCOMES.length * 4);

    CallStatistics() {
    }

    void record(CallOutcome outcome, boolean slow, long durationNanos) {
        counters.addPair(index(outcome, slow), durationNanos);
    }

    void rejected() {
        counters.addPair(index(CallOutcome.REJECTED, false), 0);
    }

    /**
     * How many calls ended this way.
     *
     * @param outcome how they ended
     * @param slow    whether they reached the slow threshold
     * @return a count since the breaker was built
     */
    public long count(CallOutcome outcome, boolean slow) {
        return counters.sum(index(outcome, slow));
    }

    /**
     * How long the calls that ended this way took together.
     *
     * @param outcome how they ended
     * @param slow    whether they reached the slow threshold
     * @return the summed duration
     */
    public Duration totalDuration(CallOutcome outcome, boolean slow) {
        return Duration.ofNanos(counters.sum(index(outcome, slow) + 1));
    }

    private static int index(CallOutcome outcome, boolean slow) {
        return (Objects.requireNonNull(outcome, "outcome").ordinal() * 2 + (slow ? 1 : 0)) * 2;
    }
}
