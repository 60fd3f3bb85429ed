package io.fluxgate.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The sample as {@code process-aot} left it in {@code target/classes}, started in a JVM of its own with
 * {@code -Dspring.aot.enabled=true}, so that it runs on the generated bean definitions instead of scanning and
 * conditions, as a native image does, and driven over HTTP through the README's tour: a charge, a declined
 * payment, chaos until {@code payment_api} opens, the fallback that answers while it is open, the endpoint, a
 * bad request to it, health and the Prometheus scrape. The application's output goes to
 * {@code target/aot-app.log}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AotApplicationIT {

    private static final Duration START_AT_MOST = Duration.ofSeconds(60);

    private static final Pattern PORT = Pattern.compile("started on port (\\d+)");

    private static final Path TARGET = Path.of("target");

    private static final Path LOG = TARGET.resolve("aot-app.log");



    private static @Nullable Process app;

    private static int port;

    private static SampleHttp sample;

    @BeforeAll
    static void startTheProcessedApplication() throws Exception {
        String classpath = TARGET.resolve("classes") + java.io.File.pathSeparator
                + Files.readString(TARGET.resolve("aot-classpath.txt")).trim();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        app = new ProcessBuilder(java.toString(), "-Dspring.aot.enabled=true", "-cp", classpath,
                SampleApplication.class.getName(), "--server.port=0", "--spring.main.banner-mode=off")
                .redirectErrorStream(true).redirectOutput(LOG.toFile()).start();
        await().atMost(START_AT_MOST).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(app.isAlive()).as("the application exited; see %s:%n%s", LOG, log()).isTrue();
            Matcher started = PORT.matcher(log());
            if (!started.find()) {
                return false;
            }
            port = Integer.parseInt(started.group(1));
            sample = new SampleHttp(port);
            return true;
        });
    }

    @AfterAll
    static void stopIt() throws InterruptedException {
        if (app != null) {
            app.destroy();
            if (!app.waitFor(20, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    @Test
    @Order(1)
    void runsOnTheGeneratedBeanDefinitions() throws IOException {
        assertThat(log()).contains("Starting AOT-processed SampleApplication");
    }

    @Test
    @Order(2)
    void theEndpointListsTheConfiguredBreakersWithTheirTrackers() throws Exception {
        JsonNode breakers = sample.getJson("/actuator/fluxgate").path("breakers");
        JsonNode payment = sample.getJson("/actuator/fluxgate/payment_api");

        assertThat(breakers.has("payment_api")).isTrue();
        assertThat(breakers.has("refund_api")).isTrue();
        assertThat(payment.path("state").asString()).isEqualTo("CLOSED");
        assertThat(payment.path("config").path("tracker").asString())
                .contains("org.springframework.web.client.RestClientException");
    }

    @Test
    @Order(3)
    void aChargeGoesThroughAndADeclinedOneIsAnsweredByItsFallbackWithoutCounting() throws Exception {
        assertThat(charge("10").path("status").asString()).isEqualTo("charged");
        assertThat(charge("-5").path("status").asString()).isEqualTo("declined");
        assertThat(breaker("payment_api").path("metric").path("failureCount").asLong()).isZero();
    }

    @Test
    @Order(4)
    void chaosOpensThePaymentBreakerAndTheFallbackAnswersWhileItIsOpen() throws Exception {
        assertThat(sample.send("POST", "/chaos", "{\"failureRate\":1.0}").statusCode()).isEqualTo(200);
        List<String> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(charge("10").path("status").asString());
        }

        assertThat(statuses).containsOnly("failed");
        assertThat(breaker("payment_api").path("state").asString()).isEqualTo("OPEN");
        JsonNode whileOpen = charge("10");
        assertThat(whileOpen.path("status").asString()).isEqualTo("queued");
        assertThat(whileOpen.path("detail").asString())
                .isEqualTo("Circuit breaker 'payment_api' is OPEN and does not permit calls");
        assertThat(transitions(breaker("payment_api"))).contains("CLOSED->OPEN");
    }

    @Test
    @Order(5)
    void anAsyncRefundFailsOverToItsFallback() throws Exception {
        JsonNode refund = sample.json(sample.send("POST", "/payments/refund?amount=10", null));

        assertThat(refund.path("status").asString()).isEqualTo("failed");
    }

    @Test
    @Order(6)
    void theEndpointRejectsAnUnknownStateWithItsReason() throws Exception {
        HttpResponse<String> bad = sample.send("POST", "/actuator/fluxgate/payment_api", "{\"state\":\"SHUT\"}");

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(SampleHttp.readTree(bad.body()).path("message").asString())
                .startsWith("Cannot set circuit breaker 'payment_api' to state 'SHUT'");
    }

    @Test
    @Order(7)
    void healthShowsTheOpenBreakerWithoutGoingDown() throws Exception {
        JsonNode health = sample.getJson("/actuator/health");

        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("fluxgate").path("details").path("payment_api").path("state")
                .asString()).isEqualTo("OPEN");
    }

    @Test
    @Order(8)
    void prometheusScrapeHasTheFluxgateSeries() throws Exception {
        String scrape = sample.send("GET", "/actuator/prometheus", null).body();

        assertThat(scrape).contains("fluxgate_calls", "fluxgate_state", "name=\"payment_api\"");
    }

    private static String log() throws IOException {
        return Files.exists(LOG) ? Files.readString(LOG, StandardCharsets.UTF_8) : "";
    }

    private static JsonNode charge(String amount) throws IOException, InterruptedException {
        return sample.json(sample.send("POST", "/payments/charge?amount=" + amount, null));
    }

    private static JsonNode breaker(String name) throws IOException, InterruptedException {
        return sample.getJson("/actuator/fluxgate/" + name);
    }

    private static List<String> transitions(JsonNode breaker) {
        List<String> result = new ArrayList<>();
        for (JsonNode transition : breaker.path("recentTransitions").values()) {
            result.add(transition.path("from").asString() + "->" + transition.path("to").asString());
        }
        return result;
    }


}
