package io.fluxgate.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.CircuitBreaker;
import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.State;
import io.fluxgate.spring.TestBreakers;
import io.fluxgate.spring.actuate.FluxgateHealthIndicator.BreakerHealth;
import io.fluxgate.spring.autoconfigure.FluxgateProperties;
import io.fluxgate.spring.autoconfigure.FluxgateProperties.Breaker;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class FluxgateHealthIndicatorTests {

    private final CircuitBreakerRegistry registry = new CircuitBreakerRegistry();
    private final CircuitBreaker payments = registry.register(
            TestBreakers.builder("payment_api", new TestBreakers.ManualTicker()).build());

    @Test
    void reportsEachBreakersStateInTheDetails() {
        registry.register(CircuitBreaker.ofDefaults("inventory"));
        payments.forceOpen();

        Health health = indicator(false, Map.of()).health();

        assertThat(health.getDetails()).containsOnlyKeys("inventory", "payment_api");
        assertThat(health.getDetails().get("payment_api"))
                .isEqualTo(new BreakerHealth(State.FORCED_OPEN, TestBreakers.NOW.toString(), 0));
    }

    @ParameterizedTest
    @EnumSource(names = { "OPEN", "FORCED_OPEN" })
    void staysUpWhileABreakerIsOpenUnlessAskedOtherwise(State state) {
        moveTo(state);

        assertThat(indicator(false, Map.of()).health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void goesDownWhileABreakerIsOpenWhenAskedGlobally() {
        TestBreakers.open(payments);

        assertThat(indicator(true, Map.of()).health().getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void goesDownWhileABreakerIsHalfOpenWhenAskedGlobally() {
        TestBreakers.ManualTicker ticker = new TestBreakers.ManualTicker();
        CircuitBreaker probing = registry.register(TestBreakers.builder("probing", ticker).build());
        TestBreakers.open(probing);
        ticker.advance(TestBreakers.COOLDOWN);
        probing.run(() -> assertThat(probing.state()).isEqualTo(State.HALF_OPEN)
                .satisfies(s -> assertThat(indicator(true, Map.of()).health().getStatus()).isEqualTo(Status.DOWN)));
    }

    @ParameterizedTest
    @EnumSource(names = { "CLOSED", "DISABLED", "METRICS_ONLY" })
    void staysUpInStatesThatLetCallsThroughEvenWhenAsked(State state) {
        moveTo(state);

        assertThat(indicator(true, Map.of()).health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aBreakersOwnSettingWinsOverTheGlobalOne() {
        payments.forceOpen();

        assertThat(indicator(false, Map.of("payment_api", breaker(true))).health().getStatus())
                .isEqualTo(Status.DOWN);
        assertThat(indicator(true, Map.of("payment_api", breaker(false))).health().getStatus())
                .isEqualTo(Status.UP);
        assertThat(indicator(true, Map.of("payment_api", breaker(null))).health().getStatus())
                .isEqualTo(Status.DOWN);
    }

    @Test
    void theDefaultsSettingWinsOverTheGlobalOneAndLosesToTheBreakersOwn() {
        payments.forceOpen();

        assertThat(new FluxgateHealthIndicator(registry, new FluxgateProperties(breaker(true), Map.of(), null, null,
                new FluxgateProperties.Health(false), null, false)).health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(new FluxgateHealthIndicator(registry, new FluxgateProperties(breaker(false), Map.of(), null, null,
                new FluxgateProperties.Health(true), null, false)).health().getStatus()).isEqualTo(Status.UP);
        assertThat(new FluxgateHealthIndicator(registry, new FluxgateProperties(breaker(true),
                Map.of("payment_api", breaker(false)), null, null, new FluxgateProperties.Health(true), null, false))
                .health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aBreakersOwnSettingConcernsOnlyThatBreaker() {
        payments.forceOpen();

        assertThat(indicator(false, Map.of("inventory", breaker(true))).health().getStatus()).isEqualTo(Status.UP);
    }

    private void moveTo(State state) {
        switch (state) {
            case OPEN -> TestBreakers.open(payments);
            case FORCED_OPEN -> payments.forceOpen();
            case DISABLED -> payments.disable();
            case METRICS_ONLY -> payments.metricsOnly();
            default -> payments.reset();
        }
        assertThat(payments.state()).isEqualTo(state);
    }

    private FluxgateHealthIndicator indicator(boolean downWhenOpen, Map<String, Breaker> breakers) {
        FluxgateProperties properties = new FluxgateProperties(null, breakers, null, null,
                new FluxgateProperties.Health(downWhenOpen), null, false);
        return new FluxgateHealthIndicator(registry, properties);
    }

    private static Breaker breaker(Boolean downWhenOpen) {
        return new Breaker(null, null, null, null, null, (Duration) null, null, null, null, null,
                new FluxgateProperties.BreakerHealth(downWhenOpen), null);
    }
}
