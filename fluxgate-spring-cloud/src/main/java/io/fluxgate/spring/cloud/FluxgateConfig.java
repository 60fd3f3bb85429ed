package io.fluxgate.spring.cloud;

import io.fluxgate.CircuitBreaker;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What code sets for one Spring Cloud circuit-breaker id, on top of YAML: a change to the breaker's builder, applied
 * after {@code fluxgate.breakers.<id>} (or the group's entry, or {@code fluxgate.defaults}) and before the listener
 * beans, ticker and clock. Built by {@link FluxgateConfigBuilder}.
 *
 * @param id     the circuit-breaker id
 * @param adjust the change to the builder
 */
public record FluxgateConfig(String id, UnaryOperator<CircuitBreaker.Builder> adjust) {

    /**
     * Checks both components.
     *
     * @param id     the circuit-breaker id
     * @param adjust the change to the builder
     */
    public FluxgateConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(adjust, "adjust");
    }
}
