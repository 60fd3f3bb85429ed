package io.fluxgate;

import java.util.Objects;

/**
 * Thrown (or completes a future) when a breaker rejects a call; the protected code did not run.
 *
 * <p>It carries no stack trace: rejections are frequent while a breaker is open, and their cause is the
 * breaker's state, not the caller's position.
 */
public final class CallNotPermittedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The rejecting breaker's name. */
    private final String circuitName;

    /** The rejecting breaker's state when it rejected the call. */
    private final State state;

    /**
     * Creates a rejection.
     *
     * @param circuitName the rejecting breaker's name
     * @param state       its state when it rejected the call
     */
    public CallNotPermittedException(String circuitName, State state) {
        super(message(Objects.requireNonNull(circuitName, "circuitName"), Objects.requireNonNull(state, "state")),
                null, false, false);
        this.circuitName = circuitName;
        this.state = state;
    }

    private static String message(String circuitName, State state) {
        return state == State.OPEN
                ? "Circuit breaker '" + circuitName + "' is OPEN and does not permit calls"
                : "Circuit breaker '" + circuitName + "' is " + state + " and did not permit this call";
    }

    /**
     * The rejecting breaker's name.
     *
     * @return the name given to {@link CircuitBreaker#builder(String)}
     */
    public String circuitName() {
        return circuitName;
    }

    /**
     * The state in which the call was rejected.
     *
     * @return {@link State#OPEN}, {@link State#HALF_OPEN} or {@link State#FORCED_OPEN}
     */
    public State state() {
        return state;
    }
}
