package io.fluxgate.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * The tour's keyed step over real HTTP: the provider answers on two host names, the chaos switch breaks one of
 * them, and the keyed family {@code provider_hosts} opens that host's breaker only, while the other host keeps
 * serving; {@code /actuator/fluxgate/provider_hosts} shows both keys. The cooldown passes on a ticker the test moves.
 */
// The client's read timeout stays application.yml's 1 s: no test here waits for it, and a first call on a
// cold, busy JVM may take longer than a shortened one.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MovableTicker.Time.class)
class ProviderHostsTests {

    @LocalServerPort
    private int port;

    private SampleHttp http;

    @Autowired
    private MovableTicker ticker;

    @BeforeEach
    void healthyProvider() throws Exception {
        this.http = new SampleHttp(this.port);
        this.http.send("DELETE", "/chaos", null);
    }

    @Test
    void oneBrokenHostOpensItsOwnBreakerWhileTheOtherHostKeepsServing() throws Exception {
        assertThat(charge("localhost").path("status").asString()).isEqualTo("charged");
        assertThat(this.http.send("POST", "/chaos?host=127.0.0.1", "{\"failureRate\":1.0}").statusCode())
                .isEqualTo(200);
        assertThat(this.http.getJson("/chaos?host=127.0.0.1").path("failureRate").asDouble()).isEqualTo(1.0);
        assertThat(this.http.getJson("/chaos").path("failureRate").asDouble()).isZero();

        for (int i = 0; i < 3; i++) {
            JsonNode failed = charge("127.0.0.1");
            assertThat(failed.path("status").asString()).isEqualTo("failed");
            assertThat(failed.path("detail").asString())
                    .isEqualTo("127.0.0.1: 503 SERVICE_UNAVAILABLE from the provider");
        }
        JsonNode rejected = charge("127.0.0.1");
        JsonNode served = charge("localhost");

        assertThat(rejected.path("status").asString()).isEqualTo("queued");
        assertThat(rejected.path("detail").asString()).isEqualTo("Circuit breaker 'provider_hosts[127.0.0.1:"
                + this.port + "]' is OPEN and does not permit calls");
        assertThat(served.path("status").asString()).isEqualTo("charged");
        JsonNode keys = family().path("keys");
        assertThat(keys.path("127.0.0.1:" + this.port).path("state").asString()).isEqualTo("OPEN");
        assertThat(keys.path("localhost:" + this.port).path("state").asString()).isEqualTo("CLOSED");
        assertThat(keys.path("localhost:" + this.port).path("metric").path("failureCount").asLong()).isZero();

        this.http.send("DELETE", "/chaos", null);
        this.ticker.advance(Duration.ofSeconds(6));
        assertThat(charge("127.0.0.1").path("status").asString()).as("the probe after Cooldown(5s)")
                .isEqualTo("charged");
        assertThat(family().path("keys").path("127.0.0.1:" + this.port).path("state").asString())
                .isEqualTo("CLOSED");
    }

    @Test
    void aDeclinedChargeIsNotAFailureOfTheHost() throws Exception {
        JsonNode declined = this.http.getJson("/payments/charge-at?host=localhost&amount=-5");

        assertThat(declined.path("status").asString()).isEqualTo("declined");
        assertThat(family().path("keys").path("localhost:" + this.port).path("metric").path("failureCount").asLong())
                .isZero();
    }

    @Test
    void onlyTheConfiguredHostNamesCanBeCalled() throws Exception {
        HttpResponse<String> other = this.http.send("GET", "/payments/charge-at?host=example.com", null);

        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(family().path("keys").has("example.com:80")).isFalse();
    }

    private JsonNode charge(String host) throws IOException, InterruptedException {
        return this.http.getJson("/payments/charge-at?host=" + host + "&amount=10");
    }

    private JsonNode family() throws IOException, InterruptedException {
        return this.http.getJson("/actuator/fluxgate/provider_hosts");
    }



}
