package io.fluxgate.spring.actuate;

import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.spring.KeyedBreakers;
import io.fluxgate.spring.autoconfigure.FluxgateAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ImportRuntimeHints;

/**
 * Auto-configures the {@link FluxgateEndpoint} when the actuator is on the class path, the endpoint is
 * available ({@code management.endpoints.web.exposure.include=fluxgate}) and there is a
 * {@link CircuitBreakerRegistry}. Also registers the {@link TransitionHistory} listener that the endpoint's
 * {@code recentTransitions} come from.
 */
@AutoConfiguration(after = FluxgateAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(FluxgateEndpoint.class)
@ConditionalOnBean(CircuitBreakerRegistry.class)
@ImportRuntimeHints(ActuatorJsonHints.class)
public final class FluxgateEndpointAutoConfiguration {

    /** Used by Spring. */
    FluxgateEndpointAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    TransitionHistory fluxgateTransitionHistory() {
        return new TransitionHistory();
    }

    @Bean
    @ConditionalOnMissingBean
    FluxgateEndpoint fluxgateEndpoint(CircuitBreakerRegistry registry, ObjectProvider<KeyedBreakers> keyed,
            TransitionHistory history) {
        KeyedBreakers families = keyed.getIfAvailable();
        return families == null ? new FluxgateEndpoint(registry, history)
                : new FluxgateEndpoint(registry, families, history);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(FluxgateEndpoint.class)
    @ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
    FluxgateEndpointWebExtension fluxgateEndpointWebExtension(FluxgateEndpoint endpoint,
            ObjectProvider<FleetScope> fleet) {
        return new FluxgateEndpointWebExtension(endpoint, fleet.getIfAvailable());
    }
}
