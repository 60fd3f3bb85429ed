package io.fluxgate.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.spring.TestBreakers;
import io.fluxgate.spring.TestRegistryConfiguration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard over real HTTP, without a browser: the page is HTML, what it polls is JSON, the {@code fluxgate}
 * endpoint keeps answering JSON, and the page learns whether it may show its controls.
 */
class FluxgateDashboardEndpointTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static HttpResponse<String> get(int port, String path, String accept) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", accept).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Nested
    @SpringBootTest(classes = Application.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties =
            "management.endpoints.web.exposure.include=fluxgate,fluxgatedashboard")
    class ReadOnly {

        @LocalServerPort
        private int port;

        @Autowired
        private CircuitBreakerRegistry registry;

        @Test
        void servesTheSelfContainedPageAsHtml() throws Exception {
            HttpResponse<String> page = get(port, "/actuator/fluxgatedashboard",
                    "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/html"));
            assertThat(page.body()).contains("<title>Fluxgate dashboard</title>")
                    .doesNotContain("src=\"http", "href=\"http", "<script src");
        }

        @Test
        void theFluxgateEndpointStillAnswersJsonToAnyClient() throws Exception {
            HttpResponse<String> curl = get(port, "/actuator/fluxgate", "*/*");

            assertThat(curl.statusCode()).isEqualTo(200);
            assertThat(curl.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).contains("json"));
            assertThat(JSON.readTree(curl.body()).path("breakers").has("payment_api")).isTrue();
        }

        @Test
        void answersTheDataThePagePollsWithTheSelectedBreakersTraffic() throws Exception {
            get(port, "/actuator/fluxgatedashboard/data", "application/json"); // the first sample: the baseline
            TestBreakers.fail(registry.get("payment_api").orElseThrow());

            JsonNode data = JSON.readTree(get(port, "/actuator/fluxgatedashboard/data?breaker=payment_api",
                    "application/json").body());

            assertThat(data.path("writable").asBoolean()).isFalse();
            assertThat(data.path("breakers").path("inventory").path("state").asString()).isEqualTo("CLOSED");
            assertThat(data.path("selected").asString()).isEqualTo("payment_api");
            long failures = 0;
            for (JsonNode second : data.path("traffic").path("failures")) {
                failures += second.asLong();
            }
            assertThat(failures).isEqualTo(1);
        }

        @Test
        void saysWhenAnOpenBreakersWaitEnds() throws Exception {
            TestBreakers.open(registry.get("inventory").orElseThrow());

            JsonNode data = JSON.readTree(get(port, "/actuator/fluxgatedashboard/data", "application/json").body());

            assertThat(data.path("openWaits").path("inventory").path("endsAt").asString())
                    .isEqualTo(TestBreakers.NOW.plus(TestBreakers.COOLDOWN).toString());
            registry.get("inventory").orElseThrow().reset();
        }

        @Test
        void sendsWhereEachBreakerTripsInItsCurrentState() throws Exception {
            JsonNode data = JSON.readTree(get(port, "/actuator/fluxgatedashboard/data", "application/json").body());

            JsonNode thresholds = data.path("thresholds").path("payment_api");
            assertThat(thresholds.path("appliesIn").asString()).isEqualTo("CLOSED");
            assertThat(thresholds.path("failureRate").asDouble()).isEqualTo(0.5);
            assertThat(thresholds.path("slowRate").isNull()).isTrue();
            assertThat(thresholds.path("minCalls").asLong()).isEqualTo(2);
        }

        @Test
        void answers404ForAnotherView() throws Exception {
            assertThat(get(port, "/actuator/fluxgatedashboard/other", "application/json").statusCode())
                    .isEqualTo(404);
        }
    }

    @Nested
    @SpringBootTest(classes = Application.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
            "management.endpoints.web.exposure.include=fluxgate,fluxgatedashboard",
            "management.endpoint.fluxgate.access=unrestricted" })
    class Writable {

        @LocalServerPort
        private int port;

        @Test
        void tellsThePageThatTheFluxgateEndpointTakesWrites() throws Exception {
            JsonNode data = JSON.readTree(get(port, "/actuator/fluxgatedashboard/data", "application/json").body());

            assertThat(data.path("writable").asBoolean()).isTrue();
        }
    }

    @Nested
    @SpringBootTest(classes = Application.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
            "management.endpoints.web.exposure.include=fluxgate,fluxgatedashboard",
            "fluxgate.dashboard.enabled=false" })
    class Disabled {

        @LocalServerPort
        private int port;

        @Test
        void servesNoPage() throws Exception {
            assertThat(get(port, "/actuator/fluxgatedashboard", "text/html").statusCode()).isEqualTo(404);
            assertThat(get(port, "/actuator/fluxgate", "application/json").statusCode()).isEqualTo(200);
        }
    }

    /** Not a {@code @SpringBootConfiguration}: the package's other tests find theirs by scanning. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(TestRegistryConfiguration.class)
    static class Application {
    }
}
