package io.fluxgate.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Unknown keys under {@code fluxgate} in real YAML: the report names the full path as written, the valid keys at
 * that level and a close one, instead of Spring Boot's binder text.
 */
class UnknownPropertyFailureAnalyzerTests {

    private static final String BREAKER_KEYS = "window, tracker, tripper, retry, permit, slow-threshold, "
            + "max-half-open-calls, max-half-open-duration, measure-durations, listeners, health, keys, fleet";
    private static final String TOP_KEYS = "defaults, breakers, aspect-order, aspect-placement, health, slack, "
            + "strict-names, http, dashboard, fleet";

    private final AtomicReference<ConfigurableApplicationContext> started = new AtomicReference<>();
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withInitializer(context -> started.set(context))
            .withConfiguration(AutoConfigurations.of(FluxgateAutoConfiguration.class));

    private FailureAnalysis analysis(String yaml) {
        AtomicReference<FailureAnalysis> analysis = new AtomicReference<>();
        runner.withInitializer(ConfigSources.yaml(yaml)).run(context -> analysis.set(analyze(context)));
        assertThat(analysis.get()).as("a failure analysis of %s", yaml).isNotNull();
        return analysis.get();
    }

    private FailureAnalysis analyze(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        return ConfigSources.analyze(context.getStartupFailure(), started.get());
    }

    @Test
    void aNearMissInABreakerNamesTheBreakerAsWrittenAndTheKeyItWasMeantToBe() {
        FailureAnalysis analysis = analysis("fluxgate.breakers.payment_api.slow-treshold: 2s");

        assertThat(analysis.getDescription()).isEqualTo("Unknown property 'fluxgate.breakers.payment_api.slow-treshold'"
                + " (originating from 'class path resource [application.yml] - 1:46'): 'fluxgate.breakers.payment_api'"
                + " has no key 'slow-treshold'; did you mean 'slow-threshold'?\n"
                + "Valid keys of 'fluxgate.breakers.payment_api': " + BREAKER_KEYS + ".");
        assertThat(analysis.getDescription()).doesNotContain("paymentapi", "Bindable@");
        assertThat(analysis.getAction()).startsWith("Correct the property or remove it");
    }

    @Test
    void aMisspelledTopLevelKeyIsMatchedAboveTheKeysThatFollowIt() {
        assertThat(analysis("fluxgate.breaker.payment_api.tripper: FailureStreak(3)").getDescription())
                .startsWith("Unknown property 'fluxgate.breaker.payment_api.tripper' (originating from 'class path "
                        + "resource [application.yml] - 1:39'): 'fluxgate' has no key 'breaker'; did you mean "
                        + "'breakers'?\n")
                .endsWith("Valid keys of 'fluxgate': " + TOP_KEYS + ".");
        assertThat(analysis("fluxgate.default.window: CountWindow(10)").getDescription())
                .contains("'fluxgate' has no key 'default'; did you mean 'defaults'?");
        assertThat(analysis("fluxgate.aspect-ordr: 3").getDescription())
                .contains("'fluxgate' has no key 'aspect-ordr'; did you mean 'aspect-order'?");
    }

    @Test
    void aKeyCloseToNothingGetsOnlyTheValidKeys() {
        assertThat(analysis("fluxgate.defaults.timeout: 2s").getDescription()).isEqualTo(
                "Unknown property 'fluxgate.defaults.timeout' (originating from 'class path resource "
                        + "[application.yml] - 1:28'): 'fluxgate.defaults' has no key 'timeout'.\n"
                        + "Valid keys of 'fluxgate.defaults': " + BREAKER_KEYS + ".");
    }

    @Test
    void nestedGroupsListTheirOwnKeys() {
        assertThat(analysis("fluxgate.breakers.PaymentApi.health.down-when-opn: true").getDescription())
                .contains("'fluxgate.breakers.PaymentApi.health' has no key 'down-when-opn'; did you mean "
                        + "'down-when-open'?\nValid keys of 'fluxgate.breakers.PaymentApi.health': down-when-open.");
        assertThat(analysis("fluxgate.slack.tokn: xoxb-1").getDescription())
                .contains("'fluxgate.slack' has no key 'tokn'; did you mean 'token'?\n"
                        + "Valid keys of 'fluxgate.slack': channel, token, base-url, request-timeout.");
    }

    @Test
    void httpClientsListTheirKeysWithTheGroupNameAsWritten() {
        assertThat(analysis("fluxgate.http.clients.payment_api.braker: payment_api").getDescription())
                .contains("'fluxgate.http.clients.payment_api' has no key 'braker'; did you mean 'breaker'?\n"
                        + "Valid keys of 'fluxgate.http.clients.payment_api': breaker.");
        assertThat(analysis("fluxgate.http.client.payments.breaker: payment_api").getDescription())
                .contains("'fluxgate.http' has no key 'client'; did you mean 'clients'?\n"
                        + "Valid keys of 'fluxgate.http': breaker, clients.");
    }

    @Test
    void aBracketedNameKeepsItsBrackets() {
        assertThat(analysis("fluxgate.breakers: {'[api.v2]': {windw: CountWindow(5)}}").getDescription())
                .startsWith("Unknown property 'fluxgate.breakers[api.v2].windw'")
                .contains("'fluxgate.breakers[api.v2]' has no key 'windw'; did you mean 'window'?");
    }

    @Test
    void aValueGivenKeysSaysItTakesAValue() {
        assertThat(analysis("fluxgate.defaults.window.size: 10").getDescription()).isEqualTo(
                "Unknown property 'fluxgate.defaults.window.size' (originating from 'class path resource "
                        + "[application.yml] - 1:32'): 'fluxgate.defaults.window' takes a value, not keys such as "
                        + "'size'.");
    }

    @Test
    void everyUnknownKeyIsExplainedOnItsOwnLines() {
        assertThat(analysis("fluxgate: {breakers: {payment_api: {triper: FailureStreak(3)}}, defaults: {windw: "
                + "CountWindow(10)}}").getDescription().lines())
                .filteredOn(line -> line.startsWith("Unknown property"))
                .satisfiesExactlyInAnyOrder(
                        line -> assertThat(line).contains("'fluxgate.breakers.payment_api' has no key 'triper'; did "
                                + "you mean 'tripper'?"),
                        line -> assertThat(line).contains("'fluxgate.defaults' has no key 'windw'; did you mean "
                                + "'window'?"));
    }

    @Test
    void aNameWrittenPlainlyAndInBracketsIsExplainedAsSuch() {
        assertThat(analysis("fluxgate.breakers: {a_b: {max-half-open-calls: 2}, '[a_b]': {max-half-open-calls: 3}}")
                .getDescription()).isEqualTo("Property 'fluxgate.breakers[a_b].max-half-open-calls' (originating "
                        + "from 'class path resource [application.yml] - 1:83') was not bound: breaker 'a_b' is also "
                        + "written without brackets, and Spring Boot binds only one of 'a_b' and '[a_b]', as they are"
                        + " one name to it.\nWrite each breaker's name one way; brackets are needed only for names "
                        + "with characters other than letters, digits, '-' and '_'.");
    }

    @Test
    void leavesOtherPropertiesToSpringBoot() {
        Binder binder = new Binder(ConfigurationPropertySources.from(new MapPropertySource("application.properties",
                Map.of("other.nme", "x"))));

        assertThatExceptionOfType(BindException.class)
                .isThrownBy(() -> binder.bind("other", Bindable.of(OtherProperties.class),
                        new NoUnboundElementsBindHandler(BindHandler.DEFAULT)))
                .satisfies(failure -> {
                    assertThat(failure).hasRootCauseInstanceOf(UnboundConfigurationPropertiesException.class);
                    assertThat(new UnknownPropertyFailureAnalyzer().analyze(failure)).isNull();
                });
    }

    /** Another application's properties, bound as Boot binds {@code ignoreUnknownFields = false}. */
    record OtherProperties(String name) {
    }
}
