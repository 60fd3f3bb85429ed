package io.fluxgate;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * Cumulative counts and durations of every call through one breaker since it was built, by
 * {@link CallOutcome} and slowness. A live view: each read sums the current counters, so monitoring systems
 * (the Spring Boot starter's Micrometer binding) read it at scrape time and nothing is written per call
 * beyond two striped counters.
 *
 * <p>Unlike the window, these counts survive transitions and include calls in every state. Rejected calls
 * have no duration and are never slow. Thread-safe.
 */
public final class CallStatistics {

    private static final CallOutcome[] OUTCOMES = CallOutcome.values();

    private final LongAdder[] counts = new LongAdder[OUTCOMES.length * 2];
    private final LongAdder[] nanos = new LongAdder[OUTCOMES.length * 2];

    CallStatistics() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
            nanos[i] = new LongAdder();
        }
    }

    void record(CallOutcome outcome, boolean slow, long durationNanos) {
        int index = index(outcome, slow);
        counts[index].increment();
        if (durationNanos != 0) {
            nanos[index].add(durationNanos);
        }
    }

    void rejected() {
        counts[index(CallOutcome.REJECTED, false)].increment();
    }

    /**
     * How many calls ended this way.
     *
     * @param outcome how they ended
     * @param slow    whether they reached the slow threshold
     * @return a count since the breaker was built
     */
    public long count(CallOutcome outcome, boolean slow) {
        return counts[index(outcome, slow)].sum();
    }

    /**
     * How long the calls that ended this way took together.
     *
     * @param outcome how they ended
     * @param slow    whether they reached the slow threshold
     * @return the summed duration
     */
    public Duration totalDuration(CallOutcome outcome, boolean slow) {
        return Duration.ofNanos(nanos[index(outcome, slow)].sum());
    }

    private static int index(CallOutcome outcome, boolean slow) {
        return Objects.requireNonNull(outcome, "outcome").ordinal() * 2 + (slow ? 1 : 0);
    }
}
