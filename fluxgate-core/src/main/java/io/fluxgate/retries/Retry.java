package io.fluxgate.retries;

/**
 * Decides when an OPEN breaker may let a probe through (move to HALF_OPEN).
 *
 * <p>The breaker asks once, when it opens, how long to wait; randomised retries therefore draw their
 * jitter once per OPEN episode, so a busy caller cannot shorten the wait by asking often.
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
