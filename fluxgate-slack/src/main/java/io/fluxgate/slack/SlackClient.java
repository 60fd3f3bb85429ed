package io.fluxgate.slack;

import static java.lang.System.Logger.Level.WARNING;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.fluxgate.Signal;
import java.lang.System.Logger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Posts {@code chat.postMessage} bodies and turns every way a post can fail into one warning on the logger;
 * nothing is thrown. Never writes the token to the log.
 */
final class SlackClient {

    private static final String METHOD = "chat.postMessage";
    private static final int MAX_PROBLEM_LENGTH = 200;

    private final URI endpoint;
    private final String token;
    private final HttpClient client;
    private final Duration requestTimeout;
    private final Logger logger;

    SlackClient(String baseUrl, String token, HttpClient client, Duration requestTimeout, Logger logger) {
        this.endpoint = URI.create(baseUrl + METHOD);
        this.token = token;
        this.client = client;
        this.requestTimeout = requestTimeout;
        this.logger = logger;
    }

    /** Posts one message; returns its {@code ts}, or {@code null} when the post failed (and was logged). */
    String post(Signal signal, String json) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(requestTimeout)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json, UTF_8))
                .build();
        CompletableFuture<HttpResponse<String>> pending;
        HttpResponse<String> response;
        try {
            pending = client.sendAsync(request, HttpResponse.BodyHandlers.ofString(UTF_8));
        } catch (RuntimeException ex) {
            return warn(signal, ex.toString());
        }
        try {
            // request.timeout() covers the wait for the headers; this also bounds reading the body.
            response = pending.get(requestTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException ex) {
            pending.cancel(true);
            return warn(signal, "timed out after " + requestTimeout);
        } catch (InterruptedException ex) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            return warn(signal, "interrupted");
        } catch (ExecutionException ex) {
            Throwable cause = ex.getCause();
            return warn(signal, cause instanceof HttpTimeoutException ? "timed out after " + requestTimeout
                    : String.valueOf(cause));
        }
        return read(signal, response);
    }

    private String read(Signal signal, HttpResponse<String> response) {
        Map<String, Object> fields = SlackJson.topLevelFields(Objects.requireNonNullElse(response.body(), ""));
        Object error = fields.get("error");
        String status = "HTTP " + response.statusCode();
        if (response.statusCode() / 100 != 2) {
            return warn(signal, error instanceof String ? status + ", Slack error: " + error : status);
        }
        if (!Boolean.TRUE.equals(fields.get("ok"))) {
            return warn(signal, status + ", Slack error: " + (error instanceof String ? error : "no \"ok\": true"));
        }
        return fields.get("ts") instanceof String ts && !ts.isBlank() ? ts : null;
    }

    /** Logs that the post of {@code signal} failed; returns {@code null} for the caller's convenience. */
    String warn(Signal signal, String problem) {
        String shortened = problem.length() > MAX_PROBLEM_LENGTH
                ? problem.substring(0, MAX_PROBLEM_LENGTH) + "..." : problem;
        logger.log(WARNING, redact("Slack post for circuit breaker '" + signal.circuitName() + "' ("
                + signal.oldState() + " to " + signal.newState() + ") failed: " + shortened));
        return null;
    }

    /** Logs a failure that is not about one post. */
    void warn(String message, Throwable thrown) {
        logger.log(WARNING, redact(message), thrown);
    }

    // Nothing we write contains the token; this guards against a server or an exception that echoes it.
    private String redact(String message) {
        return message.replace(token, "****");
    }
}
