package io.fluxgate.spring.metrics;

import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.spring.KeyedBreakers;
import io.fluxgate.spring.autoconfigure.FluxgateAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures {@link FluxgateMetrics} when Micrometer is on the class path and there are a
 * {@link MeterRegistry} and a {@link CircuitBreakerRegistry}, for its breakers and the {@link KeyedBreakers}
 * families. Spring Boot binds the binder to the application's meter registry; the {@link TransitionCounts}
 * listener counts transitions for it.
 */
// Spring Boot's metrics auto-configurations by name: spring-boot-micrometer-metrics is an optional dependency.
@AutoConfiguration(after = FluxgateAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ CircuitBreakerRegistry.class, MeterRegistry.class })
public final class FluxgateMetricsAutoConfiguration {

    /** Used by Spring. */
    FluxgateMetricsAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    TransitionCounts fluxgateTransitionCounts() {
        return new TransitionCounts();
    }

    @Bean
    @ConditionalOnMissingBean
    FluxgateMetrics fluxgateMetrics(CircuitBreakerRegistry breakers, ObjectProvider<KeyedBreakers> keyed,
            TransitionCounts transitions) {
        KeyedBreakers families = keyed.getIfAvailable();
        return families == null ? new FluxgateMetrics(breakers, transitions)
                : new FluxgateMetrics(breakers, families, transitions);
    }
}
