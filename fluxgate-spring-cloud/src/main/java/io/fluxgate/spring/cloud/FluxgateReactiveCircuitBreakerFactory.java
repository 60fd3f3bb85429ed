package io.fluxgate.spring.cloud;

import io.fluxgate.CircuitBreakerRegistry;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;

/**
 * Spring Cloud Circuit Breaker's reactive factory on Fluxgate, with the same breakers and configuration rules as
 * {@link FluxgateCircuitBreakerFactory}. A subscription is one call: permission at subscription, the outcome on
 * completion or error, the permission given back on cancellation; no scheduler and no time limit are added.
 * Code adds configuration with a {@code Customizer<FluxgateReactiveCircuitBreakerFactory>} bean.
 */
public final class FluxgateReactiveCircuitBreakerFactory
        extends ReactiveCircuitBreakerFactory<FluxgateConfig, FluxgateConfigBuilder> {

    private final Breakers breakers;
    private volatile @Nullable Function<String, FluxgateConfig> defaultConfiguration;

    /**
     * A factory on a registry and the factory that builds its missing breakers; the auto-configuration passes the
     * starter's.
     *
     * @param registry where breakers are looked up, and registered when built
     * @param factory  builds a missing breaker; {@code create(id, group)} and code configuration need one that
     *                 implements {@link io.fluxgate.spring.CircuitBreakerFactory#create(String, String,
     *                 java.util.function.UnaryOperator)}, as the starter's does
     */
    public FluxgateReactiveCircuitBreakerFactory(CircuitBreakerRegistry registry,
            io.fluxgate.spring.CircuitBreakerFactory factory) {
        this.breakers = new Breakers(registry, factory);
    }

    @Override
    public ReactiveCircuitBreaker create(String id) {
        return new ReactiveBreaker(breakers.breaker(id, null, getConfigurations(), defaultConfiguration));
    }

    @Override
    public ReactiveCircuitBreaker create(String id, String groupName) {
        return new ReactiveBreaker(breakers.breaker(id, groupName, getConfigurations(), defaultConfiguration));
    }

    /**
     * Adds code configuration for ids that have no breaker yet.
     *
     * @param consumer sets the configuration of each id
     * @param ids      the circuit-breaker ids
     * @throws IllegalStateException when one of them has a breaker already
     */
    @Override
    public void configure(Consumer<FluxgateConfigBuilder> consumer, String... ids) {
        for (String id : ids) {
            breakers.requireNotBuilt(id);
        }
        super.configure(consumer, ids);
    }

    @Override
    protected FluxgateConfigBuilder configBuilder(String id) {
        return new FluxgateConfigBuilder(id);
    }

    /**
     * Sets the configuration of the ids that {@link #configure} did not name, applied when their breaker is built.
     *
     * @param defaultConfiguration from an id to its configuration
     */
    @Override
    public void configureDefault(Function<String, FluxgateConfig> defaultConfiguration) {
        this.defaultConfiguration = Objects.requireNonNull(defaultConfiguration, "defaultConfiguration");
    }
}
