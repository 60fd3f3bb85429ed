package io.fluxgate.spring.actuate;

import static io.fluxgate.spring.actuate.ActuatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.fluxgate.CircuitBreaker;
import io.fluxgate.KeyedCircuitBreaker;
import io.fluxgate.State;
import io.fluxgate.spring.KeyedBreakers;
import io.fluxgate.spring.TestBreakers;
import io.fluxgate.spring.TestBreakers.ManualTicker;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Keyed families in the endpoint, health and Prometheus output of a real application, over real HTTP. */
@SpringBootTest(classes = KeyedFamilyActuatorIntegrationTests.Application.class,
        webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "management.endpoints.web.exposure.include=fluxgate,fluxgatedashboard,health,prometheus",
        "management.endpoint.fluxgate.access=unrestricted",
        "management.endpoint.health.show-details=always",
        "fluxgate.breakers.payment_api.tripper=FailureStreak(1)",
        "fluxgate.breakers.payment_api.keys.max=50",
        "fluxgate.breakers.payment_api.keys.idle-eviction=1m",
        "fluxgate.breakers.payment_api.health.down-when-open=true",
        "fluxgate.breakers.hosts.tripper=FailureStreak(1)",
        "fluxgate.breakers.hosts.keys.metrics-tag=true",
        "fluxgate.breakers.inventory.window=CountWindow(10)" })
class KeyedFamilyActuatorIntegrationTests {

    private static final Duration IDLE = Duration.ofMinutes(1);

    @LocalServerPort
    private int port;

    private ActuatorHttp http;

    @Autowired
    private KeyedBreakers keyed;

    @Autowired
    private ManualTicker ticker;

    private KeyedCircuitBreaker<Object> payments;

    /** One context serves every test: each starts with no keys, as the family drops idle CLOSED keys. */
    @BeforeEach
    void dropEveryKey() {
        http = new ActuatorHttp(port);
        payments = keyed.find("payment_api").orElseThrow();
        for (KeyedCircuitBreaker<Object> family : keyed.all()) {
            family.breakers().values().forEach(CircuitBreaker::reset);
            family.evictIdle();
            ticker.advance(IDLE.multipliedBy(10));
            family.evictIdle();
            assertThat(family.size()).isZero();
        }
    }

    @Nested
    class Endpoint {

        @Test
        void showsTheTemplatesConfigAndEachLiveKey() throws Exception {
            TestBreakers.succeed(payments.forKey("host-a"));
            TestBreakers.fail(payments.forKey("host-b"));

            DocumentContext json = json(http.get("/actuator/fluxgate/payment_api"));

            assertThat(json.<String>read("$.config.tripper")).isEqualTo("FailureStreak(1)");
            assertThat(json.<Integer>read("$.maxKeys")).isEqualTo(50);
            assertThat(json.<String>read("$.idleEviction")).isEqualTo("1m");
            assertThat(json.<Integer>read("$.size")).isEqualTo(2);
            assertThat(json.<Map<String, Object>>read("$.states")).containsExactlyInAnyOrderEntriesOf(
                    Map.of("CLOSED", 1, "OPEN", 1));
            assertThat(json.<Map<String, Object>>read("$.keys")).containsOnlyKeys("host-a", "host-b");
            assertThat(json.<Map<String, Object>>read("$.keys.host-b")).containsOnlyKeys("state", "changedAt",
                    "reopens", "metric").containsEntry("state", "OPEN")
                    .containsEntry("changedAt", TestBreakers.NOW.toString()).containsEntry("reopens", 0);
            assertThat(json.<Integer>read("$.keys.host-a.metric.totalCount")).isEqualTo(1);
            assertThat(json.<String>read("$.overflow.state")).isEqualTo("CLOSED");
        }

        @Test
        void listsFamiliesWithoutTheirKeysNextToThePlainBreakers() throws Exception {
            TestBreakers.succeed(payments.forKey("host-a"));

            DocumentContext json = json(http.get("/actuator/fluxgate"));

            assertThat(json.<Map<String, Object>>read("$.breakers")).containsOnlyKeys("inventory");
            assertThat(json.<Map<String, Object>>read("$.families")).containsOnlyKeys("hosts", "payment_api");
            assertThat(json.<Integer>read("$.families.payment_api.size")).isEqualTo(1);
            assertThat(json.<Object>read("$.families.payment_api.keys")).isNull();
        }

        @Test
        void showsOneKeyWithItsRecentTransitions() throws Exception {
            TestBreakers.fail(payments.forKey("host-b"));

            DocumentContext json = json(http.get("/actuator/fluxgate/payment_api/host-b"));

            assertThat(json.<String>read("$.state")).isEqualTo("OPEN");
            assertThat(json.<String>read("$.config.tripper")).isEqualTo("FailureStreak(1)");
            List<Map<String, Object>> transitions = json.read("$.recentTransitions");
            assertThat(transitions).extracting(t -> t.get("from") + "->" + t.get("to")).containsExactly("CLOSED->OPEN");
        }

        @Test
        void postChangesTheStateOfThatKeyOnly() throws Exception {
            TestBreakers.fail(payments.forKey("host-b"));
            TestBreakers.succeed(payments.forKey("host-a"));

            HttpResponse<String> reset = http.post("/actuator/fluxgate/payment_api/host-b", "{\"state\":\"CLOSED\"}");
            HttpResponse<String> forced = http.post("/actuator/fluxgate/payment_api/host-a",
                    "{\"state\":\"FORCED_OPEN\"}");

            assertThat(JsonPath.<String>read(json(reset).jsonString(), "$.state")).isEqualTo("CLOSED");
            assertThat(JsonPath.<String>read(json(forced).jsonString(), "$.state")).isEqualTo("FORCED_OPEN");
            assertThat(payments.get("host-b").orElseThrow().state()).isEqualTo(State.CLOSED);
            assertThat(payments.get("host-a").orElseThrow().state()).isEqualTo(State.FORCED_OPEN);
        }

        @Test
        void answers404ForAnUnknownKeyAndNeverCreatesOne() throws Exception {
            TestBreakers.succeed(payments.forKey("host-a"));

            assertThat(http.get("/actuator/fluxgate/payment_api/host-z").statusCode()).isEqualTo(404);
            assertThat(http.post("/actuator/fluxgate/payment_api/host-z", "{\"state\":\"FORCED_OPEN\"}").statusCode())
                    .isEqualTo(404);
            assertThat(http.get("/actuator/fluxgate/no_such_family/host-a").statusCode()).isEqualTo(404);

            assertThat(payments.get("host-z")).isEmpty();
            assertThat(payments.breakers().keySet()).containsExactly("host-a");
        }

        @Test
        void answers400ForABadStateOfAKeyAndForAStateOfTheWholeFamily() throws Exception {
            TestBreakers.succeed(payments.forKey("host-a"));

            HttpResponse<String> badState = http.post("/actuator/fluxgate/payment_api/host-a", "{\"state\":\"OPEN\"}");
            HttpResponse<String> wholeFamily = http.post("/actuator/fluxgate/payment_api",
                    "{\"state\":\"FORCED_OPEN\"}");

            assertThat(badState.statusCode()).isEqualTo(400);
            assertThat(JsonPath.<String>read(badState.body(), "$.message")).isEqualTo("Cannot set circuit breaker "
                    + "'payment_api[host-a]' to state 'OPEN'; expected one of CLOSED, FORCED_OPEN, DISABLED, "
                    + "METRICS_ONLY");
            assertThat(wholeFamily.statusCode()).isEqualTo(400);
            assertThat(JsonPath.<String>read(wholeFamily.body(), "$.message"))
                    .contains("is keyed; change one key's state with POST /actuator/fluxgate/payment_api/{key}");
            assertThat(payments.get("host-a").orElseThrow().state()).isEqualTo(State.CLOSED);
        }
    }

    @Nested
    class Health {

        @Test
        void countsTheKeysInEachStateWithoutListingThem() throws Exception {
            TestBreakers.succeed(payments.forKey("host-a"));
            TestBreakers.succeed(payments.forKey("host-c"));
            TestBreakers.fail(payments.forKey("host-b"));

            HttpResponse<String> response = http.get("/actuator/health");

            assertThat(response.statusCode()).as("payment_api opted in to DOWN while open").isEqualTo(503);
            DocumentContext json = JsonPath.parse(response.body());
            assertThat(json.<Map<String, Object>>read("$.components.fluxgate.details.payment_api"))
                    .containsOnlyKeys("keys", "states").containsEntry("keys", 3);
            assertThat(json.<Map<String, Object>>read("$.components.fluxgate.details.payment_api.states"))
                    .containsExactlyInAnyOrderEntriesOf(Map.of("CLOSED", 2, "OPEN", 1));
            assertThat(response.body()).doesNotContain("host-a", "host-b");
        }

        @Test
        void staysUpWhileNoKeyOfAnOptedInFamilyIsOpen() throws Exception {
            TestBreakers.succeed(payments.forKey("host-a"));
            TestBreakers.fail(keyed.find("hosts").orElseThrow().forKey("host-b")); // hosts did not opt in

            DocumentContext json = json(http.get("/actuator/health"));

            assertThat(json.<String>read("$.components.fluxgate.status")).isEqualTo("UP");
            assertThat(json.<Integer>read("$.components.fluxgate.details.hosts.states.OPEN")).isEqualTo(1);
        }
    }

    @Nested
    class Prometheus {

        @Test
        void exposesOneSetOfSeriesPerFamilyAndKeySeriesOnlyWhereAskedFor() throws Exception {
            TestBreakers.fail(payments.forKey("host-b"));
            TestBreakers.succeed(payments.forKey("host-a"));
            TestBreakers.fail(keyed.find("hosts").orElseThrow().forKey("host-b"));

            String body = http.get("/actuator/prometheus").body();

            assertThat(body).contains("fluxgate_keys{name=\"payment_api\",state=\"open\"} 1",
                    "fluxgate_keys{name=\"payment_api\",state=\"closed\"} 1",
                    "fluxgate_calls_seconds_count{name=\"payment_api\",outcome=\"failure\",slow=\"false\"} ",
                    "fluxgate_transitions_total{from=\"closed\",name=\"payment_api\",to=\"open\"} ",
                    "fluxgate_key_state{key=\"host-b\",name=\"hosts\",state=\"open\"} 1",
                    "fluxgate_keys{name=\"hosts\",state=\"open\"} 1",
                    "fluxgate_state{name=\"inventory\",state=\"closed\"} 1");
            assertThat(body.lines().filter(line -> line.contains("name=\"payment_api\"")))
                    .isNotEmpty().noneMatch(line -> line.contains("key="));
        }
    }

    @Nested
    class Dashboard {

        @Test
        void listsTheFirstKeysOfEachFamilyProblemsFirstThenTheBusiest() throws Exception {
            for (int i = 0; i < FluxgateDashboardEndpoint.TOP_KEYS + 2; i++) {
                CircuitBreaker key = payments.forKey("host-" + (char) ('a' + i));
                for (int call = 0; call < i; call++) {
                    TestBreakers.succeed(key);
                }
            }
            TestBreakers.fail(payments.forKey("host-c"));

            DocumentContext json = json(http.get("/actuator/fluxgatedashboard/data"));

            Map<String, Map<String, Object>> keys = json.read("$.keys.payment_api");
            assertThat(keys).hasSize(FluxgateDashboardEndpoint.TOP_KEYS);
            assertThat(List.copyOf(keys.keySet())).startsWith("host-c", "host-l", "host-k", "host-j")
                    .doesNotContain("host-a", "host-b");
            assertThat(keys.get("host-c")).containsEntry("state", "OPEN");
            assertThat(json.<Integer>read("$.families.payment_api.size")).isEqualTo(12);
            assertThat(json.<Map<String, Object>>read("$.keys.hosts")).isEmpty();
        }

        @Test
        void followsOneKeysBreakerItsTrafficAndItsThresholds() throws Exception {
            CircuitBreaker hostA = payments.forKey("host-a");
            json(http.get("/actuator/fluxgatedashboard/data?breaker=payment_api&key=host-a")); // the baseline
            TestBreakers.succeed(hostA);
            TestBreakers.succeed(hostA);
            TestBreakers.fail(payments.forKey("host-b"));

            DocumentContext json = json(http.get("/actuator/fluxgatedashboard/data?breaker=payment_api&key=host-a"));

            assertThat(json.<String>read("$.selected")).isEqualTo("payment_api");
            assertThat(json.<String>read("$.key.name")).isEqualTo("host-a");
            assertThat(json.<String>read("$.key.breaker.state")).isEqualTo("CLOSED");
            assertThat(json.<String>read("$.key.breaker.config.tripper")).isEqualTo("FailureStreak(1)");
            assertThat(json.<String>read("$.key.thresholds.appliesIn")).isEqualTo("CLOSED");
            assertThat(json.<Object>read("$.key.openWait")).isNull();
            List<Integer> successes = json.read("$.traffic.successes");
            assertThat(successes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(2);
            assertThat(json.<String>read("$.keys.payment_api.host-b.state")).isEqualTo("OPEN");
        }

        @Test
        void saysWhenAnOpenKeysWaitEnds() throws Exception {
            TestBreakers.fail(payments.forKey("host-b"));

            DocumentContext json = json(http.get("/actuator/fluxgatedashboard/data?breaker=payment_api&key=host-b"));

            assertThat(json.<String>read("$.key.breaker.state")).isEqualTo("OPEN");
            assertThat(json.<String>read("$.key.thresholds.appliesIn")).isEqualTo("HALF_OPEN");
            assertThat(Instant.parse(json.read("$.key.openWait.endsAt"))).isAfter(TestBreakers.NOW);
            assertThat(json.<Boolean>read("$.key.openWait.never")).isFalse();
        }

        @Test
        void hasNoKeyDetailForAKeyWithoutABreaker() throws Exception {
            DocumentContext json = json(http.get("/actuator/fluxgatedashboard/data?breaker=payment_api&key=nobody"));

            assertThat(json.<String>read("$.selected")).isEqualTo("payment_api");
            assertThat(json.<Object>read("$.key")).isNull();
            assertThat(json.<Object>read("$.traffic")).isNull();
        }
    }

    /** Not a {@code @SpringBootConfiguration}: the other tests of this package search for theirs. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Application {

        @Bean
        ManualTicker manualTicker() {
            return new ManualTicker();
        }

        @Bean
        Clock clock() {
            return Clock.fixed(TestBreakers.NOW, ZoneOffset.UTC);
        }
    }
}
