package io.fluxgate.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.spring.autoconfigure.FluxgateAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * The sample app does not depend on {@code io.fluxgate:fluxgate-slack}, so it is really absent here (the
 * starter's own tests can only filter it out): the starter loads without it, and naming the {@code slack}
 * listener stops start-up with Spring Boot's failure report saying which module to add.
 */
@ExtendWith(OutputCaptureExtension.class)
class WithoutSlackModuleTests {

    @Test
    void namingSlackStopsStartUpWithTheModuleToAdd(CapturedOutput output) {
        assertThat(ClassUtils.isPresent("io.fluxgate.slack.SlackListener", getClass().getClassLoader()))
                .as("fluxgate-slack is not a dependency of the sample app").isFalse();
        SpringApplication application = new SpringApplication(FluxgateOnly.class);
        application.setWebApplicationType(WebApplicationType.NONE);

        assertThatException().isThrownBy(() -> application.run("--spring.config.name=no-such-config",
                "--fluxgate.breakers.payment_api.listeners=log,slack").close());

        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("The 'slack' listener named by 'fluxgate.breakers.payment_api.listeners' needs the module "
                        + "io.fluxgate:fluxgate-slack, which is not on the class path.")
                .contains("Add io.fluxgate:fluxgate-slack to the application's dependencies");
    }

    @Test
    void startsWithoutItWhenNoBreakerNamesSlack() {
        SpringApplication application = new SpringApplication(FluxgateOnly.class);
        application.setWebApplicationType(WebApplicationType.NONE);

        try (ConfigurableApplicationContext context = application.run("--spring.config.name=no-such-config",
                "--fluxgate.breakers.payment_api.listeners=log")) {
            assertThat(context.getBean(CircuitBreakerRegistry.class).get("payment_api")).isPresent();
        }
    }

    @Configuration(proxyBeanMethods = false) // not @SpringBootConfiguration: the other tests find SampleApplication
    @ImportAutoConfiguration(FluxgateAutoConfiguration.class)
    static class FluxgateOnly {
    }
}
