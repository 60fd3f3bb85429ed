package io.fluxgate.retries;

/**
 * Decides when an OPEN breaker may let a probe through (move to HALF_OPEN).
 *
 * <p>The breaker asks once, when it opens, how long to wait; randomised retries therefore draw their
 * jitter once per OPEN stay, so a busy caller cannot shorten the wait by asking often. (A <em>stay</em> is the time
 * from one transition to the next; an <em>episode</em>, as the Slack listener threads its messages, runs from leaving
 * CLOSED to coming back, and may hold several OPEN stays.)
 */
@FunctionalInterface
public interface Retry {

    /** Returned by {@link #waitNanos(int)} for "never retry". */
    long NEVER = Long.MAX_VALUE;

    /**
     * How long the breaker stays OPEN before the next call may move it to HALF_OPEN.
     *
     * @param reopens how often the breaker went from HALF_OPEN back to OPEN since it was last CLOSED
     * @return nanoseconds to wait, {@code >= 0}, or {@link #NEVER}
     */
    long waitNanos(int reopens);
}
