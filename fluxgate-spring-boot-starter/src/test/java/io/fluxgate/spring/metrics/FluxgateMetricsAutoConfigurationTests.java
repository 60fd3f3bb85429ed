package io.fluxgate.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.spring.TestRegistryConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class FluxgateMetricsAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                    SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                    FluxgateMetricsAutoConfiguration.class))
            .withUserConfiguration(TestRegistryConfiguration.class);

    @Test
    void bindsMetersOfEveryBreakerToTheApplicationsMeterRegistry() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(FluxgateMetrics.class).hasSingleBean(TransitionCounts.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            context.getBean(CircuitBreakerRegistry.class).get("payment_api").orElseThrow().forceOpen();

            assertThat(meters.get(FluxgateMetrics.STATE).tags("name", "payment_api", "state", "forced_open").gauge()
                    .value()).isEqualTo(1.0);
            assertThat(meters.get(FluxgateMetrics.TRANSITIONS)
                    .tags("name", "payment_api", "from", "closed", "to", "forced_open")
                    .functionCounter()
                    .count()).as("TransitionCounts is a listener bean, so the breaker was built with it")
                    .isEqualTo(1.0);
        });
    }

    @Test
    void backsOffWithoutAMeterRegistry() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FluxgateMetricsAutoConfiguration.class))
                .withUserConfiguration(TestRegistryConfiguration.class)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(FluxgateMetrics.class)
                        .doesNotHaveBean(TransitionCounts.class));
    }

    @Test
    void backsOffWithoutARegistry() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                        SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                        FluxgateMetricsAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(FluxgateMetrics.class));
    }

    @Test
    void backsOffWithoutMicrometerOnTheClassPath() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FluxgateMetricsAutoConfiguration.class))
                .withUserConfiguration(TestRegistryConfiguration.class, OwnMeterRegistry.class)
                .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(FluxgateMetrics.class));
    }

    @Test
    void bindsToAMeterRegistryTheApplicationDefinesItself() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FluxgateMetricsAutoConfiguration.class))
                .withUserConfiguration(TestRegistryConfiguration.class, OwnMeterRegistry.class)
                .run(context -> assertThat(context).hasSingleBean(FluxgateMetrics.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnMeterRegistry {

        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}
