package io.fluxgate.spring.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.fluxgate.CircuitBreaker;
import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.State;
import io.fluxgate.trippers.FailureStreak;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * An OpenFeign client with {@code spring.cloud.openfeign.circuitbreaker.enabled}: each method gets a Fluxgate breaker
 * through the circuit-breaker factory, built from the client's {@code fluxgate.breakers} entry (OpenFeign's group is
 * the client's name), and the client's fallback answers once it opens, without the server being called.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "fluxgate.breakers.inventory.tripper=FailureStreak(2)",
        "fluxgate.breakers.inventory.retry=Cooldown(1h)",
        "spring.cloud.openfeign.circuitbreaker.enabled=true",
        "spring.cloud.openfeign.circuitbreaker.group.enabled=true",
        "spring.cloud.gateway.server.webflux.enabled=false"})
class OpenFeignTests {

    private static final AtomicInteger serverCalls = new AtomicInteger();
    private static final HttpServer server = startFailingServer();

    @Autowired
    InventoryClient client;

    @Autowired
    CircuitBreakerRegistry registry;

    private static HttpServer startFailingServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                serverCalls.incrementAndGet();
                byte[] body = "down".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(500, body.length);
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
    static void url(DynamicPropertyRegistry properties) {
        properties.add("inventory.url", () -> "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    @Test
    void theClientsEntryCountsAsUsedAtStartUp(CapturedOutput output) {
        assertThat(output).contains("Started OpenFeignTests")
                .doesNotContain("is configured under fluxgate.breakers.inventory but not used");
    }

    @Test
    void eachMethodsBreakerTakesTheClientsEntryOpensOnFailuresAndTheFallbackAnswers() {
        assertThat(client.stock()).isEqualTo("fallback");
        assertThat(client.stock()).isEqualTo("fallback");
        assertThat(serverCalls).hasValue(2);

        List<CircuitBreaker> feignBreakers = registry.all().stream()
                .filter(breaker -> breaker.name().toLowerCase().contains("stock")).toList();
        assertThat(feignBreakers).hasSize(1);
        CircuitBreaker breaker = feignBreakers.get(0);
        assertThat(breaker.config().tripper()).isEqualTo(new FailureStreak(2));
        assertThat(breaker.state()).isEqualTo(State.OPEN);

        assertThat(client.stock()).isEqualTo("fallback");
        assertThat(serverCalls).hasValue(2);
    }

    @FeignClient(name = "inventory", url = "${inventory.url}", fallback = InventoryFallback.class)
    interface InventoryClient {

        @GetMapping("/stock")
        String stock();
    }

    /** What the client answers when a call fails or is rejected. */
    static class InventoryFallback implements InventoryClient {

        @Override
        public String stock() {
            return "fallback";
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableFeignClients(clients = InventoryClient.class)
    static class FeignApplication {

        @Bean
        InventoryFallback inventoryFallback() {
            return new InventoryFallback();
        }
    }
}
