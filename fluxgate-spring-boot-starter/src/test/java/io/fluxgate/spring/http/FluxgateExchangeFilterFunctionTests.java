package io.fluxgate.spring.http;

import static io.fluxgate.spring.http.HttpFamilies.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.CallNotPermittedException;
import io.fluxgate.KeyedCircuitBreaker;
import io.fluxgate.State;
import io.fluxgate.spring.TestBreakers.ManualTicker;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/** {@link FluxgateExchangeFilterFunction} on a real {@code WebClient} (JDK connector) against real hosts. */
class FluxgateExchangeFilterFunctionTests {

    private final ManualTicker ticker = new ManualTicker();
    private final KeyedCircuitBreaker<Object> family = HttpFamilies.family(ticker);
    private final FluxgateExchangeFilterFunction filter = new FluxgateExchangeFilterFunction(family);
    private final WebClient client = WebClient.builder().clientConnector(new JdkClientHttpConnector()).filter(filter)
            .build();
    private final TestHost a = TestHost.answering(200);
    private final TestHost b = TestHost.answering(500);

    @AfterEach
    void stopHosts() {
        a.close();
        b.close();
    }

    private Mono<String> get(String url) {
        return client.get().uri(url).retrieve().bodyToMono(String.class);
    }

    @Test
    void aFailingHostOpensOnlyItsOwnBreakerWhileTheOthersKeepServing() {
        openB();

        assertThat(get(a.url()).block()).isEqualTo("status 200");
        assertThat(state(family, a)).isEqualTo(State.CLOSED);
    }

    @Test
    void aRejectionIsACallNotPermittedErrorSignalAndNothingIsSent() {
        openB();

        assertThatThrownBy(() -> get(b.url()).block()).isExactlyInstanceOf(CallNotPermittedException.class)
                .hasMessageContaining("'payment_api[" + b.key() + "]' is OPEN");
        assertThat(b.hits()).isEqualTo(2);
    }

    @Test
    void permissionIsAskedForAtSubscriptionNotAtAssembly() {
        Mono<String> assembled = get(b.url());
        assertThat(family.get(b.key())).isEmpty();

        assertThatExceptionOfType(WebClientResponseException.class).isThrownBy(assembled::block);
        assertThatExceptionOfType(WebClientResponseException.class).isThrownBy(assembled::block);
        assertThat(state(family, b)).isEqualTo(State.OPEN);
    }

    @Test
    void theResponseOfAServerErrorIsEmittedAsUsual() {
        ClientResponse response = client.get().uri(b.url()).exchangeToMono(Mono::just).block();

        assertThat(response.statusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(family.get(b.key()).orElseThrow().info().metric().failureCount()).isEqualTo(1);
    }

    @Test
    void clientErrorsCountAsSuccesses() {
        b.answer(404);
        for (int i = 0; i < 3; i++) {
            assertThatExceptionOfType(WebClientResponseException.NotFound.class)
                    .isThrownBy(() -> get(b.url()).block());
        }

        assertThat(state(family, b)).isEqualTo(State.CLOSED);
        assertThat(family.get(b.key()).orElseThrow().info().metric().failureCount()).isZero();
    }

    @Test
    void aRefusedConnectionCountsAsAFailureAndIsPassedOn() {
        String closed = TestHost.closedPort();
        for (int i = 0; i < 2; i++) {
            assertThatExceptionOfType(WebClientRequestException.class).isThrownBy(() -> get(closed).block());
        }

        assertThat(family.get(closed.substring("http://".length())).orElseThrow().state()).isEqualTo(State.OPEN);
    }

    @Test
    void cancellingBeforeTheResponseGivesThePermissionBackWithoutAnOutcome() {
        openB();
        b.answer(200);
        ticker.advance(HttpFamilies.COOLDOWN); // the next call is the one probe HALF_OPEN admits
        ClientRequest request = ClientRequest.create(HttpMethod.GET, URI.create(b.url())).build();

        Disposable pending = filter.filter(request, ignored -> Mono.never()).subscribe();
        assertThat(state(family, b)).isEqualTo(State.HALF_OPEN);
        pending.dispose();

        assertThat(family.get(b.key()).orElseThrow().info().metric().totalCount()).isZero();
        assertThat(get(b.url()).block()).isEqualTo("status 200"); // the probe's slot was given back
        assertThat(state(family, b)).isEqualTo(State.CLOSED);
    }

    @Test
    void aKeyFunctionChoosesTheBreaker() {
        WebClient byTenant = WebClient.builder().clientConnector(new JdkClientHttpConnector())
                .filter(new FluxgateExchangeFilterFunction(family, r -> r.headers().getFirst("X-Tenant"))).build();
        for (int i = 0; i < 2; i++) {
            assertThatExceptionOfType(WebClientResponseException.class).isThrownBy(() -> byTenant.get()
                    .uri(b.url()).header("X-Tenant", "tenant-1").retrieve().bodyToMono(String.class).block());
        }

        assertThat(family.get("tenant-1").orElseThrow().state()).isEqualTo(State.OPEN);
    }

    @Test
    void anotherFailureStatusRuleCanCountTooManyRequests() {
        WebClient strict = WebClient.builder().clientConnector(new JdkClientHttpConnector())
                .filter(filter.withFailureStatus(status -> status.value() == 429)).build();
        b.answer(429);
        for (int i = 0; i < 2; i++) {
            assertThatExceptionOfType(WebClientResponseException.class).isThrownBy(() -> strict.get().uri(b.url())
                    .retrieve().bodyToMono(String.class).block());
        }

        assertThat(state(family, b)).isEqualTo(State.OPEN);
    }

    private void openB() {
        for (int i = 0; i < 2; i++) {
            assertThatExceptionOfType(WebClientResponseException.InternalServerError.class)
                    .isThrownBy(() -> get(b.url()).block());
        }
        assertThat(state(family, b)).isEqualTo(State.OPEN);
    }
}
