package io.fluxgate.spring.cloud;

import io.fluxgate.CircuitBreaker;
import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.spring.CircuitBreakerFactory;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Where both factories get their breakers: the starter's registry, so that a Spring Cloud id names the same breaker
 * as {@code @CircuitBreaker}, the endpoint, health and metrics. A breaker the registry does not hold yet is built by
 * the starter's factory from {@code fluxgate.breakers.<id>}, else from the group's entry, else from
 * {@code fluxgate.defaults}, with the code configuration of the id (or the default configuration) applied last.
 */
final class Breakers {

    private final CircuitBreakerRegistry registry;
    private final CircuitBreakerFactory factory;

    Breakers(CircuitBreakerRegistry registry, CircuitBreakerFactory factory) {
        this.registry = registry;
        this.factory = factory;
    }

    CircuitBreaker breaker(String id, @Nullable String group, Map<String, FluxgateConfig> configurations,
            @Nullable Function<String, FluxgateConfig> defaultConfiguration) {
        return registry.getOrCreate(id, () -> {
            String template = factory.isConfigured(id) || group == null || !factory.isConfigured(group) ? id : group;
            FluxgateConfig config = configurations.get(id);
            if (config == null && defaultConfiguration != null) {
                config = defaultConfiguration.apply(id);
            }
            if (config == null && template.equals(id)) {
                return factory.create(id); // every factory can do this, an application's own too
            }
            return factory.create(id, template, config == null ? builder -> builder : config.adjust());
        });
    }

    /** Code configuration must not be silently ignored: a breaker that exists already cannot take it. */
    void requireNotBuilt(String id) {
        if (registry.get(id).isPresent()) {
            throw new IllegalStateException("Circuit breaker '" + id + "' exists already (configured under "
                    + "fluxgate.breakers, annotated, or created earlier), so a Spring Cloud configure(...) for it "
                    + "cannot apply: set it in YAML (fluxgate.breakers." + id + "), or configure the id before "
                    + "its first create()");
        }
    }
}
