package io.fluxgate.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * The sample's HTTP service client ({@code ProviderApi}, group {@code provider}) over real HTTP against the
 * sample's own flaky provider: Spring Cloud Circuit Breaker guards the group with the Fluxgate breaker
 * {@code provider} as {@code application.yml} configures it, so three failures in a row open it, the group's
 * fallback then answers without the provider being called, and once the cooldown has passed (on a ticker the test
 * moves) a successful probe closes it.
 */
@ExtendWith(OutputCaptureExtension.class)
// The client's read timeout stays application.yml's 1 s: no test here waits for it, and a first call on a
// cold, busy JVM may take longer than a shortened one.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MovableTicker.Time.class)
class HttpServiceClientTests {

    @LocalServerPort
    private int port;

    private SampleHttp http;

    @Autowired
    private MovableTicker ticker;

    @BeforeEach
    void healthyProviderAndClosedBreaker() throws Exception {
        this.http = new SampleHttp(this.port);
        this.http.send("DELETE", "/chaos", null);
        assertThat(this.http.send("POST", "/actuator/fluxgate/provider", "{\"state\":\"CLOSED\"}").statusCode())
                .isEqualTo(200);
    }

    @Test
    void theGroupsBreakerIsBuiltAtStartUpFromItsYamlEntry(CapturedOutput output) throws Exception {
        assertThat(output).contains("Started HttpServiceClientTests")
                .doesNotContain("is configured under fluxgate.breakers.provider but not used");
        assertThat(this.http.send("GET", "/actuator/fluxgate/provider", null).body())
                .contains("FailureStreak(3) | MinRequests(10) & FailureRate(0.5)");
    }

    @Test
    void threeFailuresOpenTheBreakerTheFallbackAnswersWithoutTheProviderAndAProbeClosesIt() throws Exception {
        JsonNode charged = charge("10");
        assertThat(charged.path("status").asString()).as(charged.toString()).isEqualTo("charged");
        assertThat(charged.path("receipt").asString()).startsWith("ch_");

        assertThat(this.http.send("POST", "/chaos", "{\"failureRate\":1.0,\"errorKind\":\"5xx\"}").statusCode())
                .isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            JsonNode failed = charge("10");
            assertThat(failed.path("status").asString()).as(failed.toString()).isEqualTo("failed");
            assertThat(failed.path("detail").asString()).isEqualTo("503 SERVICE_UNAVAILABLE from the provider");
        }
        assertThat(breaker().path("state").asString()).isEqualTo("OPEN");

        // The provider is healthy again, but the open breaker does not let the call reach it.
        this.http.send("DELETE", "/chaos", null);
        JsonNode rejected = charge("10");
        assertThat(rejected.path("status").asString()).isEqualTo("queued");
        assertThat(rejected.path("detail").asString())
                .isEqualTo("Circuit breaker 'provider' is OPEN and does not permit calls");

        this.ticker.advance(Duration.ofSeconds(6));
        assertThat(charge("10").path("status").asString()).isEqualTo("charged");
        assertThat(breaker().path("state").asString()).isEqualTo("CLOSED");
    }

    @Test
    void aDeclinedChargeFallsBackButIsNotAFailure() throws Exception {
        JsonNode declined = charge("-5");

        assertThat(declined.path("status").asString()).as(declined.toString()).isEqualTo("declined");
        assertThat(declined.path("detail").asString()).isEqualTo("400 BAD_REQUEST from the provider");
        assertThat(breaker().path("metric").path("failureCount").asLong()).isZero();
        assertThat(breaker().path("state").asString()).isEqualTo("CLOSED");
    }

    private JsonNode charge(String amount) throws IOException, InterruptedException {
        return this.http.getJson("/payments/charge-http?amount=" + amount);
    }

    private JsonNode breaker() throws IOException, InterruptedException {
        return this.http.getJson("/actuator/fluxgate/provider");
    }



}
