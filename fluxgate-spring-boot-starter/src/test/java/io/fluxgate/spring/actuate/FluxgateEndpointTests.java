package io.fluxgate.spring.actuate;

import static io.fluxgate.spring.TestBreakers.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.fluxgate.CircuitBreaker;
import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.State;
import io.fluxgate.spring.TestBreakers;
import io.fluxgate.spring.TestBreakers.ManualTicker;
import io.fluxgate.spring.actuate.BreakerDescriptor.ConfigDescriptor;
import io.fluxgate.spring.actuate.BreakerDescriptor.MetricDescriptor;
import io.fluxgate.spring.actuate.BreakerDescriptor.TransitionDescriptor;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

class FluxgateEndpointTests {

    private final ManualTicker ticker = new ManualTicker();
    private final TransitionHistory history = new TransitionHistory();
    private final CircuitBreakerRegistry registry = new CircuitBreakerRegistry();
    private final CircuitBreaker payments = registry.register(
            TestBreakers.builder("payment_api", ticker).listener(history).build());
    private final FluxgateEndpoint endpoint = new FluxgateEndpoint(registry, history);

    private BreakerDescriptor plain(String name) {
        return (BreakerDescriptor) endpoint.breaker(name);
    }

    @Nested
    class Reading {

        @Test
        void listsEveryBreakerByName() {
            registry.register(CircuitBreaker.ofDefaults("inventory"));

            assertThat(endpoint.breakers().breakers()).containsOnlyKeys("inventory", "payment_api");
        }

        @Test
        void describesAFreshBreakerWithUndefinedRatesAsNull() {
            BreakerDescriptor breaker = plain("payment_api");

            assertThat(breaker).isNotNull();
            assertThat(breaker.state()).isEqualTo(State.CLOSED);
            assertThat(breaker.changedAt()).isEqualTo(NOW.toString());
            assertThat(breaker.reopens()).isZero();
            assertThat(breaker.metric()).isEqualTo(new MetricDescriptor(0, 0, 0, null, null, null));
            assertThat(breaker.recentTransitions()).isEmpty();
        }

        @Test
        void describesTheWindowWithNumbers() {
            TestBreakers.succeedAfter(payments, ticker, Duration.ofSeconds(3));
            TestBreakers.succeed(payments);
            TestBreakers.succeed(payments);
            TestBreakers.fail(payments);

            MetricDescriptor metric = plain("payment_api").metric();

            assertThat(metric).isEqualTo(new MetricDescriptor(4, 1, 1, 0.25, 0.25, 750.0));
        }

        @Test
        void showsTheConfigurationInExpressionForm() {
            ConfigDescriptor config = plain("payment_api").config();

            assertThat(config).isEqualTo(new ConfigDescriptor("CountWindow(10)", "All()",
                    "MinRequests(2) & FailureRate(0.5)", "Cooldown(10s)", "All()", "2s", 1, "1m"));
        }

        @Test
        void showsNoSlowThresholdAsNull() {
            registry.register(CircuitBreaker.ofDefaults("inventory"));

            assertThat(plain("inventory").config().slowThreshold()).isNull();
        }

        @Test
        void listsRecentTransitionsLatestFirstWithReasons() {
            TestBreakers.open(payments);
            ticker.advance(TestBreakers.COOLDOWN);
            TestBreakers.succeed(payments);

            assertThat(plain("payment_api").recentTransitions())
                    .extracting(TransitionDescriptor::from, TransitionDescriptor::to)
                    .containsExactly(tuple(State.HALF_OPEN, State.CLOSED),
                            tuple(State.OPEN, State.HALF_OPEN),
                            tuple(State.CLOSED, State.OPEN));
            assertThat(plain("payment_api").recentTransitions()).last()
                    .satisfies(t -> assertThat(t.reason()).contains("FailureRate(0.5)"))
                    .satisfies(t -> assertThat(t.time()).isEqualTo(NOW.toString()));
        }

        @Test
        void showsRecentTransitionsAsNullForABreakerBuiltWithoutTheHistory() {
            registry.register(CircuitBreaker.ofDefaults("inventory"));

            assertThat(plain("inventory").recentTransitions()).isNull();
        }

        @Test
        void returnsNullForAnUnknownBreaker() {
            assertThat(plain("payment-api")).isNull();
        }
    }

    @Nested
    class ChangingState {

        @ParameterizedTest
        @CsvSource({ "FORCED_OPEN, forceOpen()", "DISABLED, disable()", "METRICS_ONLY, metricsOnly()" })
        void movesTheBreakerAndReturnsItsNewView(State state, String reason) {
            BreakerDescriptor breaker = endpoint.changeState("payment_api", state.name());

            assertThat(payments.state()).isEqualTo(state);
            assertThat(breaker.state()).isEqualTo(state);
            assertThat(breaker.recentTransitions()).first()
                    .isEqualTo(new TransitionDescriptor(State.CLOSED, state, NOW.toString(), reason));
        }

        @Test
        void closedResetsTheBreaker() {
            TestBreakers.open(payments);

            BreakerDescriptor breaker = endpoint.changeState("payment_api", "CLOSED");

            assertThat(breaker.state()).isEqualTo(State.CLOSED);
            assertThat(breaker.metric().totalCount()).isZero();
            assertThat(breaker.recentTransitions()).first().extracting(TransitionDescriptor::reason)
                    .isEqualTo("reset()");
        }

        @Test
        void returnsNullAndCreatesNothingForAnUnknownBreaker() {
            assertThat(endpoint.changeState("payment-api", "FORCED_OPEN")).isNull();
            assertThat(registry.get("payment-api")).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = { "OPEN", "HALF_OPEN", "forced_open", "", "CLOSED " })
        void rejectsAStateThatCannotBeSetListingTheAllowedOnes(String state) {
            assertThatExceptionOfType(InvalidEndpointRequestException.class)
                    .isThrownBy(() -> endpoint.changeState("payment_api", state))
                    .withMessage("Cannot set circuit breaker 'payment_api' to state '" + state
                            + "'; expected one of CLOSED, FORCED_OPEN, DISABLED, METRICS_ONLY");
            assertThat(payments.state()).isEqualTo(State.CLOSED);
        }

        @Test
        void rejectsAMissingState() {
            assertThatExceptionOfType(InvalidEndpointRequestException.class)
                    .isThrownBy(() -> endpoint.changeState("payment_api", null))
                    .satisfies(ex -> assertThat(ex.getReason()).isEqualTo(
                            "Missing 'state' for circuit breaker 'payment_api'; expected one of CLOSED, "
                                    + "FORCED_OPEN, DISABLED, METRICS_ONLY"));
        }
    }
}
