package io.fluxgate.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.spring.TestRegistryConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class FluxgateEndpointAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FluxgateEndpointAutoConfiguration.class))
            .withUserConfiguration(TestRegistryConfiguration.class);

    @Test
    void registersTheEndpointItsWebExtensionAndHistoryWhenExposedOverTheWeb() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=fluxgate").run(context -> {
            assertThat(context).hasSingleBean(FluxgateEndpoint.class)
                    .hasSingleBean(FluxgateEndpointWebExtension.class).hasSingleBean(TransitionHistory.class);
            assertThat(context.getBean(TransitionHistory.class)
                    .isAttachedTo(context.getBean(CircuitBreakerRegistry.class).get("payment_api").orElseThrow()))
                    .as("the history is a listener bean, so breakers built with listener beans get it").isTrue();
        });
    }

    @Test
    void backsOffWhenTheEndpointIsNotExposed() {
        runner.run(context -> assertThat(context).doesNotHaveBean(FluxgateEndpoint.class)
                .doesNotHaveBean(TransitionHistory.class));
    }

    @Test
    void backsOffWhenAccessToTheEndpointIsNone() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=fluxgate",
                "management.endpoint.fluxgate.access=NONE")
                .run(context -> assertThat(context).doesNotHaveBean(FluxgateEndpoint.class));
    }

    @Test
    void registersNoWebExtensionWhenExposedOnlyOverJmx() {
        runner.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=fluxgate")
                .run(context -> assertThat(context).hasSingleBean(FluxgateEndpoint.class)
                        .doesNotHaveBean(FluxgateEndpointWebExtension.class));
    }

    @Test
    void backsOffWithoutARegistry() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FluxgateEndpointAutoConfiguration.class))
                .withPropertyValues("management.endpoints.web.exposure.include=fluxgate")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(FluxgateEndpoint.class));
    }

    @Test
    void backsOffWithoutTheActuatorOnTheClassPath() {
        runner.withClassLoader(new FilteredClassLoader(Endpoint.class))
                .withPropertyValues("management.endpoints.web.exposure.include=fluxgate")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(FluxgateEndpoint.class));
    }

    @Test
    void usesTheApplicationsOwnHistory() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=fluxgate")
                .withUserConfiguration(OwnHistory.class)
                .run(context -> assertThat(context.getBean(TransitionHistory.class).capacity()).isEqualTo(3));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnHistory {

        @Bean
        TransitionHistory transitionHistory() {
            return new TransitionHistory(3);
        }
    }
}
