package io.fluxgate.spring;

import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.listeners.Listener;
import io.fluxgate.spring.TestBreakers.ManualTicker;
import io.fluxgate.spring.autoconfigure.FluxgateProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Stands in for the starter's core auto-configuration: binds {@link FluxgateProperties} and registers the
 * breakers {@code payment_api} and {@code inventory}, built with every {@link Listener} bean, on a
 * {@link ManualTicker} bean.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FluxgateProperties.class)
public class TestRegistryConfiguration {

    @Bean
    ManualTicker manualTicker() {
        return new ManualTicker();
    }

    @Bean
    CircuitBreakerRegistry circuitBreakerRegistry(ManualTicker ticker, ObjectProvider<Listener> listeners) {
        CircuitBreakerRegistry registry = new CircuitBreakerRegistry();
        for (String name : new String[] { "payment_api", "inventory" }) {
            registry.register(TestBreakers.builder(name, ticker).listeners(listeners.orderedStream().toList()).build());
        }
        return registry;
    }
}
