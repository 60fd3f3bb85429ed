package io.fluxgate.spring.cloud;

import io.fluxgate.CircuitBreaker;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.springframework.cloud.client.circuitbreaker.ConfigBuilder;

/**
 * Spring Cloud's per-id configuration for a Fluxgate breaker, as {@code factory.configure(builder -> ..., ids)}
 * hands it to code:
 *
 * <pre>{@code
 * @Bean
 * Customizer<FluxgateCircuitBreakerFactory> slowApi() {
 *     return factory -> factory.configure(config -> config.adjust(breaker -> breaker.tripper(new FailureStreak(3))),
 *             "slow_api");
 * }
 * }</pre>
 *
 * Each {@link #adjust} runs after the previous one, on the builder that YAML has already set up.
 */
public final class FluxgateConfigBuilder implements ConfigBuilder<FluxgateConfig> {

    private final String id;
    private UnaryOperator<CircuitBreaker.Builder> adjust = UnaryOperator.identity();

    /**
     * Starts with no change.
     *
     * @param id the circuit-breaker id
     */
    public FluxgateConfigBuilder(String id) {
        this.id = Objects.requireNonNull(id, "id");
    }

    /**
     * Adds a change to the breaker's builder.
     *
     * @param change sets what it must on the builder and returns it
     * @return this builder
     */
    public FluxgateConfigBuilder adjust(UnaryOperator<CircuitBreaker.Builder> change) {
        Objects.requireNonNull(change, "change");
        UnaryOperator<CircuitBreaker.Builder> before = adjust;
        adjust = builder -> change.apply(before.apply(builder));
        return this;
    }

    @Override
    public FluxgateConfig build() {
        return new FluxgateConfig(id, adjust);
    }
}
