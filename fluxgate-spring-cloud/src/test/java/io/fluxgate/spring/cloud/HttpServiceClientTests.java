package io.fluxgate.spring.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.State;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.client.circuitbreaker.httpservice.HttpServiceFallback;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * A Spring HTTP service client ({@code @HttpExchange} interface in a group) that Spring Cloud Commons guards with the
 * circuit-breaker factory: the group's name is the Fluxgate breaker's, configured under {@code fluxgate.breakers},
 * and the group's {@code @HttpServiceFallback} answers once it opens, without the server being called.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "fluxgate.breakers.payments.tripper=FailureStreak(2)",
        "fluxgate.breakers.payments.retry=Cooldown(1h)",
        "spring.cloud.gateway.server.webflux.enabled=false"})
class HttpServiceClientTests {

    private static final AtomicInteger serverCalls = new AtomicInteger();
    private static final HttpServer server = startFailingServer();

    @Autowired
    PaymentsClient client;

    @Autowired
    CircuitBreakerRegistry registry;

    private static HttpServer startFailingServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                serverCalls.incrementAndGet();
                byte[] body = "down".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(503, body.length);
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
    static void baseUrl(DynamicPropertyRegistry properties) {
        properties.add("spring.http.serviceclient.payments.base-url",
                () -> "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    @Test
    void theGroupsBreakerOpensOnFailuresAndTheFallbackAnswersWithoutTheServer() {
        assertThat(client.status()).isEqualTo("fallback");
        assertThat(client.status()).isEqualTo("fallback");
        assertThat(serverCalls).hasValue(2);
        assertThat(registry.get("payments").orElseThrow().state()).isEqualTo(State.OPEN);

        assertThat(client.status()).isEqualTo("fallback");
        assertThat(serverCalls).hasValue(2);
    }

    /** The downstream's API. */
    interface PaymentsClient {

        @GetExchange("/status")
        String status();
    }

    /** What the group answers when a call fails or is rejected. */
    public static class PaymentsFallback {

        /** Spring Cloud instantiates it reflectively. */
        public PaymentsFallback() {
        }

        public String status() {
            return "fallback";
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @ImportHttpServices(group = "payments", types = PaymentsClient.class)
    @HttpServiceFallback(value = PaymentsFallback.class, group = "payments")
    static class ClientApplication {
    }
}
