package io.fluxgate.spring;

import io.fluxgate.CircuitBreaker;

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
}
