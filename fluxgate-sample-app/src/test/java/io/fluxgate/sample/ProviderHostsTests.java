package io.fluxgate.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.Ticker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tour's keyed step over real HTTP: the provider answers on two host names, the chaos switch breaks one of
 * them, and the keyed family {@code provider_hosts} opens that host's breaker only, while the other host keeps
 * serving; {@code /actuator/fluxgate/provider_hosts} shows both keys. The cooldown passes on a ticker the test moves.
 */
// The client's read timeout stays application.yml's 1 s: no test here waits for it, and a first call on a
// cold, busy JVM may take longer than a shortened one.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProviderHostsTests {

    private final HttpClient http = HttpClient.newHttpClient();

    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    @Autowired
    private MovableTicker ticker;

    @BeforeEach
    void healthyProvider() throws Exception {
        send("DELETE", "/chaos", null);
    }

    @Test
    void oneBrokenHostOpensItsOwnBreakerWhileTheOtherHostKeepsServing() throws Exception {
        assertThat(charge("localhost").path("status").asString()).isEqualTo("charged");
        assertThat(send("POST", "/chaos?host=127.0.0.1", "{\"failureRate\":1.0}").statusCode()).isEqualTo(200);
        assertThat(json(send("GET", "/chaos?host=127.0.0.1", null)).path("failureRate").asDouble()).isEqualTo(1.0);
        assertThat(json(send("GET", "/chaos", null)).path("failureRate").asDouble()).isZero();

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

        send("DELETE", "/chaos", null);
        this.ticker.advance(Duration.ofSeconds(6));
        assertThat(charge("127.0.0.1").path("status").asString()).as("the probe after Cooldown(5s)")
                .isEqualTo("charged");
        assertThat(family().path("keys").path("127.0.0.1:" + this.port).path("state").asString())
                .isEqualTo("CLOSED");
    }

    @Test
    void aDeclinedChargeIsNotAFailureOfTheHost() throws Exception {
        JsonNode declined = json(send("GET", "/payments/charge-at?host=localhost&amount=-5", null));

        assertThat(declined.path("status").asString()).isEqualTo("declined");
        assertThat(family().path("keys").path("localhost:" + this.port).path("metric").path("failureCount").asLong())
                .isZero();
    }

    @Test
    void onlyTheConfiguredHostNamesCanBeCalled() throws Exception {
        HttpResponse<String> other = send("GET", "/payments/charge-at?host=example.com", null);

        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(family().path("keys").has("example.com:80")).isFalse();
    }

    private JsonNode charge(String host) throws IOException, InterruptedException {
        return json(send("GET", "/payments/charge-at?host=" + host + "&amount=10", null));
    }

    private JsonNode family() throws IOException, InterruptedException {
        return json(send("GET", "/actuator/fluxgate/provider_hosts", null));
    }

    private JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return this.json.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path, @Nullable String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
                .timeout(Duration.ofSeconds(10));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A ticker the test moves, so the cooldown passes without waiting. */
    static final class MovableTicker implements Ticker {

        private final AtomicLong nanos = new AtomicLong();

        @Override
        public long read() {
            return this.nanos.get();
        }

        void advance(Duration duration) {
            this.nanos.addAndGet(duration.toNanos());
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class MovableTime {

        @Bean
        MovableTicker ticker() {
            return new MovableTicker();
        }
    }
}
