package io.fluxgate.spring.actuate;

import static io.fluxgate.spring.actuate.ActuatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.fluxgate.CallOutcome;
import io.fluxgate.CircuitBreaker;
import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.State;
import io.fluxgate.spring.TestBreakers;
import io.fluxgate.spring.TestBreakers.ManualTicker;
import io.fluxgate.spring.TestRegistryConfiguration;
import io.fluxgate.spring.metrics.FluxgateMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/** The endpoint, health and Prometheus output of a real application, over real HTTP. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "management.endpoints.web.exposure.include=fluxgate,health,prometheus",
        "management.endpoint.fluxgate.access=unrestricted",
        "management.endpoint.health.show-details=always",
        "fluxgate.breakers.payment_api.health.down-when-open=true" })
class FluxgateActuatorIntegrationTests {


    @LocalServerPort
    private int port;

    private ActuatorHttp http;

    @Autowired
    private CircuitBreakerRegistry registry;

    @Autowired
    private ManualTicker ticker;

    @Autowired
    private MeterRegistry meters;

    private CircuitBreaker payments;

    @BeforeEach
    void resetBreakers() {
        http = new ActuatorHttp(port);
        registry.all().forEach(CircuitBreaker::reset);
        payments = registry.get("payment_api").orElseThrow();
    }

    @Nested
    class Endpoint {

        @Test
        void listsEveryBreakerByName() throws Exception {
            HttpResponse<String> response = http.get("/actuator/fluxgate");

            assertThat(response.statusCode()).isEqualTo(200);
            Map<String, Object> breakers = JsonPath.read(response.body(), "$.breakers");
            assertThat(breakers).containsOnlyKeys("inventory", "payment_api");
        }

        @Test
        void showsOneBreakerWithNumbersAsNumbersAndConfigInExpressionForm() throws Exception {
            TestBreakers.succeedAfter(payments, ticker, Duration.ofSeconds(3));

            DocumentContext json = json(http.get("/actuator/fluxgate/payment_api"));

            assertThat(json.<String>read("$.state")).isEqualTo("CLOSED");
            assertThat(json.<String>read("$.changedAt")).isEqualTo(TestBreakers.NOW.toString());
            assertThat(json.<Integer>read("$.reopens")).isZero();
            assertThat(json.<Map<String, Object>>read("$.metric")).containsExactlyInAnyOrderEntriesOf(
                    Map.of("totalCount", 1, "failureCount", 0, "slowCount", 1, "failureRate", 0.0, "slowRate", 1.0,
                            "avgDurationMs", 3000.0));
            assertThat(json.<Map<String, Object>>read("$.config")).containsAllEntriesOf(Map.of(
                    "window", "CountWindow(10)", "tracker", "All()", "tripper", "MinRequests(2) & FailureRate(0.5)",
                    "retry", "Cooldown(10s)", "permit", "All()", "slowThreshold", "2s", "maxHalfOpenCalls", 1))
                    .containsEntry("maxHalfOpenDuration", "1m").hasSize(8);
        }

        @Test
        void showsUndefinedRatesAsNull() throws Exception {
            String body = http.get("/actuator/fluxgate/inventory").body();

            assertThat(body).contains("\"failureRate\":null", "\"slowRate\":null", "\"avgDurationMs\":null");
        }

        @Test
        void showsRecentTransitionsLatestFirstWithReasonsButNoExceptionMessages() throws Exception {
            TestBreakers.open(payments);
            ticker.advance(TestBreakers.COOLDOWN);
            TestBreakers.succeed(payments);

            HttpResponse<String> response = http.get("/actuator/fluxgate/payment_api");
            List<Map<String, Object>> transitions = JsonPath.read(response.body(), "$.recentTransitions");

            assertThat(transitions).extracting(t -> t.get("from") + "->" + t.get("to"))
                    .startsWith("HALF_OPEN->CLOSED", "OPEN->HALF_OPEN", "CLOSED->OPEN");
            assertThat(transitions.get(2).get("reason")).asString().contains("FailureRate(0.5): 0.5 over 2 calls");
            assertThat(transitions.get(2).get("time")).isEqualTo(TestBreakers.NOW.toString());
            assertThat(response.body()).doesNotContain("secret failure detail");
        }

        @Test
        void answers404ForAnUnknownBreaker() throws Exception {
            assertThat(http.get("/actuator/fluxgate/payment-api").statusCode()).isEqualTo(404);
        }

        @Test
        void changesStateAndAnswersWithTheNewView() throws Exception {
            HttpResponse<String> forced = http.post("/actuator/fluxgate/payment_api", "{\"state\": \"FORCED_OPEN\"}");

            assertThat(forced.statusCode()).isEqualTo(200);
            assertThat(JsonPath.<String>read(forced.body(), "$.state")).isEqualTo("FORCED_OPEN");
            assertThat(JsonPath.<String>read(forced.body(), "$.recentTransitions[0].reason")).isEqualTo("forceOpen()");
            assertThat(payments.state()).hasToString("FORCED_OPEN");

            HttpResponse<String> closed = http.post("/actuator/fluxgate/payment_api", "{\"state\": \"CLOSED\"}");

            assertThat(JsonPath.<String>read(closed.body(), "$.state")).isEqualTo("CLOSED");
            assertThat(JsonPath.<String>read(closed.body(), "$.recentTransitions[0].reason")).isEqualTo("reset()");
        }

        @Test
        void changesNothingWhenPostingTheManualStateTheBreakerIsIn() throws Exception {
            for (String state : List.of("FORCED_OPEN", "DISABLED", "METRICS_ONLY")) {
                HttpResponse<String> first = http.post("/actuator/fluxgate/payment_api",
                        "{\"state\": \"" + state + "\"}");
                HttpResponse<String> again = http.post("/actuator/fluxgate/payment_api",
                        "{\"state\": \"" + state + "\"}");

                assertThat(again.statusCode()).isEqualTo(200);
                assertThat(JsonPath.<String>read(again.body(), "$.state")).isEqualTo(state);
                assertThat(JsonPath.<List<Object>>read(again.body(), "$.recentTransitions"))
                        .as("no %s -> %s transition", state, state)
                        .isEqualTo(JsonPath.<List<Object>>read(first.body(), "$.recentTransitions"));
                assertThat(meters.find(FluxgateMetrics.TRANSITIONS).tags("name", "payment_api",
                        "from", state.toLowerCase(Locale.ROOT), "to", state.toLowerCase(Locale.ROOT)).meters())
                        .isEmpty();
            }
        }

        @Test
        void answers404AndCreatesNothingWhenPostingToAnUnknownBreaker() throws Exception {
            HttpResponse<String> response = http.post("/actuator/fluxgate/payment-api", "{\"state\": \"FORCED_OPEN\"}");

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(registry.get("payment-api")).isEmpty();
        }

        @Test
        void answers400ListingTheAllowedStatesForABadState() throws Exception {
            HttpResponse<String> response = http.post("/actuator/fluxgate/payment_api", "{\"state\": \"OPEN\"}");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(JsonPath.<String>read(response.body(), "$.message")).isEqualTo("Cannot set circuit breaker "
                    + "'payment_api' to state 'OPEN'; expected one of CLOSED, FORCED_OPEN, DISABLED, METRICS_ONLY");
            assertThat(payments.state()).hasToString("CLOSED");
        }

        @Test
        void answers400ListingTheAllowedStatesForAMissingState() throws Exception {
            HttpResponse<String> response = http.post("/actuator/fluxgate/payment_api", "{}");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(JsonPath.<String>read(response.body(), "$.message"))
                    .contains("Missing 'state'", "expected one of CLOSED, FORCED_OPEN, DISABLED, METRICS_ONLY");
        }

        @Test
        void quotesAtMost64CharactersOfAHugeState() throws Exception {
            String huge = "X".repeat(3_000_000);

            HttpResponse<String> response = http.post("/actuator/fluxgate/payment_api", "{\"state\":\"" + huge + "\"}");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body().length()).isLessThan(400);
            assertThat(JsonPath.<String>read(response.body(), "$.message"))
                    .contains("to state '" + "X".repeat(64) + "...' (3000000 characters); expected one of CLOSED");
            assertThat(registry.get("payment_api").orElseThrow().state()).isEqualTo(State.CLOSED);
        }
    }

    @Nested
    class Health {

        @Test
        void showsEachBreakersStateInTheFluxgateComponent() throws Exception {
            DocumentContext json = json(http.get("/actuator/health"));

            assertThat(json.<String>read("$.status")).isEqualTo("UP");
            assertThat(json.<String>read("$.components.fluxgate.details.payment_api.state")).isEqualTo("CLOSED");
            assertThat(json.<Integer>read("$.components.fluxgate.details.inventory.reopens")).isZero();
        }

        @Test
        void staysUpWhileABreakerIsOpenUnlessItOptedIn() throws Exception {
            registry.get("inventory").orElseThrow().forceOpen();

            HttpResponse<String> response = http.get("/actuator/health");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(JsonPath.<String>read(response.body(), "$.components.fluxgate.details.inventory.state"))
                    .isEqualTo("FORCED_OPEN");
        }

        @Test
        void goesDownWhileABreakerThatOptedInIsOpen() throws Exception {
            TestBreakers.open(payments);

            HttpResponse<String> response = http.get("/actuator/health");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(JsonPath.<String>read(response.body(), "$.components.fluxgate.status")).isEqualTo("DOWN");
        }
    }

    @Nested
    class Prometheus {

        @Test
        void exposesFluxgateSeries() throws Exception {
            TestBreakers.succeed(payments);
            payments.forceOpen();
            TestBreakers.rejected(payments);

            String body = http.get("/actuator/prometheus").body();

            // one context serves every test, so call counts are cumulative
            assertThat(body).contains(
                    "fluxgate_calls_seconds_count{name=\"payment_api\",outcome=\"success\",slow=\"false\"} "
                            + payments.statistics().count(CallOutcome.SUCCESS, false),
                    "fluxgate_calls_seconds_count{name=\"payment_api\",outcome=\"rejected\",slow=\"false\"} "
                            + payments.statistics().count(CallOutcome.REJECTED, false),
                    "fluxgate_state{name=\"payment_api\",state=\"forced_open\"} 1",
                    "fluxgate_state{name=\"payment_api\",state=\"closed\"} 0",
                    "fluxgate_transitions_total{from=\"closed\",name=\"payment_api\",to=\"forced_open\"}",
                    "fluxgate_failure_rate{name=\"inventory\"} NaN", "fluxgate_slow_rate{name=\"payment_api\"}");
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(TestRegistryConfiguration.class)
    static class Application {
    }
}
