package io.fluxgate;

/**
 * The states of a {@link CircuitBreaker}.
 *
 * <p>{@link #CLOSED}, {@link #OPEN} and {@link #HALF_OPEN} are reached automatically; the other three
 * only through manual control ({@link CircuitBreaker#metricsOnly()}, {@link CircuitBreaker#disable()},
 * {@link CircuitBreaker#forceOpen()}) and are left only through manual control.
 */
public enum State {

    /** Calls run and are recorded; the tripper decides when to open. */
    CLOSED,

    /** Calls are rejected until the retry allows a probe. */
    OPEN,

    /** A limited number of probe calls run; their outcomes decide between CLOSED and OPEN. */
    HALF_OPEN,

    /** Calls run and are recorded, but the breaker never transitions by itself. */
    METRICS_ONLY,

    /** Calls run and nothing is recorded. */
    DISABLED,

    /** Every call is rejected until manual control changes the state. */
    FORCED_OPEN;

    /**
     * Whether calls are rejected in this state without consulting anything else.
     *
     * @return {@code true} for {@link #OPEN} and {@link #FORCED_OPEN}
     */
    public boolean isOpen() {
        return this == OPEN || this == FORCED_OPEN;
    }
}
