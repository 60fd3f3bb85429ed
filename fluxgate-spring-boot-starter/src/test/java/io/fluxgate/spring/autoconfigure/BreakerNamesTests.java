package io.fluxgate.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.CircuitBreaker;
import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.spring.CircuitBreakerFactory;
import io.fluxgate.trippers.FailureStreak;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Breaker names are kept exactly as written, from real YAML and properties sources. */
class BreakerNamesTests {

    private final AtomicReference<ConfigurableApplicationContext> started = new AtomicReference<>();
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withInitializer(context -> started.set(context))
            .withConfiguration(AutoConfigurations.of(FluxgateAutoConfiguration.class));

    @Test
    void keepsNamesFromYamlExactly() {
        runner.withInitializer(ConfigSources.yaml("""
                fluxgate.breakers:
                  payment_api: {tripper: FailureStreak(1)}
                  PaymentGateway: {tripper: FailureStreak(2)}
                  inventory-service: {tripper: FailureStreak(3)}
                  "[api.v2]": {tripper: FailureStreak(4)}
                  "[Mixed_Case.with-dash]": {tripper: FailureStreak(5)}
                  ORDERS: {tripper: FailureStreak(6)}
                """)).run(context -> {
                    CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
                    assertThat(registry.all()).extracting(CircuitBreaker::name).containsExactlyInAnyOrder(
                            "payment_api", "PaymentGateway", "inventory-service", "api.v2", "Mixed_Case.with-dash",
                            "ORDERS");
                    assertThat(registry.get("payment_api").orElseThrow().config().tripper())
                            .isEqualTo(new FailureStreak(1));
                    assertThat(registry.get("Mixed_Case.with-dash").orElseThrow().config().tripper())
                            .isEqualTo(new FailureStreak(5));
                });
    }

    @Test
    void keepsNamesFromPropertiesExactly() {
        runner.withInitializer(ConfigSources.properties("""
                fluxgate.breakers.payment_api.tripper=FailureStreak(1)
                fluxgate.breakers.PaymentGateway.tripper=FailureStreak(2)
                fluxgate.breakers[api.v2].tripper=FailureStreak(3)
                """)).run(context -> assertThat(context.getBean(CircuitBreakerRegistry.class).all())
                .extracting(CircuitBreaker::name).containsExactlyInAnyOrder("payment_api", "PaymentGateway", "api.v2"));
    }

    @Test
    void anEnvironmentVariableOverridesAConfiguredBreakerWithoutAddingOne() {
        runner.withInitializer(ConfigSources.yaml("fluxgate.breakers.payment_api.tripper: FailureStreak(1)"))
                .withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME
                                + "-test", Map.of("FLUXGATE_BREAKERS_PAYMENTAPI_TRIPPER", "FailureStreak(9)"))))
                .run(context -> {
                    CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
                    assertThat(registry.all()).extracting(CircuitBreaker::name).containsExactly("payment_api");
                    assertThat(registry.get("payment_api").orElseThrow().config().tripper())
                            .isEqualTo(new FailureStreak(9));
                });
    }

    @Test
    void namesThatSpringBootTakesForOneAreRejected() {
        runner.withInitializer(ConfigSources.yaml("""
                fluxgate.breakers:
                  payment_api: {tripper: FailureStreak(1)}
                  PaymentApi: {window: CountWindow(7)}
                """)).run(context -> assertThat(ConfigSources.failureAnalysis(context.getStartupFailure(),
                        started.get())).contains("for configuration property 'fluxgate.breakers'")
                        .contains("Breaker name 'payment_api' and 'PaymentApi' differ only in case, '-' or '_', so "
                                + "Spring Boot binds them as one."));
    }

    @Test
    void aNameWrittenPlainlyAndInBracketsIsRejectedByBinding() {
        runner.withInitializer(ConfigSources.yaml("""
                fluxgate.breakers:
                  a_b: {tripper: FailureStreak(1)}
                  "[a_b]": {window: CountWindow(7)}
                """)).run(context -> assertThat(ConfigSources.failureAnalysis(context.getStartupFailure(),
                        started.get())).contains("Property 'fluxgate.breakers[a_b].window' (originating from 'class "
                                + "path resource [application.yml] - 3:21') was not bound: breaker 'a_b' is also "
                                + "written without brackets"));
    }

    @Test
    void otherPropertySourcesKeepTheirNames() {
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                new MapPropertySource("custom", Map.of("fluxgate.breakers.Payment_API.retry", "Always()"))))
                .run(context -> assertThat(context.getBean(CircuitBreakerRegistry.class).get("Payment_API"))
                        .isPresent());
    }

    @Test
    void theFactoryAndTheRegistryShareOneSettlement() {
        runner.withInitializer(ConfigSources.yaml("""
                fluxgate.breakers:
                  payment_api: {tripper: FailureStreak(1)}
                  "[api.v2]": {tripper: FailureStreak(2)}
                """)).run(context -> {
                    BreakerNames names = context.getBean(BreakerNames.class);
                    assertThat(names.breakers()).containsOnlyKeys("payment_api", "api.v2");
                    assertThat(context.getBean(CircuitBreakerRegistry.class).all()).extracting(CircuitBreaker::name)
                            .containsExactlyInAnyOrderElementsOf(names.breakers().keySet());
                    assertThat(context.getBean(CircuitBreakerFactory.class))
                            .hasToString("PropertiesCircuitBreakerFactory" + names.breakers().keySet());
                });
    }

    @Test
    void withTheFactoryAndTheRegistryReplacedNoNamesAreSettled() {
        CircuitBreakerFactory own = CircuitBreaker::ofDefaults;
        runner.withBean(CircuitBreakerFactory.class, () -> own)
                .withBean(CircuitBreakerRegistry.class, CircuitBreakerRegistry::new)
                .withInitializer(ConfigSources.yaml("""
                        fluxgate.breakers:
                          payment_api: {tripper: FailureStreak(1)}
                          PaymentApi: {window: CountWindow(7)}
                        """)).run(context -> {
                            assertThat(context).hasNotFailed();
                            assertThat(context.getBeanFactory().containsSingleton("fluxgateBreakerNames")).isFalse();
                        });
    }
}
