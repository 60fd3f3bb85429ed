package io.fluxgate.spring.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.State;
import io.fluxgate.Ticker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A real Spring Cloud Gateway route, {@code CircuitBreaker} filter and all, in front of a local HTTP server that
 * fails on demand: the Fluxgate breaker configured in {@code fluxgate.breakers} opens, the fallback answers without
 * the downstream being called, the endpoint shows it, and after the cooldown a probe closes it again.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "fluxgate.breakers.payment_api.tripper=FailureStreak(3)",
        "fluxgate.breakers.payment_api.retry=Cooldown(30s)",
        "fluxgate.breakers.payment_api.permit=All()",
        "management.endpoints.web.exposure.include=fluxgate"})
class GatewayRouteTests {

    private static final String ROUTE = "spring.cloud.gateway.server.webflux.routes[0].";
    private static final AtomicInteger downstreamCalls = new AtomicInteger();
    private static volatile int downstreamStatus = 200;
    private static final HttpServer downstream = startDownstream();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Autowired
    CircuitBreakerRegistry registry;

    @Autowired
    MovableTicker ticker;

    private static HttpServer startDownstream() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                downstreamCalls.incrementAndGet();
                byte[] body = ("downstream " + downstreamStatus).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(downstreamStatus, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void route(DynamicPropertyRegistry properties) {
        // The whole route here: a list bound from several property sources comes from one of them only.
        properties.add(ROUTE + "uri", () -> "http://127.0.0.1:" + downstream.getAddress().getPort());
        properties.add(ROUTE + "id", () -> "payments");
        properties.add(ROUTE + "predicates[0].name", () -> "Path");
        properties.add(ROUTE + "predicates[0].args.pattern", () -> "/pay/**");
        properties.add(ROUTE + "filters[0].name", () -> "CircuitBreaker");
        properties.add(ROUTE + "filters[0].args.name", () -> "payment_api");
        properties.add(ROUTE + "filters[0].args.fallbackUri", () -> "forward:/fallback");
        properties.add(ROUTE + "filters[0].args.statusCodes[0]", () -> "500");
    }

    @AfterAll
    static void stopDownstream() {
        downstream.stop(0);
    }

    @Test
    void theRoutesBreakerIsLookedUpAtStartUpSoTheNameCheckSeesItUsed(CapturedOutput output) {
        assertThat(output).contains("Started GatewayRouteTests")
                .doesNotContain("is configured under fluxgate.breakers.payment_api but not used");
    }

    @Test
    void failuresOpenTheFluxgateBreakerTheFallbackAnswersAndAProbeClosesIt() throws Exception {
        assertThat(get("/pay/1").body()).isEqualTo("downstream 200");

        downstreamStatus = 500;
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> failed = get("/pay/1");
            assertThat(failed.statusCode()).isEqualTo(200);
            assertThat(failed.body()).isEqualTo("fallback");
        }
        assertThat(registry.get("payment_api").orElseThrow().state()).isEqualTo(State.OPEN);

        int callsWhenOpened = downstreamCalls.get();
        assertThat(get("/pay/1").body()).isEqualTo("fallback");
        assertThat(downstreamCalls).hasValue(callsWhenOpened);
        HttpResponse<String> endpoint = get("/actuator/fluxgate/payment_api");
        assertThat(endpoint.statusCode()).isEqualTo(200);
        assertThat(endpoint.body()).contains("\"state\":\"OPEN\"").contains("FailureStreak(3)");

        downstreamStatus = 200;
        ticker.advance(Duration.ofSeconds(31));
        assertThat(get("/pay/1").body()).isEqualTo("downstream 200");
        assertThat(registry.get("payment_api").orElseThrow().state()).isEqualTo(State.CLOSED);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A ticker the test moves, so the cooldown passes without waiting. */
    static final class MovableTicker implements Ticker {

        private final AtomicLong nanos = new AtomicLong();

        @Override
        public long read() {
            return nanos.get();
        }

        void advance(Duration duration) {
            nanos.addAndGet(duration.toNanos());
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class GatewayApplication {

        @Bean
        MovableTicker ticker() {
            return new MovableTicker();
        }

        @Bean
        FallbackController fallbackController() {
            return new FallbackController();
        }
    }

    @RestController
    static class FallbackController {

        @RequestMapping("/fallback")
        String fallback() {
            return "fallback";
        }
    }
}
