package io.fluxgate.spring;

import io.fluxgate.CircuitBreaker;
import java.util.function.UnaryOperator;

/**
 * Builds the breaker for a name from the application's configuration: {@code fluxgate.breakers.<name>} on top
 * of {@code fluxgate.defaults}, with every {@code Listener} bean attached. The starter registers one; the
 * {@code @CircuitBreaker} aspect uses it for annotated names that YAML does not mention.
 */
@FunctionalInterface
public interface CircuitBreakerFactory {

    /**
     * Builds a new, unregistered breaker.
     *
     * @param name the breaker's name, kept exactly
     * @return a new breaker
     */
    CircuitBreaker create(String name);

    /**
     * Builds a new, unregistered breaker named {@code name} from the settings configured for another name, with
     * code adjusting them last: for integrations whose breakers share one entry (a Spring Cloud circuit-breaker
     * group) or take settings from code ({@code Customizer}s).
     *
     * @param name       the breaker's name, kept exactly
     * @param configured the name whose {@code fluxgate.breakers} entry is the template; {@code fluxgate.defaults}
     *                   when it has none
     * @param adjust     changes the builder after the configured settings, before listeners, ticker and clock
     * @return a new breaker
     * @throws UnsupportedOperationException when this factory builds only from names (the default)
     * @throws IllegalArgumentException      when {@code adjust} leaves settings that do not build
     */
    default CircuitBreaker create(String name, String configured, UnaryOperator<CircuitBreaker.Builder> adjust) {
        throw new UnsupportedOperationException(getClass().getName() + " builds breakers from their names only: "
                + "implement create(name, configured, adjust) to build '" + name + "' from '" + configured + "'");
    }

    /**
     * Whether {@code fluxgate.breakers} has an entry for a name.
     *
     * @param name the name
     * @return {@code false} by default, for factories that know no entries
     */
    default boolean isConfigured(String name) {
        return false;
    }
}
