package io.fluxgate;

import java.time.Instant;
import java.util.Objects;

/**
 * A consistent snapshot of a breaker, for display and monitoring.
 *
 * @param name      the breaker's name
 * @param state     its state
 * @param changedAt wall-clock time of the last transition (or of construction)
 * @param reopens   how often it went from HALF_OPEN back to OPEN since it was last CLOSED
 * @param metric    what its window holds now
 */
public record CircuitBreakerInfo(String name, State state, Instant changedAt, int reopens, Metric metric) {

    /**
     * Checks that no component is null.
     *
     * @param name      the breaker's name
     * @param state     its state
     * @param changedAt wall-clock time of the last transition (or of construction)
     * @param reopens   how often it went from HALF_OPEN back to OPEN since it was last CLOSED
     * @param metric    what its window holds now
     */
    public CircuitBreakerInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(changedAt, "changedAt");
        Objects.requireNonNull(metric, "metric");
    }
}
