package io.fluxgate.spring.cloud;

import io.fluxgate.CircuitBreakerRegistry;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;

/**
 * Spring Cloud Circuit Breaker's blocking factory on Fluxgate: {@code create("payment_api")} is the breaker the
 * starter's registry holds under that name (built on first use from {@code fluxgate.breakers.payment_api}, or
 * {@code fluxgate.defaults}), the one {@code @CircuitBreaker}, {@code /actuator/fluxgate}, health and metrics see.
 * {@code create(id, group)} takes the group's {@code fluxgate.breakers} entry as the template when the id has none.
 * Calls run on the caller's thread, with no time limit: bound them with the client's own timeouts. {@code create}
 * returns the same object for the same breaker, so {@code factory.create(id).run(..)} on each call allocates nothing.
 *
 * <p>Code can add to YAML for ids that have no breaker yet, with a {@code Customizer<FluxgateCircuitBreakerFactory>}
 * bean: {@link #configure} for some ids, {@link #configureDefault} for the others. Configuring an id whose breaker
 * exists already is an error, not a silent no-op.
 */
public final class FluxgateCircuitBreakerFactory
        extends CircuitBreakerFactory<FluxgateConfig, FluxgateConfigBuilder> {

    private final Breakers breakers;
    private final ConcurrentHashMap<String, SyncBreaker> adapters = new ConcurrentHashMap<>();
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
    public FluxgateCircuitBreakerFactory(CircuitBreakerRegistry registry,
            io.fluxgate.spring.CircuitBreakerFactory factory) {
        this.breakers = new Breakers(registry, factory);
        registry.addListener(new ForgetRemoved(adapters));
    }

    @Override
    public CircuitBreaker create(String id) {
        SyncBreaker known = adapters.get(id);
        return known != null ? known : adapter(breakers.breaker(id, null, getConfigurations(), defaultConfiguration));
    }

    @Override
    public CircuitBreaker create(String id, String groupName) {
        SyncBreaker known = adapters.get(id);
        return known != null
                ? known
                : adapter(breakers.breaker(id, groupName, getConfigurations(), defaultConfiguration));
    }

    /**
     * The adapter of a breaker, made once: {@code create} finds it by id without asking the registry again (the
     * registry reports the first lookup to its listeners). A breaker removed from the registry loses its adapter
     * ({@link ForgetRemoved}), so one built again under its name gets a new one.
     */
    private CircuitBreaker adapter(io.fluxgate.CircuitBreaker breaker) {
        SyncBreaker adapter = adapters.get(breaker.name());
        if (adapter == null || !adapter.wraps(breaker)) {
            adapter = new SyncBreaker(breaker);
            adapters.put(breaker.name(), adapter);
        }
        return adapter;
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

    private static final class ForgetRemoved implements CircuitBreakerRegistry.RegistryListener {

        private final ConcurrentHashMap<String, SyncBreaker> adapters;

        ForgetRemoved(ConcurrentHashMap<String, SyncBreaker> adapters) {
            this.adapters = adapters;
        }

        @Override
        public void removed(io.fluxgate.CircuitBreaker breaker) {
            adapters.computeIfPresent(breaker.name(), (name, adapter) -> adapter.wraps(breaker) ? null : adapter);
        }
    }
}
