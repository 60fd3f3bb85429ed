package io.fluxgate.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP to a running sample app on one port, as a user's client sends it, each request bounded in time. */
final class SampleHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client;

    private final int port;

    private final Duration timeout;

    SampleHttp(int port) {
        this(HttpClient.newHttpClient(), port, Duration.ofSeconds(10));
    }

    SampleHttp(HttpClient client, int port, Duration timeout) {
        this.client = client;
        this.port = port;
        this.timeout = timeout;
    }

    HttpResponse<String> send(String method, String path, @Nullable String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
                .timeout(this.timeout);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The body of a response that must be 200 OK, as JSON. */
    JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** {@code GET path}, which must answer 200 OK, as JSON. */
    JsonNode getJson(String path) throws IOException, InterruptedException {
        return json(send("GET", path, null));
    }

    static JsonNode readTree(String body) {
        return JSON.readTree(body);
    }
}
