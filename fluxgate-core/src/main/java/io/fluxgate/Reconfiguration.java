package io.fluxgate;

import java.time.Instant;
import java.util.Objects;

/**
 * A breaker's configuration changed in place ({@link CircuitBreaker#reconfigure}), as delivered to every
 * {@link io.fluxgate.listeners.Listener#onReconfigured listener}. Not a transition: the breaker stays in
 * {@code state}, with its stay, reopens and statistics; per breaker it arrives in order with the signals.
 *
 * @param circuitName the breaker's name
 * @param state       the state the breaker was in, and still is
 * @param timestamp   wall-clock time of the change, from the breaker's {@link java.time.Clock}
 * @param oldConfig   the configuration before
 * @param newConfig   the configuration after
 * @param reason      what changed and what became of the window, e.g.
 *                    {@code tripper FailureRate(0.5) -> FailureRate(0.2); window CountWindow(100) kept}
 */
public record Reconfiguration(String circuitName, State state, Instant timestamp, CircuitBreaker.Config oldConfig,
        CircuitBreaker.Config newConfig, String reason) {

    /**
     * Checks that no component is null.
     *
     * @param circuitName the breaker's name
     * @param state       the state the breaker was in, and still is
     * @param timestamp   wall-clock time of the change
     * @param oldConfig   the configuration before
     * @param newConfig   the configuration after
     * @param reason      what changed and what became of the window
     */
    public Reconfiguration {
        Objects.requireNonNull(circuitName, "circuitName");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(oldConfig, "oldConfig");
        Objects.requireNonNull(newConfig, "newConfig");
        Objects.requireNonNull(reason, "reason");
    }
}
