package io.fluxgate.spring.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.fluxgate.CallNotPermittedException;
import io.fluxgate.spring.TestBreakers.ManualTicker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClient;

/**
 * The whole per-host story in one running application, over real HTTP: three local servers stand for three hosts,
 * {@code fluxgate.http.breaker} puts every {@code RestClient} from Boot's builder on the keyed family
 * {@code hosts}, one host fails, and only its key opens while the others keep serving; the endpoint shows the three
 * keys with their states, health counts them, and the Prometheus output has family meters without a {@code key}
 * tag.
 */
@SpringBootTest(classes = PerHostIntegrationTests.Application.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
                "management.endpoints.web.exposure.include=fluxgate,health,prometheus",
                "management.endpoint.health.show-details=always",
                "fluxgate.http.breaker=hosts",
                "fluxgate.breakers.hosts.tripper=FailureStreak(2)",
                "fluxgate.breakers.hosts.retry=Cooldown(10s)",
                "fluxgate.breakers.hosts.permit=All()",
                "fluxgate.breakers.hosts.keys.max=10" })
class PerHostIntegrationTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final TestHost A = TestHost.answering(200);
    private static final TestHost B = TestHost.answering(200);
    private static final TestHost C = TestHost.answering(503);

    @LocalServerPort
    private int port;

    @Autowired
    private RestClient.Builder builder;

    @Autowired
    private ManualTicker ticker;

    @AfterAll
    static void stopHosts() {
        List.of(A, B, C).forEach(TestHost::close);
    }

    @Test
    void oneFailingHostOpensOnlyItsOwnBreakerAndTheEndpointHealthAndMetricsShowIt() throws Exception {
        RestClient client = builder.build();
        for (int i = 0; i < 2; i++) {
            assertThat(get(client, A)).isEqualTo("status 200");
            assertThat(get(client, B)).isEqualTo("status 200");
            assertThatThrownBy(() -> get(client, C)).isInstanceOf(HttpServerErrorException.class);
        }

        assertThatThrownBy(() -> get(client, C)).isInstanceOf(CallNotPermittedException.class)
                .hasMessageContaining("'hosts[" + C.key() + "]'");
        assertThat(C.hits()).as("the rejected request was not sent").isEqualTo(2);
        assertThat(get(client, A)).isEqualTo("status 200");
        assertThat(get(client, B)).isEqualTo("status 200");

        DocumentContext family = json("/actuator/fluxgate/hosts");
        assertThat(family.<Map<String, Object>>read("$.keys")).containsOnlyKeys(A.key(), B.key(), C.key());
        assertThat(family.<String>read("$.keys['" + A.key() + "'].state")).isEqualTo("CLOSED");
        assertThat(family.<String>read("$.keys['" + B.key() + "'].state")).isEqualTo("CLOSED");
        assertThat(family.<String>read("$.keys['" + C.key() + "'].state")).isEqualTo("OPEN");
        assertThat(family.<Integer>read("$.keys['" + A.key() + "'].metric.totalCount")).isEqualTo(3);
        assertThat(family.<Integer>read("$.keys['" + A.key() + "'].metric.failureCount")).isZero();
        assertThat(family.<Map<String, Integer>>read("$.states")).containsEntry("CLOSED", 2).containsEntry("OPEN", 1);

        DocumentContext health = json("/actuator/health");
        assertThat(health.<Integer>read("$.components.fluxgate.details.hosts.keys")).isEqualTo(3);
        assertThat(health.<Integer>read("$.components.fluxgate.details.hosts.states.OPEN")).isEqualTo(1);

        String prometheus = get("/actuator/prometheus").body();
        assertThat(prometheus).contains("fluxgate_keys{name=\"hosts\",state=\"open\"} 1",
                "fluxgate_keys{name=\"hosts\",state=\"closed\"} 2",
                "fluxgate_calls_seconds_count{name=\"hosts\",outcome=\"success\",slow=\"false\"} 6",
                "fluxgate_calls_seconds_count{name=\"hosts\",outcome=\"failure\",slow=\"false\"} 2",
                "fluxgate_calls_seconds_count{name=\"hosts\",outcome=\"rejected\",slow=\"false\"} 1");
        assertThat(prometheus).as("no key tag by default").doesNotContain("key=\"");

        C.answer(200);
        ticker.advance(Duration.ofSeconds(10));
        assertThat(get(client, C)).as("the probe after Cooldown(10s)").isEqualTo("status 200");
        assertThat(json("/actuator/fluxgate/hosts").<String>read("$.keys['" + C.key() + "'].state"))
                .isEqualTo("CLOSED");
    }

    private static String get(RestClient client, TestHost host) {
        return client.get().uri(host.url() + "/charges").retrieve().body(String.class);
    }

    private DocumentContext json(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonPath.parse(response.body());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Application {

        @Bean
        ManualTicker ticker() {
            return new ManualTicker();
        }
    }
}
