package io.fluxgate.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.spring.TestRegistryConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class FluxgateHealthAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FluxgateHealthAutoConfiguration.class))
            .withUserConfiguration(TestRegistryConfiguration.class);

    @Test
    void registersTheIndicatorAsFluxgateHealthIndicator() {
        runner.run(context -> assertThat(context).hasSingleBean(FluxgateHealthIndicator.class)
                .hasBean("fluxgateHealthIndicator"));
    }

    @Test
    void readsDownWhenOpenFromProperties() {
        runner.withPropertyValues("fluxgate.breakers.payment_api.health.down-when-open=true").run(context -> {
            context.getBean(CircuitBreakerRegistry.class).get("payment_api").orElseThrow().forceOpen();
            assertThat(context.getBean(FluxgateHealthIndicator.class).health().getStatus()).isEqualTo(Status.DOWN);
        });
    }

    @Test
    void backsOffWhenDisabled() {
        runner.withPropertyValues("management.health.fluxgate.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(FluxgateHealthIndicator.class));
    }

    @Test
    void backsOffWhenHealthIndicatorsAreDisabledByDefault() {
        runner.withPropertyValues("management.health.defaults.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(FluxgateHealthIndicator.class));
    }

    @Test
    void backsOffWithoutARegistry() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FluxgateHealthAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(FluxgateHealthIndicator.class));
    }

    @Test
    void backsOffWithoutSpringBootHealthOnTheClassPath() {
        runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(FluxgateHealthIndicator.class));
    }
}
