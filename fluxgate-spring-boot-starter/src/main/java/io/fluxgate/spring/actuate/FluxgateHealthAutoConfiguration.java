package io.fluxgate.spring.actuate;

import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.spring.KeyedBreakers;
import io.fluxgate.spring.autoconfigure.FluxgateAutoConfiguration;
import io.fluxgate.spring.autoconfigure.FluxgateProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ImportRuntimeHints;

/**
 * Auto-configures the {@code fluxgate} {@link FluxgateHealthIndicator} when Spring Boot's health support is on
 * the class path and there is a {@link CircuitBreakerRegistry}; {@code management.health.fluxgate.enabled=false}
 * turns it off.
 */
@AutoConfiguration(after = FluxgateAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(CircuitBreakerRegistry.class)
@ConditionalOnEnabledHealthIndicator("fluxgate")
@EnableConfigurationProperties(FluxgateProperties.class)
@ImportRuntimeHints(ActuatorJsonHints.class)
public final class FluxgateHealthAutoConfiguration {

    /** Used by Spring. */
    FluxgateHealthAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(name = "fluxgateHealthIndicator")
    FluxgateHealthIndicator fluxgateHealthIndicator(CircuitBreakerRegistry registry,
            ObjectProvider<KeyedBreakers> keyed, FluxgateProperties properties) {
        return new FluxgateHealthIndicator(registry, keyed.getIfAvailable(), properties);
    }
}
