package io.fluxgate.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.fluxgate.CallNotPermittedException;
import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.State;
import io.fluxgate.spring.TestBreakers.ManualTicker;
import io.fluxgate.spring.e2e.FakeDownstream;
import io.fluxgate.spring.e2e.PaymentClient;
import io.fluxgate.spring.e2e.PaymentsApplication;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.NestedTestConfiguration;
import org.springframework.test.context.NestedTestConfiguration.EnclosingConfiguration;

/**
 * The whole starter in one real application: breakers from {@code application-e2e.yml}, an annotated bean,
 * the actuator endpoint, health and Prometheus over real HTTP, and meters in the application's registry. Time
 * moves only through the application's {@link ManualTicker} bean.
 */
@SpringBootTest(classes = PaymentsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("e2e")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FluxgateStarterIntegrationTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @Autowired
    private CircuitBreakerRegistry registry;

    @Autowired
    private PaymentClient client;

    @Autowired
    private FakeDownstream downstream;

    @Autowired
    private ManualTicker ticker;

    @Autowired
    private MeterRegistry meters;

    @BeforeEach
    void startClosedAndHealthy() {
        registry.all().forEach(io.fluxgate.CircuitBreaker::reset);
        downstream.recover();
        client.fallbackErrors().clear();
    }

    @Test
    @Order(1)
    void listsTheConfiguredAndTheAnnotationOnlyBreakerBeforeAnyCall() throws Exception {
        DocumentContext json = json(get("/actuator/fluxgate"));

        assertThat(json.<Map<String, Object>>read("$.breakers")).containsOnlyKeys("ledger", "payment_api");
        assertThat(json.<Integer>read("$.breakers.ledger.metric.totalCount")).isZero();
        assertThat(downstream.entries()).isZero();
        assertThat(meters.get("fluxgate.state").tags("name", "ledger", "state", "closed").gauge().value()).isEqualTo(1);
    }

    @Test
    void showsTheYamlExpressionsAsTheParserRendersThem() throws Exception {
        DocumentContext json = json(get("/actuator/fluxgate"));

        assertThat(json.<Map<String, Object>>read("$.breakers.payment_api.config")).containsExactlyInAnyOrderEntriesOf(
                Map.of("window", "CountWindow(10)", "tracker", "All()",
                        "tripper", "FailureStreak(3) | MinRequests(5) & FailureRate(0.5)", "retry", "Cooldown(30s)",
                        "permit", "All()", "slowThreshold", "2s", "maxHalfOpenCalls", 2,
                        "maxHalfOpenDuration", "20s"));
        assertThat(json.<Map<String, Object>>read("$.breakers.ledger.config")).containsEntry("window", "CountWindow(4)")
                .containsEntry("tripper", "FailureStreak(2)").containsEntry("retry", "Cooldown(10s)")
                .containsEntry("slowThreshold", null);
    }

    @Test
    void opensOnAFailureStreakAnswersFromTheFallbackAndClosesAfterAProbe() throws Exception {
        double failures = calls("payment_api", "failure");
        double rejections = calls("payment_api", "rejected");
        double successes = calls("payment_api", "success");
        double opened = transitions("payment_api", "closed", "open");
        int charges = downstream.charges();

        downstream.fail();
        assertThat(List.of(client.charge(1), client.charge(2), client.charge(3)))
                .containsExactly("failed 1", "failed 2", "failed 3");
        assertThat(state("payment_api")).isEqualTo(State.OPEN);

        assertThat(client.charge(4)).isEqualTo("queued 4");
        assertThat(downstream.charges()).as("calls that reached the downstream").isEqualTo(charges + 3);
        assertThat(client.fallbackErrors()).last().isInstanceOf(CallNotPermittedException.class);

        downstream.recover();
        ticker.advance(Duration.ofSeconds(30));
        assertThat(client.charge(5)).isEqualTo("charged 5");
        assertThat(state("payment_api")).isEqualTo(State.CLOSED);

        List<Map<String, Object>> recent = JsonPath.read(json(get("/actuator/fluxgate/payment_api")).jsonString(),
                "$.recentTransitions");
        assertThat(recent).extracting(t -> t.get("from") + "->" + t.get("to"))
                .startsWith("HALF_OPEN->CLOSED", "OPEN->HALF_OPEN", "CLOSED->OPEN");
        assertThat(recent.get(2).get("reason")).asString().isEqualTo("FailureStreak(3): 3 consecutive failures");
        assertThat(recent.get(2).get("time")).as("time from the Clock bean").isEqualTo(TestBreakers.NOW.toString());
        assertThat(recent.get(1).get("reason")).asString().startsWith("Cooldown(30s) allowed a probe after 30s");
        assertThat(recent.get(0).get("reason")).asString().startsWith("probe succeeded");

        assertThat(calls("payment_api", "failure") - failures).isEqualTo(3);
        assertThat(calls("payment_api", "rejected") - rejections).isEqualTo(1);
        assertThat(calls("payment_api", "success") - successes).isEqualTo(1);
        assertThat(transitions("payment_api", "closed", "open") - opened).isEqualTo(1);
        assertThat(meters.get("fluxgate.state").tags("name", "payment_api", "state", "closed").gauge().value())
                .isEqualTo(1);
    }

    @Test
    void countsACallSlowerThanTheSlowThresholdAsSlow() {
        double slow = meters.get("fluxgate.calls").tags("name", "payment_api", "outcome", "success", "slow", "true")
                .functionTimer().count();

        downstream.slowDown(Duration.ofSeconds(3));
        assertThat(client.charge(1)).isEqualTo("charged 1");

        assertThat(meters.get("fluxgate.calls").tags("name", "payment_api", "outcome", "success", "slow", "true")
                .functionTimer().count() - slow).isEqualTo(1);
    }

    @Test
    void runsAnAsyncMethodOnABreakerBuiltFromTheDefaults() throws Exception {
        int entries = downstream.entries();

        downstream.fail();
        assertThat(client.book(1)).succeedsWithin(Duration.ZERO).isEqualTo("deferred 1");
        assertThat(client.book(2)).succeedsWithin(Duration.ZERO).isEqualTo("deferred 2");
        assertThat(state("ledger")).isEqualTo(State.OPEN);
        assertThat(client.book(3)).succeedsWithin(Duration.ZERO).isEqualTo("deferred 3");

        assertThat(downstream.entries() - entries).isEqualTo(2);
        assertThat(client.fallbackErrors()).map(Object::getClass).map(Class::getSimpleName)
                .containsExactly("IOException", "IOException", "CallNotPermittedException");
        assertThat(JsonPath.<String>read(get("/actuator/fluxgate/ledger").body(), "$.recentTransitions[0].reason"))
                .isEqualTo("FailureStreak(2): 2 consecutive failures");
    }

    @Nested
    class Endpoint {

        @Test
        void forcesABreakerOpenSoCallsAreRejectedIntoTheFallback() throws Exception {
            int charges = downstream.charges();

            HttpResponse<String> response = post("/actuator/fluxgate/payment_api", "{\"state\": \"FORCED_OPEN\"}");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(JsonPath.<String>read(response.body(), "$.state")).isEqualTo("FORCED_OPEN");
            assertThat(client.charge(1)).isEqualTo("queued 1");
            assertThat(client.fallbackErrors()).singleElement().isInstanceOf(CallNotPermittedException.class);
            assertThat(downstream.charges()).isEqualTo(charges);
        }

        @Test
        void answers404AndCreatesNoBreakerForAnUnknownName() throws Exception {
            HttpResponse<String> response = post("/actuator/fluxgate/payment-api", "{\"state\": \"FORCED_OPEN\"}");

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(registry.get("payment-api")).isEmpty();
            assertThat(registry.all()).extracting(io.fluxgate.CircuitBreaker::name)
                    .containsExactlyInAnyOrder("ledger", "payment_api");
        }

        @Test
        void answers400WithTheAllowedStatesForABadState() throws Exception {
            HttpResponse<String> response = post("/actuator/fluxgate/payment_api", "{\"state\": \"OPEN\"}");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(JsonPath.<String>read(response.body(), "$.message"))
                    .endsWith("expected one of CLOSED, FORCED_OPEN, DISABLED, METRICS_ONLY");
            assertThat(state("payment_api")).isEqualTo(State.CLOSED);
        }
    }

    @Nested
    class Health {

        @Test
        void showsEveryBreakersStateAndStaysUpWhileOneIsOpen() throws Exception {
            downstream.fail();
            for (int i = 0; i < 3; i++) {
                client.charge(i);
            }

            DocumentContext json = json(get("/actuator/health"));

            assertThat(json.<String>read("$.status")).isEqualTo("UP");
            assertThat(json.<String>read("$.components.fluxgate.status")).isEqualTo("UP");
            assertThat(json.<String>read("$.components.fluxgate.details.payment_api.state")).isEqualTo("OPEN");
            assertThat(json.<String>read("$.components.fluxgate.details.ledger.state")).isEqualTo("CLOSED");
        }
    }

    @Nested
    class Prometheus {

        @Test
        void exposesCallsAndStatesOfEveryBreaker() throws Exception {
            client.charge(1);

            String body = get("/actuator/prometheus").body();

            assertThat(body).contains(
                    "fluxgate_calls_seconds_count{name=\"payment_api\",outcome=\"success\",slow=\"false\"}",
                    "fluxgate_calls_seconds_count{name=\"ledger\",outcome=\"rejected\",slow=\"false\"}",
                    "fluxgate_state{name=\"payment_api\",state=\"closed\"} 1",
                    "fluxgate_state{name=\"ledger\",state=\"open\"}");
        }
    }

    /** The same application with {@code fluxgate.health.down-when-open=true}: an open breaker is DOWN. */
    @Nested
    @NestedTestConfiguration(EnclosingConfiguration.OVERRIDE)
    @SpringBootTest(classes = PaymentsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
            properties = "fluxgate.health.down-when-open=true")
    @ActiveProfiles("e2e")
    class DownWhenOpen {

        @LocalServerPort
        private int downWhenOpenPort;

        @Autowired
        private PaymentClient downWhenOpenClient;

        @Autowired
        private FakeDownstream downWhenOpenDownstream;

        @Test
        void reportsDownWith503WhileABreakerIsOpen() throws Exception {
            assertThat(send(downWhenOpenPort, HttpRequest.newBuilder().GET(), "/actuator/health").statusCode())
                    .isEqualTo(200);

            downWhenOpenDownstream.fail();
            for (int i = 0; i < 3; i++) {
                downWhenOpenClient.charge(i);
            }
            HttpResponse<String> response = send(downWhenOpenPort, HttpRequest.newBuilder().GET(), "/actuator/health");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(JsonPath.<String>read(response.body(), "$.components.fluxgate.status")).isEqualTo("DOWN");
            assertThat(JsonPath.<String>read(response.body(), "$.components.fluxgate.details.payment_api.state"))
                    .isEqualTo("OPEN");
        }
    }

    private State state(String name) {
        return registry.get(name).orElseThrow().state();
    }

    private double calls(String name, String outcome) {
        return meters.get("fluxgate.calls").tags("name", name, "outcome", outcome, "slow", "false").functionTimer()
                .count();
    }

    private double transitions(String name, String from, String to) {
        return meters.find("fluxgate.transitions").tags("name", name, "from", from, "to", to).functionCounters()
                .stream().mapToDouble(counter -> counter.count()).sum();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(port, HttpRequest.newBuilder().GET(), path);
    }

    private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return send(port, HttpRequest.newBuilder().header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), path);
    }

    private static HttpResponse<String> send(int port, HttpRequest.Builder request, String path)
            throws IOException, InterruptedException {
        return HTTP.send(request.uri(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static DocumentContext json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonPath.parse(response.body());
    }
}
