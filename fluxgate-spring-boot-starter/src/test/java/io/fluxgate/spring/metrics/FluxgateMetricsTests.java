package io.fluxgate.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.CircuitBreaker;
import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.State;
import io.fluxgate.spring.TestBreakers;
import io.fluxgate.spring.TestBreakers.ManualTicker;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FluxgateMetricsTests {

    private final ManualTicker ticker = new ManualTicker();
    private final TransitionCounts transitions = new TransitionCounts();
    private final CircuitBreakerRegistry breakers = new CircuitBreakerRegistry();
    private final CircuitBreaker payments = breakers.register(
            TestBreakers.builder("payment_api", ticker).listener(transitions).build());
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void timesCallsByOutcomeAndSlownessAtScrapeTime() {
        new FluxgateMetrics(breakers, transitions).bindTo(meters);
        TestBreakers.succeed(payments);
        TestBreakers.succeedAfter(payments, ticker, Duration.ofSeconds(3));
        TestBreakers.fail(payments);
        TestBreakers.fail(payments);
        TestBreakers.rejected(payments);

        assertThat(calls("success", "false").count()).isEqualTo(1);
        assertThat(calls("success", "true").count()).isEqualTo(1);
        assertThat(calls("success", "true").totalTime(TimeUnit.SECONDS)).isEqualTo(3.0);
        assertThat(calls("failure", "false").count()).isEqualTo(2);
        assertThat(calls("ignored", "false").count()).isZero();
        assertThat(calls("rejected", "false").count()).isEqualTo(1);
        assertThat(meters.find(FluxgateMetrics.CALLS).tag("outcome", "rejected").tag("slow", "true").meter())
                .as("rejected calls are never slow").isNull();
    }

    @Test
    void gaugesOneForTheCurrentStateAndZeroForTheOthers() {
        new FluxgateMetrics(breakers, transitions).bindTo(meters);
        assertThat(state("closed")).isEqualTo(1.0);
        assertThat(state("half_open")).isZero();

        TestBreakers.open(payments);
        ticker.advance(TestBreakers.COOLDOWN);
        payments.run(() -> assertThat(state("half_open")).isEqualTo(1.0));

        assertThat(meters.find(FluxgateMetrics.STATE).tag("name", "payment_api").gauges()).hasSize(State.values()
                .length)
                .allSatisfy(gauge -> assertThat(gauge.value())
                        .isEqualTo(gauge.getId().getTag("state").equals("closed") ? 1.0 : 0.0));
    }

    @Test
    void countsTransitionsByFromAndTo() {
        TestBreakers.open(payments);
        new FluxgateMetrics(breakers, transitions).bindTo(meters);
        payments.reset();
        TestBreakers.open(payments);
        payments.forceOpen();

        assertThat(transitionCount("closed", "open")).isEqualTo(2.0);
        assertThat(transitionCount("open", "closed")).isEqualTo(1.0);
        assertThat(transitionCount("open", "forced_open")).isEqualTo(1.0);
        assertThat(transitionCount("half_open", "closed")).isZero();
    }

    @Test
    void registersEveryReachableTransitionAtZeroBeforeTheFirstOne() {
        new FluxgateMetrics(breakers, transitions).bindTo(meters);
        assertThat(transitionCount("closed", "open")).isZero();

        TestBreakers.open(payments);

        assertThat(transitionCount("closed", "open")).isEqualTo(1.0);
        // 3 automatic (CLOSED->OPEN, OPEN->HALF_OPEN, HALF_OPEN->OPEN), from each of the 6 states to CLOSED,
        // and to each of the 3 other manual states but itself.
        assertThat(meters.find(FluxgateMetrics.TRANSITIONS).tag("name", "payment_api").functionCounters())
                .hasSize(3 + 6 + 3 * 5)
                .extracting(counter -> counter.getId().getTag("from") + "->" + counter.getId().getTag("to"))
                .contains("half_open->closed", "closed->closed", "disabled->forced_open", "open->metrics_only")
                .doesNotContain("forced_open->forced_open", "closed->half_open");
    }

    @Test
    void registersNoTransitionAtZeroForABreakerTheCountsAreNotAttachedTo() {
        breakers.register(TestBreakers.builder("inventory", ticker).build());
        new FluxgateMetrics(breakers, transitions).bindTo(meters);

        assertThat(meters.find(FluxgateMetrics.TRANSITIONS).tag("name", "inventory").functionCounters())
                .as("a 0 there would claim that nothing happened").isEmpty();
    }

    @Test
    void gaugesRatesOverTheWindowAndNaNWhileItIsEmpty() {
        new FluxgateMetrics(breakers, transitions).bindTo(meters);
        assertThat(gauge(FluxgateMetrics.FAILURE_RATE, "payment_api")).isNaN();
        assertThat(gauge(FluxgateMetrics.SLOW_RATE, "payment_api")).isNaN();

        payments.metricsOnly();
        TestBreakers.succeedAfter(payments, ticker, Duration.ofSeconds(3));
        TestBreakers.fail(payments);
        TestBreakers.fail(payments);
        TestBreakers.succeed(payments);

        assertThat(gauge(FluxgateMetrics.FAILURE_RATE, "payment_api")).isEqualTo(0.5);
        assertThat(gauge(FluxgateMetrics.SLOW_RATE, "payment_api")).isEqualTo(0.25);
    }

    @Test
    void bindsBreakersAddedLaterAndRemovesTheMetersOfRemovedOnes() {
        new FluxgateMetrics(breakers, transitions).bindTo(meters);
        CircuitBreaker inventory = breakers.register(
                TestBreakers.builder("inventory", ticker).listener(transitions).build());
        inventory.forceOpen();
        TestBreakers.rejected(inventory);

        assertThat(meters.find(FluxgateMetrics.CALLS).tag("name", "inventory").tag("outcome", "rejected")
                .functionTimer().count()).isEqualTo(1);
        assertThat(meters.find(FluxgateMetrics.STATE).tag("name", "inventory").tag("state", "forced_open")
                .gauge().value()).isEqualTo(1.0);
        assertThat(meters.find(FluxgateMetrics.TRANSITIONS).tag("name", "inventory").tag("from", "closed")
                .tag("to", "forced_open").functionCounter().count())
                .isEqualTo(1.0);

        breakers.remove("inventory");

        assertThat(meters.getMeters()).extracting(meter -> meter.getId().getTag("name"))
                .isNotEmpty().containsOnly("payment_api");
    }

    @Test
    void registersTransitionsSeenBeforeTheirBreakerWasAdded() {
        CircuitBreaker early = TestBreakers.builder("early", ticker).listener(transitions).build();
        early.forceOpen();
        new FluxgateMetrics(breakers, transitions).bindTo(meters);
        assertThat(meters.find(FluxgateMetrics.TRANSITIONS).tag("name", "early").functionCounter()).isNull();

        breakers.register(early);

        assertThat(meters.find(FluxgateMetrics.TRANSITIONS).tag("name", "early").tag("from", "closed")
                .tag("to", "forced_open").functionCounter().count()).isEqualTo(1.0);
    }

    @Test
    void tagsEveryMeterWithTheBreakersName() {
        new FluxgateMetrics(breakers, transitions).bindTo(meters);
        payments.forceOpen();

        assertThat(meters.getMeters()).isNotEmpty()
                .allSatisfy(meter -> assertThat(meter.getId().getTag("name")).isEqualTo("payment_api"))
                .extracting(meter -> meter.getId().getName()).containsOnly(FluxgateMetrics.CALLS,
                        FluxgateMetrics.STATE, FluxgateMetrics.TRANSITIONS, FluxgateMetrics.FAILURE_RATE,
                        FluxgateMetrics.SLOW_RATE);
    }

    private FunctionTimer calls(String outcome, String slow) {
        return meters.get(FluxgateMetrics.CALLS).tags("name", "payment_api", "outcome", outcome, "slow", slow)
                .functionTimer();
    }

    private double state(String state) {
        return meters.get(FluxgateMetrics.STATE).tags("name", "payment_api", "state", state).gauge().value();
    }

    private double transitionCount(String from, String to) {
        return meters.get(FluxgateMetrics.TRANSITIONS).tags("name", "payment_api", "from", from, "to", to)
                .functionCounter().count();
    }

    private double gauge(String name, String breaker) {
        return meters.get(name).tag("name", breaker).gauge().value();
    }
}
