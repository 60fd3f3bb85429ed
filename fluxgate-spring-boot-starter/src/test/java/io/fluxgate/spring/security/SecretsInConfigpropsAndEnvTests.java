package io.fluxgate.spring.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.spring.TestRegistryConfiguration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * With {@code show-values: always} on {@code configprops} and {@code env}, Spring Boot shows every value it does
 * not sanitize: the Slack token must be masked there, and Fluxgate's other values stay readable.
 */
@SpringBootTest(classes = SecretsInConfigpropsAndEnvTests.Application.class,
        webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
                "management.endpoints.web.exposure.include=configprops,env",
                "management.endpoint.configprops.show-values=always",
                "management.endpoint.env.show-values=always",
                "fluxgate.slack.channel=#alerts-channel",
                "fluxgate.slack.token=" + SecretsInConfigpropsAndEnvTests.TOKEN,
                "fluxgate.breakers.payment_api.tripper=FailureStreak(7)" })
class SecretsInConfigpropsAndEnvTests {

    static final String TOKEN = "xoxb-1111-TOKEN-SHOWN-WITH-SHOW-VALUES";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @Test
    void configpropsMasksTheTokenAndShowsTheRest() throws Exception {
        String body = get("/actuator/configprops");

        assertThat(body).contains("#alerts-channel", "FailureStreak(7)").doesNotContain("TOKEN-SHOWN");
        assertThat(body).contains("\"token\":\"******\"");
    }

    @Test
    void envMasksTheTokenAndShowsTheRest() throws Exception {
        String body = get("/actuator/env");

        assertThat(body).contains("#alerts-channel", "FailureStreak(7)").doesNotContain("TOKEN-SHOWN");
        assertThat(get("/actuator/env/fluxgate.slack.token")).doesNotContain("TOKEN-SHOWN").contains("******");
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(TestRegistryConfiguration.class)
    static class Application {
    }
}
