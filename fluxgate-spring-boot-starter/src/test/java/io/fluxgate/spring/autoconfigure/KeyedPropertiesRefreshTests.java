package io.fluxgate.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.fluxgate.CircuitBreaker;
import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.KeyedCircuitBreaker;
import io.fluxgate.State;
import io.fluxgate.spring.KeyedBreakers;
import io.fluxgate.spring.TestBreakers.ManualTicker;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.core.env.MapPropertySource;

/**
 * Keyed families follow changed {@code fluxgate.*} properties like plain breakers: every key's breaker is
 * reconfigured in place, keys built afterwards use the new template, and the bounds wait for the next start. The
 * properties change in a property source and Spring Cloud's {@link EnvironmentChangeEvent} is published, as
 * {@code /actuator/refresh} does ({@link PropertiesRefreshIntegrationTests} goes through the endpoint).
 */
@ExtendWith(OutputCaptureExtension.class)
class KeyedPropertiesRefreshTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FluxgateAutoConfiguration.class))
            .withBean(ManualTicker.class)
            .withPropertyValues("fluxgate.breakers.payment_api.tripper=FailureStreak(2)",
                    "fluxgate.breakers.payment_api.retry=Cooldown(10s)",
                    "fluxgate.breakers.payment_api.keys.max=5");

    private static void fail(CircuitBreaker breaker) {
        assertThatIllegalStateException().isThrownBy(() -> breaker.run(() -> {
            throw new IllegalStateException("host down");
        }));
    }

    /** Changes properties the way a refresh does: new values in the environment, then the event. */
    private static void change(AssertableApplicationContext context, String... pairs) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("changed", values));
        context.publishEvent(new EnvironmentChangeEvent(context, values.keySet()));
    }

    @Test
    void reconfiguresEveryKeyInPlaceAndBuildsNewKeysFromTheNewTemplate(CapturedOutput output) {
        runner.run(context -> {
            KeyedCircuitBreaker<Object> family = context.getBean(KeyedBreakers.class).family("payment_api");
            CircuitBreaker a = family.forKey("host-a");
            CircuitBreaker b = family.forKey("host-b");
            fail(b);
            fail(b);
            assertThat(b.state()).isEqualTo(State.OPEN);

            change(context, "fluxgate.breakers.payment_api.tripper", "FailureStreak(1)");

            assertThat(family.forKey("host-a")).isSameAs(a);
            assertThat(family.forKey("host-b")).isSameAs(b);
            assertThat(b.state()).isEqualTo(State.OPEN);
            assertThat(a.config().tripper().toString()).isEqualTo("FailureStreak(1)");
            assertThat(b.config().retry().toString()).isEqualTo("Cooldown(10s)");
            fail(a);
            assertThat(a.state()).isEqualTo(State.OPEN);
            assertThat(family.forKey("host-c").config().tripper().toString()).isEqualTo("FailureStreak(1)");
            assertThat(output.getOut()).contains("Keyed circuit breaker 'payment_api' follows the changed properties"
                    + " with its 2 keys: tripper FailureStreak(2) -> FailureStreak(1)");
        });
    }

    @Test
    void keepsTheBoundsUntilTheNextStartAndSaysSo(CapturedOutput output) {
        runner.run(context -> {
            KeyedCircuitBreaker<Object> family = context.getBean(KeyedBreakers.class).family("payment_api");

            change(context, "fluxgate.breakers.payment_api.keys.max", "9");

            assertThat(family.maxKeys()).isEqualTo(5);
            assertThat(context.getBean(KeyedBreakers.class).family("payment_api")).isSameAs(family);
            assertThat(output.getOut()).contains("WARN").contains("Keyed circuit breaker 'payment_api' keeps its keys"
                    + " bounds until the next start: fluxgate.breakers.payment_api.keys and fluxgate.defaults.keys do"
                    + " not change a running family");
        });
    }

    @Test
    void keepsTheOldTemplateOnABadValue(CapturedOutput output) {
        runner.run(context -> {
            KeyedCircuitBreaker<Object> family = context.getBean(KeyedBreakers.class).family("payment_api");
            CircuitBreaker a = family.forKey("host-a");

            change(context, "fluxgate.breakers.payment_api.tripper", "FailureRate(2)");

            assertThat(a.config().tripper().toString()).isEqualTo("FailureStreak(2)");
            assertThat(family.forKey("host-b").config().tripper().toString()).isEqualTo("FailureStreak(2)");
            assertThat(output.getOut()).contains("Circuit breaker 'payment_api' keeps its configuration")
                    .contains("Invalid value 'FailureRate(2)' for configuration property"
                            + " 'fluxgate.breakers.payment_api.tripper'");
        });
    }

    @Test
    void aKeysBlockAddedToARunningNameWaitsForTheNextStart(CapturedOutput output) {
        runner.withPropertyValues("fluxgate.breakers.inventory.tripper=FailureStreak(3)").run(context -> {
            CircuitBreaker inventory = context.getBean(CircuitBreakerRegistry.class).get("inventory").orElseThrow();

            change(context, "fluxgate.breakers.inventory.keys.max", "3",
                    "fluxgate.breakers.shipping.keys.max", "3");

            assertThat(context.getBean(CircuitBreakerRegistry.class).get("inventory")).containsSame(inventory);
            assertThat(context.getBean(CircuitBreakerRegistry.class).get("shipping"))
                    .as("a new keyed name is not a plain breaker").isEmpty();
            assertThat(output.getOut()).contains("Circuit breaker 'inventory' becomes keyed at the next start")
                    .contains("Circuit breaker 'shipping' becomes keyed at the next start");
        });
    }
}
