package io.fluxgate.redis;

import com.jayway.jsonpath.JsonPath;
import io.fluxgate.CircuitBreaker;
import io.fluxgate.CircuitBreakerRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** One instance of a fleet: a Spring Boot web application on a random port, talked to over real HTTP. */
final class FleetInstance implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String id;
    private final ConfigurableApplicationContext context;
    private final String base;

    private FleetInstance(String id, ConfigurableApplicationContext context) {
        this.id = id;
        this.context = context;
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.base = "http://127.0.0.1:" + port + "/actuator/";
    }

    static FleetInstance start(String fleet, String id, int redisPort, Map<String, String> extra) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.data.redis.host", "127.0.0.1");
        properties.put("spring.data.redis.port", String.valueOf(redisPort));
        properties.put("spring.data.redis.timeout", "1s");
        properties.put("management.endpoints.web.exposure.include", "fluxgate,health");
        properties.put("management.endpoint.fluxgate.access", "unrestricted");
        properties.put("management.endpoint.health.show-details", "always");
        properties.put("management.health.redis.enabled", "false");
        properties.put("fluxgate.fleet.enabled", "true");
        properties.put("fluxgate.fleet.name", fleet);
        properties.put("fluxgate.fleet.instance-id", id);
        properties.put("fluxgate.fleet.heartbeat", "200ms");
        properties.put("fluxgate.fleet.ttl", "2s");
        for (String breaker : new String[] { "payment_api", "inventory", "ledger", "search" }) {
            properties.put("fluxgate.breakers." + breaker + ".tripper", "FailureStreak(1)");
        }
        properties.putAll(extra);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class).properties(properties)
                .run();
        return new FleetInstance(id, context);
    }

    String id() {
        return id;
    }

    CircuitBreaker breaker(String name) {
        return context.getBean(CircuitBreakerRegistry.class).get(name).orElseThrow();
    }

    FleetMember member() {
        return context.getBean(FleetMember.class);
    }

    /** This instance's own connection to the fleet's Redis, for what a test writes there directly. */
    StringRedisTemplate redis() {
        return new StringRedisTemplate(context.getBean(RedisConnectionFactory.class));
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Response post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }

    /** An HTTP answer. */
    record Response(int status, String body) {

        <T> T read(String path) {
            return JsonPath.read(body, path);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }
}
