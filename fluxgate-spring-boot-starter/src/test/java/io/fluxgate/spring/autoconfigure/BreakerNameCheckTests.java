package io.fluxgate.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.spring.CircuitBreaker;
import io.fluxgate.spring.CircuitBreakerFactory;
import io.fluxgate.spring.aop.FluxgateAspectAutoConfiguration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Breaker names that do not match, in a real context with the aspect: WARN by default, a start-up failure with
 * {@code fluxgate.strict-names: true}.
 */
@ExtendWith(OutputCaptureExtension.class)
class BreakerNameCheckTests {

    private static final String CONFIGURED = "fluxgate.breakers: {payment_api: {tripper: FailureStreak(3)}, "
            + "refund_api: {tripper: FailureStreak(2)}}";
    private static final String TYPO = "Circuit breaker 'paymnet_api' is not under fluxgate.breakers, so it is built "
            + "from fluxgate.defaults; did you mean 'payment_api'?";
    private static final String UNUSED = "Circuit breaker 'payment_api' is configured under "
            + "fluxgate.breakers.payment_api but not used: no @CircuitBreaker names it and nothing looked it up in the "
            + "registry during start-up; is 'paymnet_api' (built from fluxgate.defaults) a misspelling of it?";

    private final AtomicReference<ConfigurableApplicationContext> started = new AtomicReference<>();
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withInitializer(context -> started.set(context))
            .withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, FluxgateAutoConfiguration.class,
                    FluxgateAspectAutoConfiguration.class));

    @Test
    void aMisspelledNameIsLoggedWithTheConfiguredNameItWasMeantToBe(CapturedOutput output) {
        runner.withBean(MisspelledClient.class).withBean(RefundClient.class)
                .withInitializer(ConfigSources.yaml(CONFIGURED)).run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(CircuitBreakerRegistry.class).get("paymnet_api").orElseThrow()
                            .config().tripper()).as("built from the defaults").hasToString(
                                    "MinRequests(100) & FailureRate(0.5)");
                    assertThat(output).contains("WARN", TYPO, UNUSED);
                    assertThat(output.toString().lines().filter(line -> line.contains("Circuit breaker '")))
                            .as("one WARN per name, none for refund_api").hasSize(2);
                });
    }

    @Test
    void nameDifferingOnlyInCaseOrDashesGetTheConfiguredSpelling(CapturedOutput output) {
        runner.withBean(DashedClient.class).withBean(CasedClient.class)
                .withInitializer(ConfigSources.yaml("fluxgate.breakers.payment_api.tripper: FailureStreak(3)"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(output).contains("Circuit breaker 'payment-api' is not under fluxgate.breakers, so it"
                            + " is built from fluxgate.defaults; did you mean 'payment_api'?")
                            .contains("Circuit breaker 'PaymentApi' is not under fluxgate.breakers, so it is built "
                                    + "from fluxgate.defaults; did you mean 'payment_api'?");
                });
    }

    @Test
    void strictNamesTurnsEveryMismatchIntoOneStartUpFailure() {
        runner.withBean(MisspelledClient.class).withBean(RefundClient.class)
                .withInitializer(ConfigSources.yaml(CONFIGURED + "\nfluxgate.strict-names: true"))
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(ConfigSources.failureAnalysis(context.getStartupFailure(), started.get()))
                            .isEqualTo(TYPO + "\n" + UNUSED + "\n\nMake the names match: each @CircuitBreaker name "
                                    + "and registry lookup the name of a breaker under fluxgate.breakers, and each "
                                    + "breaker there used. fluxgate.strict-names: true makes these start-up failures;"
                                    + " without it they are logged at WARN and the application starts.");
                });
    }

    @Test
    void strictNamesLetsMatchingNamesStart(CapturedOutput output) {
        runner.withBean(PaymentClient.class).withBean(RefundClient.class)
                .withInitializer(ConfigSources.yaml(CONFIGURED + "\nfluxgate.strict-names: true"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(output).doesNotContain("Circuit breaker '");
                });
    }

    @Test
    void aBreakerLookedUpDuringStartUpIsUsed(CapturedOutput output) {
        runner.withBean(PaymentClient.class).withBean(RefundLookup.class)
                .withInitializer(ConfigSources.yaml(CONFIGURED + "\nfluxgate.strict-names: true"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(RefundLookup.class).breaker.name()).isEqualTo("refund_api");
                    assertThat(output).doesNotContain("Circuit breaker '");
                });
    }

    @Test
    void aNameCloseToNoneIsLoggedWithoutASuggestion(CapturedOutput output) {
        runner.withBean(PaymentClient.class).withBean(InventoryClient.class)
                .withInitializer(ConfigSources.yaml("fluxgate.breakers.payment_api.tripper: FailureStreak(3)"))
                .run(context -> assertThat(output.toString().lines().filter(line -> line.contains("Circuit breaker")))
                        .singleElement().asString().endsWith("Circuit breaker 'inventory' is not under "
                                + "fluxgate.breakers, so it is built from fluxgate.defaults."));
    }

    @Test
    void withoutConfiguredBreakersEveryNameUsesTheDefaultsSilently(CapturedOutput output) {
        runner.withBean(MisspelledClient.class).withPropertyValues("fluxgate.strict-names=true").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(output).doesNotContain("Circuit breaker '");
        });
    }

    @Test
    void aRegistryOfYourOwnIsNotWatchedForLookups(CapturedOutput output) {
        runner.withBean(CircuitBreakerRegistry.class, CircuitBreakerRegistry::new).withBean(PaymentClient.class)
                .withInitializer(ConfigSources.yaml(CONFIGURED)).run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(output).doesNotContain("Circuit breaker '");
                });
    }

    @Test
    void aFactoryOfYourOwnBuildsNothingFromTheDefaults(CapturedOutput output) {
        CircuitBreakerFactory own = io.fluxgate.CircuitBreaker::ofDefaults;
        runner.withBean(CircuitBreakerFactory.class, () -> own).withBean(MisspelledClient.class)
                .withInitializer(ConfigSources.yaml("fluxgate.breakers.payment_api.tripper: FailureStreak(3)"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(output).doesNotContain("Circuit breaker 'paymnet_api'")
                            .contains("Circuit breaker 'payment_api' is configured under fluxgate.breakers.payment_api"
                                    + " but not used: no @CircuitBreaker names it and nothing looked it up in the "
                                    + "registry during start-up.");
                });
    }

    @Test
    void checksOnceAtStartUpAndRecordsNothingAfterwards() {
        runner.withBean(PaymentClient.class).withInitializer(ConfigSources.yaml(CONFIGURED)).run(context -> {
            BreakerNameCheck check = context.getBean(BreakerNameCheck.class);
            assertThat(check.problems()).singleElement().asString().startsWith("Circuit breaker 'refund_api'");

            context.getBean(CircuitBreakerRegistry.class).get("refund_api");
            context.getBean(CircuitBreakerFactory.class).create("later");

            assertThat(check.problems()).as("after start-up nothing is recorded").singleElement().asString()
                    .startsWith("Circuit breaker 'refund_api'");
        });
    }

    static class PaymentClient {

        @CircuitBreaker(name = "payment_api")
        public String charge() {
            return "charged";
        }
    }

    static class MisspelledClient {

        @CircuitBreaker(name = "paymnet_api")
        public String charge() {
            return "charged";
        }
    }

    static class DashedClient {

        @CircuitBreaker(name = "payment-api")
        public String charge() {
            return "charged";
        }
    }

    static class CasedClient {

        @CircuitBreaker(name = "PaymentApi")
        public String charge() {
            return "charged";
        }
    }

    @CircuitBreaker(name = "refund_api")
    static class RefundClient {

        public String refund() {
            return "refunded";
        }
    }

    static class InventoryClient {

        @CircuitBreaker(name = "inventory")
        public int stock() {
            return 3;
        }
    }

    /** Takes its breaker from the registry when created, as code without the annotation does. */
    static class RefundLookup {

        final io.fluxgate.CircuitBreaker breaker;

        RefundLookup(CircuitBreakerRegistry registry) {
            this.breaker = registry.get("refund_api").orElseThrow();
        }
    }
}
