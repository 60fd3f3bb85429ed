package io.fluxgate.spring.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.State;
import io.fluxgate.spring.KeyedBreakers;
import io.fluxgate.spring.TestRegistryConfiguration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * Exposing the {@code fluxgate} endpoint to read it does not let anyone change a breaker: the endpoint is
 * read-only until {@code management.endpoint.fluxgate.access: unrestricted}.
 */
class EndpointWriteAccessTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String FORCE_OPEN = "{\"state\":\"FORCED_OPEN\"}";

    static HttpResponse<String> send(int port, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Nested
    @SpringBootTest(classes = Application.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
            "management.endpoints.web.exposure.include=fluxgate", "fluxgate.breakers.hosts.keys.max=5"})
    class ExposedOnly {

        @LocalServerPort
        private int port;

        @Autowired
        private CircuitBreakerRegistry registry;

        @Autowired
        private KeyedBreakers keyed;

        @AfterEach
        void stillClosed() {
            assertThat(registry.get("payment_api").orElseThrow().state()).isEqualTo(State.CLOSED);
        }

        @Test
        void readsTheBreakers() throws Exception {
            HttpResponse<String> response = send(port, "GET", "/actuator/fluxgate/payment_api", null);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"state\":\"CLOSED\"");
        }

        @Test
        void refusesToChangeABreaker() throws Exception {
            HttpResponse<String> response = send(port, "POST", "/actuator/fluxgate/payment_api", FORCE_OPEN);

            assertThat(response.statusCode()).isEqualTo(405);
        }

        @Test
        void refusesToChangeAKeyOfAFamily() throws Exception {
            io.fluxgate.CircuitBreaker hostA = keyed.find("hosts").orElseThrow().forKey("host-a");

            HttpResponse<String> read = send(port, "GET", "/actuator/fluxgate/hosts/host-a", null);
            HttpResponse<String> write = send(port, "POST", "/actuator/fluxgate/hosts/host-a", FORCE_OPEN);

            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(write.statusCode()).isEqualTo(405);
            assertThat(hostA.state()).isEqualTo(State.CLOSED);
        }
    }

    @Nested
    @SpringBootTest(classes = Application.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
            "management.endpoints.web.exposure.include=fluxgate",
            "management.endpoint.fluxgate.access=unrestricted"})
    class OptedIn {

        @LocalServerPort
        private int port;

        @Autowired
        private CircuitBreakerRegistry registry;

        @Test
        void changesABreaker() throws Exception {
            HttpResponse<String> response = send(port, "POST", "/actuator/fluxgate/payment_api", FORCE_OPEN);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(registry.get("payment_api").orElseThrow().state()).isEqualTo(State.FORCED_OPEN);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(TestRegistryConfiguration.class)
    static class Application {
    }
}
