package io.fluxgate.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.slack.SlackListener;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

/** Every bad value stops start-up with Spring Boot's failure analysis naming the property, value and rule. */
class StartupFailureTests {

    private final AtomicReference<ConfigurableApplicationContext> started = new AtomicReference<>();
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withInitializer(context -> started.set(context))
            .withConfiguration(AutoConfigurations.of(FluxgateAutoConfiguration.class));

    private String failureAnalysis(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        return ConfigSources.failureAnalysis(context.getStartupFailure(), started.get());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            tripper | MinRequests(20) & FailureRate(0.5))  | unexpected ')' at column 35
            tripper | FailRate(0.5)                        | unknown tripper 'FailRate' at column 1; expected one of
            tripper | FailureRate(1.5)                     | FailureRate ratio must be in (0, 1], got 1.5 (at column 1)
            window  | CountWindow(0)                       | CountWindow
            retry   | Cooldown(ten)                        | at column 10
            permit  | RampUp(initial=0.5, final=0.1, duration=60s) | RampUp
            tracker | TypeOf(com.example.Missing)          | unknown class 'com.example.Missing' at column 8
            tracker | Custom(noSuchBean)                   | unknown bean 'noSuchBean' at column 8; expected the name
            """)
    void anInvalidExpressionNamesThePropertyTheValueAndTheColumn(String key, String value, String reason) {
        String path = "fluxgate.breakers.payment_api." + key;
        runner.withInitializer(ConfigSources.yaml("fluxgate.breakers.payment_api." + key + ": \"" + value + "\""))
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(failureAnalysis(context))
                            .contains("Invalid value '" + value + "' for configuration property '" + path + "'")
                            .contains("originating from 'class path resource [application.yml]")
                            .containsIgnoringCase(reason);
                });
    }

    @Test
    void anInvalidDefaultNamesTheDefaultsPath() {
        runner.withPropertyValues("fluxgate.defaults.tripper=FailureStreak(0)").run(context -> assertThat(
                failureAnalysis(context)).contains(
                        "Invalid value 'FailureStreak(0)' for configuration property 'fluxgate.defaults.tripper'")
                .contains("FailureStreak"));
    }

    @Test
    void aNameWithDotsIsReportedInBrackets() {
        runner.withInitializer(ConfigSources.yaml("""
                fluxgate.breakers:
                  "[api.v2]":
                    window: CountWindow(-1)
                """)).run(context -> assertThat(failureAnalysis(context))
                .contains("for configuration property 'fluxgate.breakers[api.v2].window'")
                .contains("originating from 'class path resource [application.yml]"));
    }

    @Test
    void maxHalfOpenCallsZeroIsRejected() {
        runner.withInitializer(ConfigSources.yaml("fluxgate.breakers.payment_api.max-half-open-calls: 0"))
                .run(context -> assertThat(failureAnalysis(context))
                        .contains("Invalid value '0' for configuration property "
                                + "'fluxgate.breakers.payment_api.max-half-open-calls'")
                        .contains("maxHalfOpenCalls must be >= 1, got 0"));
    }

    @Test
    void aNonPositiveMaxHalfOpenDurationIsRejected() {
        runner.withInitializer(ConfigSources.yaml("fluxgate.breakers.payment_api.max-half-open-duration: 0s"))
                .run(context -> assertThat(failureAnalysis(context))
                        .contains("Invalid value '0s' for configuration property "
                                + "'fluxgate.breakers.payment_api.max-half-open-duration'")
                        .contains("maxHalfOpenDuration must be > 0, got 0s"));
    }

    @Test
    void aNonPositiveSlowThresholdIsRejected() {
        runner.withPropertyValues("fluxgate.breakers.payment_api.slow-threshold=0s")
                .run(context -> assertThat(failureAnalysis(context))
                        .contains("for configuration property 'fluxgate.breakers.payment_api.slow-threshold'")
                        .contains("slowThreshold must be > 0"));
    }

    @Test
    void untimedCallsWithASlowThresholdNameBothPropertiesAndTheFix() {
        runner.withInitializer(ConfigSources.yaml("""
                fluxgate.breakers.payment_api:
                  measure-durations: false
                  slow-threshold: 2s
                """)).run(context -> assertThat(failureAnalysis(context))
                .contains("Invalid value 'false' for configuration property "
                        + "'fluxgate.breakers.payment_api.measure-durations' (originating from 'class path resource "
                        + "[application.yml] - 2:22')")
                .contains("Circuit breaker 'payment_api': slowThreshold 2s needs measured durations; remove it or "
                        + "keep measureDurations(true). Remove 'fluxgate.breakers.payment_api.slow-threshold' or set "
                        + "'fluxgate.breakers.payment_api.measure-durations' to true."));
    }

    @Test
    void untimedDefaultsWithADurationTripperOfABreakerPointAtBothPlaces() {
        runner.withInitializer(ConfigSources.yaml("""
                fluxgate:
                  defaults:
                    measure-durations: false
                  breakers:
                    payment_api:
                      tripper: MinRequests(5) & AvgLatency(1s)
                """)).run(context -> assertThat(failureAnalysis(context))
                .contains("Invalid value 'false' for configuration property 'fluxgate.defaults.measure-durations' "
                        + "(originating from 'class path resource [application.yml] - 3:24')")
                .contains("Circuit breaker 'payment_api': tripper MinRequests(5) & AvgLatency(1s) reads durations; "
                        + "keep measureDurations(true) or use a tripper without AvgLatency. Change "
                        + "'fluxgate.breakers.payment_api.tripper' or set "
                        + "'fluxgate.breakers.payment_api.measure-durations' to true."));
    }

    @Test
    void anUntimedBreakerUnderADefaultSlowThresholdIsRejected() {
        runner.withInitializer(ConfigSources.yaml("""
                fluxgate:
                  defaults:
                    slow-threshold: 2s
                  breakers:
                    payment_api:
                      measure-durations: false
                """)).run(context -> assertThat(failureAnalysis(context))
                .contains("for configuration property 'fluxgate.breakers.payment_api.measure-durations'")
                .contains("Remove 'fluxgate.defaults.slow-threshold' or set "
                        + "'fluxgate.breakers.payment_api.measure-durations' to true."));
    }

    @Test
    void untimedDefaultsWithADurationTripperAreRejectedWithoutAnyBreaker() {
        runner.withPropertyValues("fluxgate.defaults.measure-durations=false",
                "fluxgate.defaults.tripper=AvgLatency(1s)")
                .run(context -> assertThat(failureAnalysis(context))
                        .contains("for configuration property 'fluxgate.defaults.measure-durations'")
                        .contains("Circuit breaker 'fluxgate.defaults': tripper AvgLatency(1s) reads durations")
                        .contains("Change 'fluxgate.defaults.tripper' or set 'fluxgate.defaults.measure-durations' "
                                + "to true."));
    }

    @Test
    void aMalformedDurationIsRejectedByBinding() {
        runner.withInitializer(ConfigSources.yaml("fluxgate.breakers.payment_api.slow-threshold: two seconds"))
                .run(context -> assertThat(failureAnalysis(context))
                        // Boot's binder reports the canonical name (no '_'); the origin points at the line.
                        .contains("fluxgate.breakers.paymentapi.slow-threshold").contains("two seconds")
                        .contains("Origin: class path resource [application.yml]")
                        .contains("java.time.Duration"));
    }

    @Test
    void anUnknownListenerListsTheAllowedNames() {
        runner.withInitializer(ConfigSources.yaml("fluxgate.breakers.payment_api.listeners: [log, email]"))
                .run(context -> assertThat(failureAnalysis(context))
                        .contains("Invalid value 'email' for configuration property "
                                + "'fluxgate.breakers.payment_api.listeners[1]'")
                        .contains("Unknown listener 'email'; expected one of log, slack."));
    }

    @Test
    void slackWithoutTokenNamesTheMissingProperty() {
        runner.withPropertyValues("fluxgate.slack.channel=#alerts", "fluxgate.defaults.listeners=slack")
                .run(context -> assertThat(failureAnalysis(context))
                        .contains("The 'slack' listener named by 'fluxgate.defaults.listeners' needs the property "
                                + "'fluxgate.slack.token', which is not set.")
                        .contains("Set 'fluxgate.slack.token', or remove 'slack' from 'fluxgate.defaults.listeners'."));
    }

    @Test
    void slackWithoutChannelNamesTheMissingProperty() {
        runner.withPropertyValues("fluxgate.slack.token=xoxb-1", "fluxgate.breakers.a.listeners=slack")
                .run(context -> assertThat(failureAnalysis(context))
                        .contains("needs the property 'fluxgate.slack.channel'"));
    }

    @Test
    void slackWithoutItsModuleSaysWhichModuleToAdd() {
        runner.withClassLoader(new FilteredClassLoader(SlackListener.class))
                .withPropertyValues("fluxgate.slack.channel=#alerts", "fluxgate.slack.token=xoxb-1",
                        "fluxgate.breakers.payment_api.listeners=log,slack")
                .run(context -> assertThat(failureAnalysis(context))
                        .contains("The 'slack' listener named by 'fluxgate.breakers.payment_api.listeners' needs the "
                                + "module io.fluxgate:fluxgate-slack, which is not on the class path.")
                        .contains("Add io.fluxgate:fluxgate-slack to the application's dependencies (it needs "
                                + "nothing beyond fluxgate-core), or remove 'slack' from "
                                + "'fluxgate.breakers.payment_api.listeners'."));
    }

    @Test
    void withoutTheSlackModuleTheMissingModuleIsReportedBeforeMissingProperties() {
        runner.withClassLoader(new FilteredClassLoader(SlackListener.class))
                .withPropertyValues("fluxgate.defaults.listeners=slack")
                .run(context -> assertThat(failureAnalysis(context))
                        .contains("needs the module io.fluxgate:fluxgate-slack")
                        .doesNotContain("fluxgate.slack.channel"));
    }

    @Test
    void aBadSlackBaseUrlIsRejected() {
        runner.withPropertyValues("fluxgate.slack.token=xoxb-1", "fluxgate.slack.channel=#a",
                "fluxgate.slack.base-url=ftp://example.com", "fluxgate.breakers.a.listeners=slack")
                .run(context -> assertThat(failureAnalysis(context))
                        .contains("for configuration property 'fluxgate.slack.base-url'"));
    }

    @Test
    void anUnknownTopLevelKeyIsAnError() {
        runner.withInitializer(ConfigSources.yaml("fluxgate.aspect-ordr: 3"))
                .run(context -> assertThat(failureAnalysis(context))
                        .contains("Unknown property 'fluxgate.aspect-ordr'")
                        .contains("did you mean 'aspect-order'?"));
    }

    @Test
    void anUnknownKeyInsideABreakerIsAnError() {
        runner.withInitializer(ConfigSources.yaml("fluxgate.breakers.payment_api.triper: FailureStreak(3)"))
                .run(context -> assertThat(failureAnalysis(context))
                        .contains("Unknown property 'fluxgate.breakers.payment_api.triper' (originating from 'class "
                                + "path resource [application.yml] - 1:39')")
                        .contains("did you mean 'tripper'?"));
    }

    @Test
    void anUnknownKeyFromAnotherPropertySourceNamesThatSource() {
        runner.withPropertyValues("fluxgate.breakers.payment_api.windw=CountWindow(5)")
                .run(context -> assertThat(failureAnalysis(context))
                        .startsWith("Unknown property 'fluxgate.breakers.payment_api.windw' (originating from "
                                + "'\"fluxgate.breakers.payment_api.windw\" from property source \"test\"'): "
                                + "'fluxgate.breakers.payment_api' has no key 'windw'; did you mean 'window'?"));
    }

    @Test
    void aBreakerBeanWithAConfiguredNameIsAnError() {
        runner.withBean("bean", io.fluxgate.CircuitBreaker.class,
                () -> io.fluxgate.CircuitBreaker.ofDefaults("payment_api"))
                .withPropertyValues("fluxgate.breakers.payment_api.tripper=FailureStreak(3)")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessage(
                        "Circuit breaker 'payment_api' is defined by bean 'bean' and configured under "
                                + "fluxgate.breakers.payment_api; a breaker bean is registered as it is, so remove "
                                + "one of them"));
    }
}
