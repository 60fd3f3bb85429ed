package io.fluxgate.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.CircuitBreaker;
import io.fluxgate.spring.CircuitBreakerFactory;
import io.fluxgate.spring.aot.AheadOfTime;
import io.fluxgate.trackers.Tracker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;

class TrackerClassesAotProcessorTests {

    private static final Class<?>[] STARTER = { Starter.class };

    @Test
    void hintsEveryClassThatATrackerOfABreakerOrOfTheDefaultsNames() {
        RuntimeHints hints = AheadOfTime.hints(STARTER,
                "fluxgate.defaults.tracker=TypeOf(java.util.concurrent.TimeoutException)",
                "fluxgate.breakers.payment_api.tracker=TypeOf(java.io.IOException)"
                        + " & ~TypeOf(java.net.ConnectException)",
                "fluxgate.breakers.[a.b].tracker=TypeOf(java.io.UncheckedIOException)");

        assertThat(hints).matches(RuntimeHintsPredicates.reflection().onType(TimeoutException.class))
                .matches(RuntimeHintsPredicates.reflection().onType(IOException.class))
                .matches(RuntimeHintsPredicates.reflection().onType(ConnectException.class))
                .matches(RuntimeHintsPredicates.reflection().onType(UncheckedIOException.class));
    }

    @Test
    void hintsNoOtherClassThanTheOnesNamed() {
        RuntimeHints hints = AheadOfTime.hints(STARTER,
                "fluxgate.breakers.payment_api.tracker=TypeOf(java.io.IOException)");

        assertThat(hints).matches(RuntimeHintsPredicates.reflection().onType(IOException.class))
                .matches(RuntimeHintsPredicates.reflection().onType(ConnectException.class).negate());
    }

    @Test
    void aCustomTrackerNeedsOnlyItsBeanAndIsNoClassToHint() {
        RuntimeHints hints = AheadOfTime.hints(new Class<?>[] { Starter.class, CustomTracker.class },
                "fluxgate.breakers.payment_api.tracker=Custom(transientErrors) | TypeOf(java.io.IOException)");

        assertThat(hints).matches(RuntimeHintsPredicates.reflection().onType(IOException.class));
    }

    @Test
    void aCustomTrackerWithoutItsBeanFailsTheBuildAsItWouldFailStartUp() {
        assertThatThrownBy(() -> AheadOfTime.hints(STARTER,
                "fluxgate.breakers.payment_api.tracker=Custom(transientErrors)"))
                .satisfies(failure -> assertThat(NestedExceptionUtils.getMostSpecificCause(failure))
                        .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageContaining("fluxgate.breakers.payment_api.tracker")
                        .hasMessageContaining("Unknown bean 'transientErrors' at column 8"));
    }

    @Test
    void anUnknownClassFailsTheBuildWithThePropertyPath() {
        assertThatThrownBy(() -> AheadOfTime.hints(STARTER, "fluxgate.defaults.tracker=TypeOf(java.io.IOExeption)"))
                .satisfies(failure -> assertThat(NestedExceptionUtils.getMostSpecificCause(failure))
                        .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageContaining("fluxgate.defaults.tracker")
                        .hasMessageContaining("Unknown class 'java.io.IOExeption'"));
    }

    @Test
    void aFactoryOfYourOwnParsesNothingSoNothingIsHinted() {
        RuntimeHints hints = AheadOfTime.hints(new Class<?>[] { Starter.class, OwnFactory.class },
                "fluxgate.breakers.payment_api.tracker=TypeOf(java.net.ConnectException)");

        assertThat(hints).matches(RuntimeHintsPredicates.reflection().onType(ConnectException.class).negate());
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(FluxgateAutoConfiguration.class)
    static class Starter {
    }

    @Configuration(proxyBeanMethods = false)
    static class CustomTracker {

        @Bean
        Tracker transientErrors() {
            return error -> error instanceof IllegalStateException;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnFactory {

        @Bean
        CircuitBreakerFactory ownFactory() {
            return CircuitBreaker::ofDefaults;
        }
    }
}
