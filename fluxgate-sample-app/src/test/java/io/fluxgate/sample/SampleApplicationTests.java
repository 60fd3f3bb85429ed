package io.fluxgate.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Boots the sample app on a random port and drives it over real HTTP, as a user following the README would:
 * flip the chaos switch, send traffic, and watch {@code payment_api} open, half-open and close through
 * {@code /actuator/fluxgate}. Breaker timings are shortened so the whole class runs in a few seconds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "fluxgate.breakers.payment_api.retry=Backoff(initial=1s, multiplier=2, max_duration=2s)",
        "fluxgate.breakers.payment_api.permit=All()",
        "spring.http.clients.read-timeout=300ms" })
class SampleApplicationTests {

    private static final Duration AT_MOST = Duration.ofSeconds(20);

    @LocalServerPort
    private int port;

    private SampleHttp http;

    @BeforeEach
    void healthyProviderAndClosedBreakers() throws Exception {
        this.http = new SampleHttp(this.port);
        this.http.send("DELETE", "/chaos", null);
        this.http.send("DELETE", "/demo/traffic", null);
        for (String name : List.of("payment_api", "refund_api")) {
            assertThat(this.http.send("POST", "/actuator/fluxgate/" + name, "{\"state\":\"CLOSED\"}").statusCode())
                    .isEqualTo(200);
        }
    }

    @AfterEach
    void stopTraffic() throws Exception {
        this.http.send("DELETE", "/demo/traffic", null);
        this.http.send("DELETE", "/chaos", null);
        await().atMost(AT_MOST)
                .until(() -> this.http.getJson("/demo/traffic/status").path("callsInFlight").asInt() == 0);
    }

    @Test
    void paymentBreakerOpensUnderChaosAnswersWithFallbackAndClosesWhenChaosStops() throws Exception {
        assertThat(charge().path("status").asString()).isEqualTo("charged");

        post("/chaos", "{\"failureRate\":1.0}");
        post("/demo/traffic?seconds=15&rate=20", null);

        await().atMost(AT_MOST).pollInterval(Duration.ofMillis(20))
                .until(() -> "OPEN".equals(breaker("payment_api").path("state").asString()));
        JsonNode whileOpen = charge();
        assertThat(whileOpen.path("status").asString()).isEqualTo("queued");
        assertThat(whileOpen.path("detail").asString())
                .isEqualTo("Circuit breaker 'payment_api' is OPEN and does not permit calls");

        this.http.send("DELETE", "/chaos", null);
        await().atMost(AT_MOST).pollInterval(Duration.ofMillis(50))
                .until(() -> "CLOSED".equals(breaker("payment_api").path("state").asString()));

        assertThat(transitions("payment_api")).contains("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED");
        assertThat(charge().path("status").asString()).isEqualTo("charged");
    }

    @ParameterizedTest
    @ValueSource(strings = { "5xx", "reset", "timeout" })
    void everyChaosErrorKindIsAFailureThatTheFallbackAnswers(String kind) throws Exception {
        post("/chaos", "{\"failureRate\":1.0,\"errorKind\":\"" + kind + "\"}");

        JsonNode result = charge();

        assertThat(result.path("status").asString()).isEqualTo("failed");
        assertThat(breaker("payment_api").path("metric").path("failureCount").asLong()).isEqualTo(1);
    }

    @Test
    void readingTheTrafficStatusNeverStartsTraffic() throws Exception {
        HttpResponse<String> status = this.http.send("GET", "/demo/traffic", null);

        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(this.http.json(status).path("running").asBoolean()).isFalse();
        assertThat(this.http.getJson("/demo/traffic/status").path("running").asBoolean()).isFalse();

        post("/demo/traffic?seconds=15&rate=5", null);
        assertThat(this.http.getJson("/demo/traffic").path("running").asBoolean()).isTrue();
        assertThat(this.http.json(this.http.send("DELETE", "/demo/traffic", null)).path("running").asBoolean())
                .isFalse();
    }

    @Test
    void theFluxgateEndpointTakesWritesOnlyBecauseTheSampleOptsIn() throws Exception {
        HttpResponse<String> forced = this.http.send("POST", "/actuator/fluxgate/payment_api",
                "{\"state\":\"FORCED_OPEN\"}");

        assertThat(forced.statusCode()).isEqualTo(200);
        assertThat(breaker("payment_api").path("state").asString()).isEqualTo("FORCED_OPEN");
    }

    @Test
    void aDeclinedPaymentIsNotTrackedAsAFailure() throws Exception {
        JsonNode result = this.http.json(this.http.send("POST", "/payments/charge?amount=-5", null));

        assertThat(result.path("status").asString()).isEqualTo("declined");
        assertThat(breaker("payment_api").path("metric").path("totalCount").asLong()).isZero();
    }

    @Test
    void asyncRefundsRunThroughTheirOwnBreaker() throws Exception {
        assertThat(this.http.json(this.http.send("POST", "/payments/refund?amount=10", null)).path("status").asString())
                .isEqualTo("refunded");

        post("/chaos", "{\"failureRate\":1.0}");
        List<String> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(this.http.json(this.http.send("POST", "/payments/refund?amount=10", null)).path("status")
                    .asString());
        }

        assertThat(statuses).startsWith("failed", "failed", "failed").endsWith("queued", "queued");
        assertThat(breaker("refund_api").path("state").asString()).isEqualTo("OPEN");
        assertThat(breaker("payment_api").path("state").asString()).isEqualTo("CLOSED");
    }

    @Test
    void healthShowsTheBreakersWithoutGoingDown() throws Exception {
        JsonNode health = this.http.getJson("/actuator/health");

        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("fluxgate").isMissingNode()).isFalse();
    }

    @Test
    void prometheusScrapeHasTheFluxgateSeries() throws Exception {
        charge();

        String scrape = this.http.send("GET", "/actuator/prometheus", null).body();

        assertThat(scrape).contains("fluxgate_calls", "fluxgate_state", "fluxgate_failure_rate",
                "name=\"payment_api\"");
    }

    @Test
    void chaosSettingsCanBeReadAndRejectNonsense() throws Exception {
        post("/chaos", "{\"failureRate\":0.25,\"latencyMs\":5,\"errorKind\":\"timeout\"}");

        JsonNode settings = this.http.getJson("/chaos");
        HttpResponse<String> bad = this.http.send("POST", "/chaos", "{\"failureRate\":2}");

        assertThat(settings.path("failureRate").asDouble()).isEqualTo(0.25);
        assertThat(settings.path("latencyMs").asLong()).isEqualTo(5);
        assertThat(settings.path("errorKind").asString()).isEqualTo("timeout");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("failureRate must be in [0.0, 1.0], was 2.0");
    }

    private JsonNode charge() throws IOException, InterruptedException {
        return this.http.json(this.http.send("POST", "/payments/charge?amount=10", null));
    }

    private JsonNode breaker(String name) throws IOException, InterruptedException {
        return this.http.getJson("/actuator/fluxgate/" + name);
    }

    private List<String> transitions(String name) throws IOException, InterruptedException {
        List<String> result = new ArrayList<>();
        for (JsonNode transition : breaker(name).path("recentTransitions").values()) {
            result.add(transition.path("from").asString() + "->" + transition.path("to").asString());
        }
        return result;
    }

    private void post(String path, @Nullable String body) throws IOException, InterruptedException {
        assertThat(this.http.send("POST", path, body).statusCode()).isEqualTo(200);
    }


}
