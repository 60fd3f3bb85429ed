package io.fluxgate.spring.http;

import static io.fluxgate.spring.http.HttpFamilies.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.CallNotPermittedException;
import io.fluxgate.KeyedCircuitBreaker;
import io.fluxgate.State;
import io.fluxgate.spring.TestBreakers.ManualTicker;
import io.fluxgate.trackers.TypeOf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/** {@link FluxgateClientHttpRequestInterceptor} on a real {@code RestClient} and {@code RestTemplate}, real hosts. */
class FluxgateClientHttpRequestInterceptorTests {

    private final ManualTicker ticker = new ManualTicker();
    private final KeyedCircuitBreaker<Object> family = HttpFamilies.family(ticker);
    private final TestHost a = TestHost.answering(200);
    private final TestHost b = TestHost.answering(500);
    private final TestHost c = TestHost.answering(200);

    @AfterEach
    void stopHosts() {
        a.close();
        b.close();
        c.close();
    }

    private static RestClient client(FluxgateClientHttpRequestInterceptor interceptor) {
        return RestClient.builder().requestFactory(new JdkClientHttpRequestFactory()).requestInterceptor(interceptor)
                .build();
    }

    private static String get(RestClient client, TestHost host) {
        return client.get().uri(host.url() + "/charge").retrieve().body(String.class);
    }

    @Nested
    class RestClients {

        private final RestClient client = client(new FluxgateClientHttpRequestInterceptor(family));

        @Test
        void aFailingHostOpensOnlyItsOwnBreakerWhileTheOthersKeepServing() {
            assertThatExceptionOfType(HttpServerErrorException.class).isThrownBy(() -> get(client, b));
            assertThatExceptionOfType(HttpServerErrorException.class).isThrownBy(() -> get(client, b));

            assertThat(state(family, b)).isEqualTo(State.OPEN);
            assertThat(get(client, a)).isEqualTo("status 200");
            assertThat(get(client, c)).isEqualTo("status 200");
            assertThat(state(family, a)).isEqualTo(State.CLOSED);
            assertThat(state(family, c)).isEqualTo(State.CLOSED);
        }

        @Test
        void aRejectedRequestThrowsCallNotPermittedExceptionUnwrappedWithoutReachingTheHost() {
            openB();

            assertThatThrownBy(() -> get(client, b)).isExactlyInstanceOf(CallNotPermittedException.class)
                    .hasMessageContaining("'payment_api[" + b.key() + "]' is OPEN");
            assertThat(b.hits()).isEqualTo(2);
        }

        @Test
        void theCallerGetsTheServerErrorResponseAsUsual() {
            ResponseEntity<String> response = client.get().uri(b.url()).retrieve()
                    .onStatus(status -> true, (request, ignored) -> { }).toEntity(String.class);

            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
            assertThat(response.getBody()).isEqualTo("status 500");
            assertThat(family.get(b.key()).orElseThrow().info().metric().failureCount()).isEqualTo(1);
        }

        @Test
        void clientErrorsCountAsSuccesses() {
            b.answer(404);
            for (int i = 0; i < 3; i++) {
                assertThatExceptionOfType(HttpClientErrorException.NotFound.class).isThrownBy(() -> get(client, b));
            }

            assertThat(state(family, b)).isEqualTo(State.CLOSED);
            assertThat(family.get(b.key()).orElseThrow().info().metric().totalCount()).isEqualTo(3);
            assertThat(family.get(b.key()).orElseThrow().info().metric().failureCount()).isZero();
        }

        @Test
        void aRefusedConnectionCountsAsAFailureAndIsRethrown() {
            String closed = TestHost.closedPort();
            String key = closed.substring("http://".length());
            for (int i = 0; i < 2; i++) {
                assertThatExceptionOfType(ResourceAccessException.class)
                        .isThrownBy(() -> client.get().uri(closed).retrieve().body(String.class));
            }

            assertThat(family.get(key).orElseThrow().state()).isEqualTo(State.OPEN);
        }

        @Test
        void afterTheCooldownAProbeToTheRecoveredHostClosesItsBreaker() {
            openB();
            b.answer(200);
            ticker.advance(HttpFamilies.COOLDOWN);

            assertThat(get(client, b)).isEqualTo("status 200");
            assertThat(state(family, b)).isEqualTo(State.CLOSED);
        }
    }

    @Nested
    class Judging {

        @Test
        void aTrackerThatLeavesServerErrorsOutKeepsTheBreakerClosed() {
            KeyedCircuitBreaker<Object> lenient = HttpFamilies.family(ticker,
                    new TypeOf(HttpErrorStatus.class).negate());
            RestClient client = client(new FluxgateClientHttpRequestInterceptor(lenient));
            for (int i = 0; i < 3; i++) {
                assertThatExceptionOfType(HttpServerErrorException.class).isThrownBy(() -> get(client, b));
            }

            assertThat(state(lenient, b)).isEqualTo(State.CLOSED);
            assertThat(b.hits()).isEqualTo(3);
        }

        @Test
        void theTrackerSeesTheStatusCode() {
            KeyedCircuitBreaker<Object> only503 = HttpFamilies.family(ticker, new io.fluxgate.trackers.Custom(
                    error -> error instanceof HttpErrorStatus status && status.statusCode() == 503));
            RestClient client = client(new FluxgateClientHttpRequestInterceptor(only503));
            for (int i = 0; i < 2; i++) {
                assertThatExceptionOfType(HttpServerErrorException.class).isThrownBy(() -> get(client, b));
            }
            assertThat(state(only503, b)).isEqualTo(State.CLOSED);

            b.answer(503);
            for (int i = 0; i < 2; i++) {
                assertThatExceptionOfType(HttpServerErrorException.class).isThrownBy(() -> get(client, b));
            }
            assertThat(state(only503, b)).isEqualTo(State.OPEN);
        }

        @Test
        void anotherFailureStatusRuleCanCountTooManyRequests() {
            RestClient client = client(new FluxgateClientHttpRequestInterceptor(family)
                    .withFailureStatus(status -> status.is5xxServerError() || status.value() == 429));
            b.answer(429);
            for (int i = 0; i < 2; i++) {
                assertThatExceptionOfType(HttpClientErrorException.class).isThrownBy(() -> get(client, b));
            }

            assertThat(state(family, b)).isEqualTo(State.OPEN);
        }

        @Test
        void aKeyFunctionChoosesTheBreaker() {
            RestClient client = client(new FluxgateClientHttpRequestInterceptor(family,
                    request -> request.getHeaders().getFirst("X-Tenant")));
            for (int i = 0; i < 2; i++) {
                assertThatExceptionOfType(HttpServerErrorException.class).isThrownBy(() -> client.get()
                        .uri(b.url()).header("X-Tenant", "tenant-1").retrieve().body(String.class));
            }

            assertThat(family.get("tenant-1").orElseThrow().state()).isEqualTo(State.OPEN);
            assertThat(family.get(b.key())).isEmpty();
        }
    }

    @Test
    void restTemplateRequestsRunThroughTheSameBreakers() {
        RestTemplate template = new RestTemplate(new JdkClientHttpRequestFactory());
        template.getInterceptors().add(new FluxgateClientHttpRequestInterceptor(family));
        for (int i = 0; i < 2; i++) {
            assertThatExceptionOfType(HttpServerErrorException.class)
                    .isThrownBy(() -> template.getForObject(b.url(), String.class));
        }

        assertThatThrownBy(() -> template.getForObject(b.url(), String.class))
                .isExactlyInstanceOf(CallNotPermittedException.class);
        assertThat(b.hits()).isEqualTo(2);
        assertThat(template.getForObject(a.url(), String.class)).isEqualTo("status 200");
    }

    @Test
    void namesItsFamily() {
        assertThat(new FluxgateClientHttpRequestInterceptor(family))
                .hasToString("FluxgateClientHttpRequestInterceptor[payment_api]");
    }

    private void openB() {
        RestClient client = client(new FluxgateClientHttpRequestInterceptor(family));
        for (int i = 0; i < 2; i++) {
            assertThatExceptionOfType(HttpServerErrorException.class).isThrownBy(() -> get(client, b));
        }
        assertThat(state(family, b)).isEqualTo(State.OPEN);
    }
}
