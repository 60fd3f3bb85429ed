package io.fluxgate;

import java.time.Instant;
import java.util.Objects;

/**
 * One state transition of a circuit breaker, as delivered to every {@link io.fluxgate.listeners.Listener}.
 *
 * <p>Per breaker, signals arrive gap-free and in transition order: each signal's {@code oldState} is the
 * previous signal's {@code newState}.
 *
 * @param circuitName the breaker's name
 * @param oldState    the state before the transition
 * @param newState    the state after the transition
 * @param timestamp   wall-clock time of the transition, from the breaker's {@link java.time.Clock}
 * @param reason      why it happened, e.g. {@code FailureRate(0.5): 0.62 over 100 calls} or {@code forceOpen()}
 */
public record Signal(String circuitName, State oldState, State newState, Instant timestamp, String reason) {

    /**
     * Checks that no component is null.
     *
     * @param circuitName the breaker's name
     * @param oldState    the state before the transition
     * @param newState    the state after the transition
     * @param timestamp   wall-clock time of the transition, from the breaker's {@link java.time.Clock}
     * @param reason      why it happened, e.g. {@code FailureRate(0.5): 0.62 over 100 calls} or {@code forceOpen()}
     */
    public Signal {
        Objects.requireNonNull(circuitName, "circuitName");
        Objects.requireNonNull(oldState, "oldState");
        Objects.requireNonNull(newState, "newState");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(reason, "reason");
    }
}
