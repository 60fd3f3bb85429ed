package io.fluxgate.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.CircuitBreaker;
import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.KeyedCircuitBreaker;
import io.fluxgate.State;
import io.fluxgate.spring.KeyedBreakers;
import io.fluxgate.spring.TestBreakers;
import io.fluxgate.spring.TestBreakers.ManualTicker;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Meters of keyed families: one set per family by default, a {@code key} tag only when asked for, bounded. */
class KeyedFamilyMetricsTests {

    private static final Duration IDLE = Duration.ofMinutes(1);

    private final ManualTicker ticker = new ManualTicker();
    private final TransitionCounts transitions = new TransitionCounts();
    private final CircuitBreakerRegistry breakers = new CircuitBreakerRegistry();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private KeyedCircuitBreaker<Object> family(String name, int maxKeys) {
        return KeyedCircuitBreaker.builder(TestBreakers.builder(name, ticker).listener(transitions))
                .maxKeys(maxKeys).idleEviction(IDLE).build();
    }

    private KeyedBreakers keyed(Set<String> keyTagged, KeyedCircuitBreaker<Object> family) {
        KeyedBreakers keyed = new KeyedBreakers(name -> {
            throw new IllegalStateException("only registered families");
        }, keyTagged::contains);
        keyed.register(family);
        return keyed;
    }

    private void bind(KeyedBreakers keyed, MeterRegistry registry) {
        new FluxgateMetrics(breakers, keyed, transitions).bindTo(registry);
    }

    @Test
    void sumsCallsOverEveryKeyAndTheOverflowBreakerUnderTheFamilyName() {
        KeyedCircuitBreaker<Object> hosts = family("payment_api", 2);
        bind(keyed(Set.of(), hosts), meters);
        TestBreakers.succeed(hosts.forKey("host-a"));
        TestBreakers.succeedAfter(hosts.forKey("host-b"), ticker, Duration.ofSeconds(3));
        hosts.forKey("host-a").forceOpen();
        hosts.forKey("host-b").forceOpen();
        CircuitBreaker overflow = hosts.forKey("host-c");
        overflow.run(() -> { }); // the family is full of FORCED_OPEN keys: host-c runs on the overflow breaker
        TestBreakers.rejected(hosts.forKey("host-a"));

        assertThat(overflow).isSameAs(hosts.overflow());
        assertThat(calls("payment_api", "success", "false")).isEqualTo(2);
        assertThat(calls("payment_api", "success", "true")).isEqualTo(1);
        assertThat(meters.get(FluxgateMetrics.CALLS).tags("name", "payment_api", "outcome", "success", "slow", "true")
                .functionTimer().totalTime(TimeUnit.SECONDS)).isEqualTo(3.0);
        assertThat(calls("payment_api", "rejected", "false")).isEqualTo(1);
    }

    @Test
    void callCountsNeverGoBackwardsWhenKeysAreDropped() {
        KeyedCircuitBreaker<Object> hosts = family("payment_api", 2);
        bind(keyed(Set.of(), hosts), meters);
        for (int i = 0; i < 3; i++) {
            TestBreakers.succeed(hosts.forKey("host-a"));
        }
        TestBreakers.succeed(hosts.forKey("host-b"));
        assertThat(calls("payment_api", "success", "false")).isEqualTo(4);
        ticker.advance(Duration.ofSeconds(1));
        hosts.evictIdle(); // notes both keys' last use
        ticker.advance(Duration.ofSeconds(1));
        TestBreakers.succeed(hosts.forKey("host-b"));

        TestBreakers.succeed(hosts.forKey("host-c")); // full: drops host-a, the least recently used
        assertThat(hosts.get("host-a")).isEmpty();
        assertThat(calls("payment_api", "success", "false")).isEqualTo(6);

        hosts.evictIdle();
        ticker.advance(IDLE);
        assertThat(hosts.evictIdle()).isEqualTo(2);
        assertThat(hosts.size()).isZero();
        assertThat(calls("payment_api", "success", "false")).as("every dropped key's calls still count")
                .isEqualTo(6);
    }

    @Test
    void gaugesHowManyLiveKeysAreInEachState() {
        KeyedCircuitBreaker<Object> hosts = family("payment_api", 10);
        bind(keyed(Set.of(), hosts), meters);
        TestBreakers.open(hosts.forKey("host-a"));
        TestBreakers.open(hosts.forKey("host-b"));
        TestBreakers.succeed(hosts.forKey("host-c"));
        hosts.forKey("host-d").disable();

        assertThat(keys("payment_api", "open")).isEqualTo(2);
        assertThat(keys("payment_api", "closed")).isEqualTo(1);
        assertThat(keys("payment_api", "disabled")).isEqualTo(1);
        assertThat(keys("payment_api", "half_open")).isZero();
        assertThat(meters.find(FluxgateMetrics.KEYS).tag("name", "payment_api").gauges()).hasSize(6);
    }

    @Test
    void countsTheTransitionsOfEveryKeyUnderTheFamilyNameFromZero() {
        KeyedCircuitBreaker<Object> hosts = family("payment_api", 10);
        bind(keyed(Set.of(), hosts), meters);
        assertThat(transitions("payment_api", "closed", "open")).isZero();

        TestBreakers.open(hosts.forKey("host-a"));
        TestBreakers.open(hosts.forKey("host-b"));
        hosts.forKey("host-b").reset();

        assertThat(transitions("payment_api", "closed", "open")).isEqualTo(2);
        assertThat(transitions("payment_api", "open", "closed")).isEqualTo(1);
        assertThat(meters.find(FluxgateMetrics.TRANSITIONS).tag("name", "payment_api").functionCounters())
                .hasSize(3 + 6 + 3 * 5);
    }

    @Test
    void movesTransitionsCountedBeforeTheFamiliesWereKnownToTheFamily() {
        KeyedCircuitBreaker<Object> hosts = family("payment_api", 10);
        KeyedBreakers keyed = keyed(Set.of(), hosts);
        TestBreakers.open(hosts.forKey("host-a"));

        bind(keyed, meters);

        assertThat(transitions("payment_api", "closed", "open")).isEqualTo(1);
        assertThat(transitions.seen()).extracting(TransitionCounts.Transition::name).containsOnly("payment_api");
        assertThat(transitions.isAttachedTo("payment_api[host-a]")).isFalse();
    }

    @Test
    void hasNoKeyTagNoStateAndNoRateGaugesByDefault() {
        KeyedCircuitBreaker<Object> hosts = family("payment_api", 10);
        bind(keyed(Set.of(), hosts), meters);
        TestBreakers.open(hosts.forKey("host-a"));
        TestBreakers.succeed(hosts.forKey("host-b"));

        assertThat(meters.getMeters()).isNotEmpty()
                .allSatisfy(meter -> assertThat(meter.getId().getTag("key")).isNull())
                .allSatisfy(meter -> assertThat(meter.getId().getTag("name")).isEqualTo("payment_api"))
                .extracting(meter -> meter.getId().getName())
                .containsOnly(FluxgateMetrics.CALLS, FluxgateMetrics.KEYS, FluxgateMetrics.TRANSITIONS);
    }

    @Test
    void thousandsOfKeysLeaveTheMetersAndTheTransitionCountsBounded() {
        KeyedCircuitBreaker<Object> hosts = family("payment_api", 20);
        bind(keyed(Set.of(), hosts), meters);
        int before = meters.getMeters().size();

        churn(hosts, 5_000);

        assertThat(hosts.size()).isEqualTo(20);
        assertThat(meters.getMeters()).hasSize(before);
        assertThat(calls("payment_api", "success", "false")).isEqualTo(5_000);
        assertThat(transitions("payment_api", "closed", "open")).isEqualTo(500);
        assertThat(transitions.seen()).extracting(TransitionCounts.Transition::name).containsOnly("payment_api");
        assertThat(transitions.isAttachedTo("payment_api[key-4999]")).isFalse();
        assertThat(transitions.isAttachedTo("payment_api")).isTrue();
    }

    /** Calls {@code count} keys once each; every tenth key opens and is reset, so it stays droppable. */
    private void churn(KeyedCircuitBreaker<Object> family, int count) {
        for (int i = 0; i < count; i++) {
            CircuitBreaker breaker = family.forKey("key-" + i);
            TestBreakers.succeed(breaker);
            if (i % 10 == 0) {
                TestBreakers.fail(breaker);
                assertThat(breaker.state()).isEqualTo(State.OPEN);
                breaker.reset();
            }
        }
    }

    @Nested
    class KeyTagged {

        @Test
        void bindsMetersPerLiveKeyAndRemovesThemWhenTheKeyIsDropped() {
            KeyedCircuitBreaker<Object> hosts = family("payment_api", 2);
            bind(keyed(Set.of("payment_api"), hosts), meters);
            TestBreakers.open(hosts.forKey("host-a"));
            TestBreakers.succeed(hosts.forKey("host-b"));

            assertThat(meters.get(FluxgateMetrics.KEY_STATE).tags("name", "payment_api", "key", "host-a",
                    "state", "open").gauge().value()).isEqualTo(1.0);
            assertThat(meters.get(FluxgateMetrics.KEY_CALLS).tags("name", "payment_api", "key", "host-b",
                    "outcome", "success", "slow", "false").functionTimer().count()).isEqualTo(1);
            assertThat(meters.get(FluxgateMetrics.KEY_FAILURE_RATE).tags("name", "payment_api", "key", "host-b")
                    .gauge().value()).isZero();
            assertThat(calls("payment_api", "success", "false")).as("the family's own meters stay").isEqualTo(2);

            TestBreakers.succeed(hosts.forKey("host-c")); // full: drops host-b, the only CLOSED key

            assertThat(keysWithMeters()).containsOnly("host-a", "host-c");
            assertThat(calls("payment_api", "success", "false")).isEqualTo(3);
        }

        @Test
        void keepsTheNumberOfMetersBoundedByMaxKeysWithThousandsOfKeys() {
            KeyedCircuitBreaker<Object> hosts = family("payment_api", 20);
            bind(keyed(Set.of("payment_api"), hosts), meters);

            churn(hosts, 5_000);

            assertThat(keysWithMeters()).hasSize(20).isEqualTo(hosts.breakers().keySet());
            long perKey = meters.getMeters().stream().filter(meter -> "key-4999".equals(meter.getId().getTag("key")))
                    .count();
            assertThat(perKey).isEqualTo(7 + 6 + 2); // calls by outcome and slow, state, rates
            assertThat(meters.getMeters().stream().filter(meter -> meter.getId().getTag("key") != null))
                    .hasSize(20 * 15);
        }

        @Test
        void scrapesKeySeriesNextToAPlainBreakersSeriesInPrometheus() {
            PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            CircuitBreaker inventory = breakers.register(
                    TestBreakers.builder("inventory", ticker).listener(transitions).build());
            KeyedCircuitBreaker<Object> hosts = family("payment_api", 5);
            bind(keyed(Set.of("payment_api"), hosts), prometheus);
            TestBreakers.succeed(inventory);
            TestBreakers.open(hosts.forKey("host-b"));

            // Prometheus drops a meter whose tag keys differ from those of an earlier meter of the same name.
            assertThat(prometheus.scrape()).contains(
                    "fluxgate_calls_seconds_count{name=\"inventory\",outcome=\"success\",slow=\"false\"} 1",
                    "fluxgate_calls_seconds_count{name=\"payment_api\",outcome=\"failure\",slow=\"false\"} 1",
                    "fluxgate_state{name=\"inventory\",state=\"closed\"} 1",
                    "fluxgate_keys{name=\"payment_api\",state=\"open\"} 1",
                    "fluxgate_key_state{key=\"host-b\",name=\"payment_api\",state=\"open\"} 1",
                    "fluxgate_key_calls_seconds_count{key=\"host-b\",name=\"payment_api\",outcome=\"failure\","
                            + "slow=\"false\"} 1",
                    "fluxgate_transitions_total{from=\"closed\",name=\"payment_api\",to=\"open\"} 1");
        }

        private Set<Object> keysWithMeters() {
            return meters.getMeters().stream().map(Meter::getId).map(id -> id.getTag("key"))
                    .filter(key -> key != null).collect(Collectors.toSet());
        }
    }

    private double calls(String name, String outcome, String slow) {
        return meters.get(FluxgateMetrics.CALLS).tags("name", name, "outcome", outcome, "slow", slow)
                .functionTimer().count();
    }

    private double keys(String name, String state) {
        return meters.get(FluxgateMetrics.KEYS).tags("name", name, "state", state).gauge().value();
    }

    private double transitions(String name, String from, String to) {
        return meters.get(FluxgateMetrics.TRANSITIONS).tags("name", name, "from", from, "to", to)
                .functionCounter().count();
    }
}
