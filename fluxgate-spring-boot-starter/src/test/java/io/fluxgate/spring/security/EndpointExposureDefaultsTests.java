package io.fluxgate.spring.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.State;
import io.fluxgate.spring.TestRegistryConfiguration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * With no {@code management.endpoints.web.exposure.include}, Spring Boot exposes only {@code health} over HTTP:
 * the {@code fluxgate} endpoint can be neither read nor written.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class EndpointExposureDefaultsTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @Autowired
    private CircuitBreakerRegistry registry;

    @Test
    void theEndpointIsNotExposedOverHttpUnlessIncluded() throws Exception {
        assertThat(send("GET", "/actuator/fluxgate", null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/actuator/fluxgate/payment_api", null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/actuator", null).body()).contains("health").doesNotContain("fluxgate");
    }

    @Test
    void nobodyCanChangeABreakerOverHttpUnlessIncluded() throws Exception {
        HttpResponse<String> response = send("POST", "/actuator/fluxgate/payment_api", "{\"state\":\"FORCED_OPEN\"}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(registry.get("payment_api").orElseThrow().state()).isEqualTo(State.CLOSED);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(TestRegistryConfiguration.class)
    static class Application {
    }
}
