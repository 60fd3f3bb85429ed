package io.fluxgate.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.fluxgate.CallNotPermittedException;
import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.State;
import io.fluxgate.spring.CircuitBreaker;
import io.fluxgate.spring.TestBreakers.ManualTicker;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/**
 * A running application whose {@code fluxgate.*} properties change in a config file, applied through Spring Cloud's
 * {@code /actuator/refresh} over real HTTP: the breaker keeps its state and counts and takes the new settings; a
 * bad value is logged as start-up would report it, and the old settings stay.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "management.endpoints.web.exposure.include=fluxgate,refresh" })
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PropertiesRefreshIntegrationTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path CONFIG = configFile("""
            fluxgate:
              breakers:
                payment_api:
                  window: CountWindow(10)
                  tripper: MinRequests(4) & FailureRate(0.5)
                  retry: Cooldown(60s)
                  permit: All()
                inventory:
                  tripper: FailureStreak(3)
            """);

    @LocalServerPort
    private int port;

    @Autowired
    private CircuitBreakerRegistry registry;

    @Autowired
    private ManualTicker ticker;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private Payments payments;

    private static Path configFile(String yaml) {
        try {
            Path file = Files.createTempFile("fluxgate-refresh", ".yml");
            Files.writeString(file, yaml);
            // Read again on every refresh, as an application's own config file or a mounted config map would be.
            System.setProperty("spring.config.import", "optional:file:" + file);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void removeConfigFile() throws IOException {
        System.clearProperty("spring.config.import");
        Files.deleteIfExists(CONFIG);
    }

    @Test
    @Order(1)
    void changesTheTripperAndRetryOfAnOpenBreakerKeepingItsStateAndCounts() throws Exception {
        payments.failing(true);
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(payments::charge).isInstanceOf(IllegalStateException.class);
        }
        io.fluxgate.CircuitBreaker breaker = registry.get("payment_api").orElseThrow();
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        String changedAt = json(get("/actuator/fluxgate/payment_api")).read("$.changedAt");
        List<Meter> metersBefore = metersOf("payment_api");

        Files.writeString(CONFIG, """
                fluxgate:
                  breakers:
                    payment_api:
                      window: CountWindow(10)
                      tripper: FailureStreak(1)
                      retry: Cooldown(5s)
                      permit: All()
                    inventory:
                      tripper: FailureStreak(3)
                """);
        HttpResponse<String> refreshed = post("/actuator/refresh");

        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(refreshed.body()).contains("fluxgate.breakers.payment_api.tripper",
                "fluxgate.breakers.payment_api.retry");
        assertThat(registry.get("payment_api")).containsSame(breaker);
        DocumentContext json = json(get("/actuator/fluxgate/payment_api"));
        assertThat(json.<String>read("$.state")).isEqualTo("OPEN");
        assertThat(json.<String>read("$.changedAt")).isEqualTo(changedAt);
        assertThat(json.<Integer>read("$.reopens")).isZero();
        assertThat(json.<Integer>read("$.metric.failureCount")).as("OPEN records nothing; counts are kept")
                .isZero();
        assertThat(json.<String>read("$.config.tripper")).isEqualTo("FailureStreak(1)");
        assertThat(json.<String>read("$.config.retry")).isEqualTo("Cooldown(5s)");
        assertThat(json.<String>read("$.lastReconfiguration.reason"))
                .contains("tripper MinRequests(4) & FailureRate(0.5) -> FailureStreak(1)")
                .contains("retry Cooldown(1m) -> Cooldown(5s)");
        assertThat(breaker.statistics().count(io.fluxgate.CallOutcome.FAILURE, false)).isEqualTo(4);
        assertThat(metersOf("payment_api")).as("the same meters, none added or lost")
                .hasSameSizeAs(metersBefore).containsExactlyInAnyOrderElementsOf(metersBefore);

        ticker.advance(Duration.ofSeconds(59));
        assertThatThrownBy(payments::charge).as("the wait it drew when it opened still runs")
                .isInstanceOf(CallNotPermittedException.class);
        ticker.advance(Duration.ofSeconds(1));
        assertThatThrownBy(payments::charge).isInstanceOf(IllegalStateException.class);
        assertThat(breaker.state()).as("the probe failed under FailureStreak(1)").isEqualTo(State.OPEN);
        ticker.advance(Duration.ofSeconds(4));
        assertThatThrownBy(payments::charge).isInstanceOf(CallNotPermittedException.class);
        ticker.advance(Duration.ofSeconds(1));
        payments.failing(false);
        assertThat(payments.charge()).as("the new retry's 5 s governed this probe").isEqualTo("charged");
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    @Test
    @Order(2)
    void logsABadValueAsStartUpWouldAndKeepsTheOldConfigurationWhileOthersChange(CapturedOutput output)
            throws Exception {
        Files.writeString(CONFIG, """
                fluxgate:
                  breakers:
                    payment_api:
                      window: CountWindow(10)
                      tripper: FailureRate(2)
                      retry: Cooldown(5s)
                      permit: All()
                    inventory:
                      tripper: FailureStreak(7)
                    shipping:
                      tripper: FailureStreak(2)
                """);

        HttpResponse<String> refreshed = post("/actuator/refresh");

        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(output.getOut()).contains("WARN").contains("Circuit breaker 'payment_api' keeps its configuration")
                .contains("Invalid value 'FailureRate(2)' for configuration property"
                        + " 'fluxgate.breakers.payment_api.tripper'");
        assertThat(json(get("/actuator/fluxgate/payment_api")).<String>read("$.config.tripper"))
                .isEqualTo("FailureStreak(1)");
        assertThat(json(get("/actuator/fluxgate/inventory")).<String>read("$.config.tripper"))
                .isEqualTo("FailureStreak(7)");
        assertThat(registry.get("shipping")).as("a new entry becomes a breaker").isPresent()
                .get().extracting(b -> b.config().tripper().toString()).isEqualTo("FailureStreak(2)");
    }

    @Test
    @Order(3)
    void keepsARemovedBreakerRunningOnTheDefaultsWithAWarning(CapturedOutput output) throws Exception {
        Files.writeString(CONFIG, """
                fluxgate:
                  defaults:
                    tripper: FailureStreak(9)
                  breakers:
                    payment_api:
                      tripper: FailureStreak(1)
                      retry: Cooldown(5s)
                      permit: All()
                """);

        assertThat(post("/actuator/refresh").statusCode()).isEqualTo(200);

        assertThat(output.getOut()).contains("fluxgate.breakers.inventory was removed; circuit breaker 'inventory'"
                + " keeps running, now on fluxgate.defaults");
        assertThat(registry.get("inventory").orElseThrow().config().tripper().toString())
                .isEqualTo("FailureStreak(9)");
        assertThat(registry.get("payment_api").orElseThrow().config().window().toString())
                .as("CountWindow(10) was removed: the core's default").isEqualTo("CountWindow(100)");
    }

    @Test
    @Order(4)
    void changesNothingWhenAPropertyCannotBeBoundAndSaysWhy(CapturedOutput output) throws Exception {
        Files.writeString(CONFIG, """
                fluxgate:
                  defaults:
                    tripper: FailureStreak(9)
                  breakers:
                    payment_api:
                      tripper: FailureStreak(4)
                      retyr: Cooldown(5s)
                """);

        assertThat(post("/actuator/refresh").statusCode()).isEqualTo(200);

        assertThat(output.getOut()).contains("Fluxgate did not apply the changed properties")
                .contains("every circuit breaker keeps its configuration").contains("retyr");
        assertThat(registry.get("payment_api").orElseThrow().config().tripper().toString())
                .isEqualTo("FailureStreak(1)");
    }

    private List<Meter> metersOf(String name) {
        return meters.getMeters().stream().filter(meter -> name.equals(meter.getId().getTag("name"))).toList();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static DocumentContext json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonPath.parse(response.body());
    }

    /** A client of a downstream that fails while told to (a method: the bean is a proxy). */
    static class Payments {

        private final AtomicBoolean failing = new AtomicBoolean();

        public void failing(boolean fail) {
            failing.set(fail);
        }

        @CircuitBreaker(name = "payment_api")
        public String charge() {
            if (failing.get()) {
                throw new IllegalStateException("downstream failed");
            }
            return "charged";
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {

        @Bean
        ManualTicker ticker() {
            return new ManualTicker();
        }

        @Bean
        Payments payments() {
            return new Payments();
        }
    }
}
