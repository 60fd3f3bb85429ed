package io.fluxgate.spring.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.fluxgate.CallNotPermittedException;
import io.fluxgate.CircuitBreaker;
import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.Metric;
import io.fluxgate.State;
import io.fluxgate.spring.actuate.TransitionHistory;
import io.fluxgate.trippers.Tripper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Slack token and what user code puts in exception messages stay out of the endpoint, the health details,
 * the logs of a failed Slack post and the beans' {@code toString()}. Slack here is a port nobody listens on: the
 * application starts and calls run anyway.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "management.endpoints.web.exposure.include=fluxgate,health",
        "management.endpoint.health.show-details=always",
        "fluxgate.slack.channel=#alerts",
        "fluxgate.slack.token=" + SecretsStayOutOfSightIntegrationTests.TOKEN,
        "fluxgate.slack.request-timeout=2s",
        "fluxgate.breakers.payment_api.listeners=slack,log",
        "fluxgate.breakers.payment_api.tripper=FailureStreak(1)" })
class SecretsStayOutOfSightIntegrationTests {

    static final String TOKEN = "xoxb-0000-TOKEN-THAT-MUST-NOT-LEAK";
    static final String SECRET = "s3cr3t-from-user-code";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void slackIsDown(DynamicPropertyRegistry properties) throws IOException {
        int dead;
        try (ServerSocket socket = new ServerSocket(0)) {
            dead = socket.getLocalPort(); // closed again: connections to it are refused
        }
        properties.add("fluxgate.slack.base-url", () -> "http://127.0.0.1:" + dead + "/api/");
    }

    @LocalServerPort
    private int port;

    @Autowired
    private CircuitBreakerRegistry registry;

    @Autowired
    private ConfigurableApplicationContext context;

    @Test
    void noSecretReachesTheEndpointHealthLogsOrBeans(CapturedOutput output) throws Exception {
        CircuitBreaker payments = registry.get("payment_api").orElseThrow();
        CircuitBreaker secretive = registry.get("secretive").orElseThrow();

        assertThat(failWithSecret(payments)).hasMessageContaining(SECRET);
        assertThat(failWithSecret(secretive)).hasMessageContaining(SECRET);
        assertThat(payments.state()).isEqualTo(State.OPEN);
        assertThat(secretive.state()).isEqualTo(State.OPEN);
        assertThat(catchThrowable(() -> payments.run(() -> { }))).isInstanceOf(CallNotPermittedException.class);
        awaitSlackFailureIn(output);

        String endpoint = get("/actuator/fluxgate");
        String health = get("/actuator/health");

        assertThat(endpoint).contains("\"payment_api\"", "\"secretive\"")
                .contains(SecretTripper.class.getName() + " (its toString() threw java.lang.IllegalStateException)")
                .contains("(no reason: java.lang.IllegalStateException while describing it)");
        for (String text : new String[] { endpoint, health }) {
            assertThat(text).doesNotContain(SECRET).doesNotContain(TOKEN).doesNotContain("TOKEN-THAT");
        }
        assertThat(output.getAll()).contains("Slack post for circuit breaker 'payment_api'")
                .doesNotContain(TOKEN).doesNotContain("TOKEN-THAT");
        for (String name : context.getBeanDefinitionNames()) {
            Object bean = context.getBean(name);
            String text;
            try {
                text = String.valueOf(bean);
            } catch (RuntimeException ex) {
                continue;
            }
            assertThat(text).as("toString() of bean '%s'", name).doesNotContain("TOKEN-THAT");
        }
    }

    private static Throwable failWithSecret(CircuitBreaker breaker) {
        return catchThrowable(() -> breaker.run(() -> {
            throw new UncheckedIOException(new IOException("payment of 10 EUR failed, password=" + SECRET));
        }));
    }

    private static void awaitSlackFailureIn(CapturedOutput output) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!output.getAll().contains("Slack post for circuit breaker 'payment_api'")
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /** A user's tripper whose {@code toString()} and {@code explain(...)} throw with a secret message. */
    static final class SecretTripper implements Tripper {

        @Override
        public boolean test(Metric metric, State state, int consecutiveFailures) {
            return consecutiveFailures >= 1;
        }

        @Override
        public String explain(Metric metric, State state, int consecutiveFailures) {
            throw new IllegalStateException("explain: " + SECRET);
        }

        @Override
        public String toString() {
            throw new IllegalStateException("toString: " + SECRET);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {

        @Bean
        CircuitBreaker secretive(TransitionHistory history) {
            return CircuitBreaker.builder("secretive").tripper(new SecretTripper()).listener(history).build();
        }
    }
}
