package io.fluxgate.spring.aop;

import static io.fluxgate.spring.aop.CircuitBreakerInterceptorTests.metric;
import static io.fluxgate.spring.aop.CircuitBreakerInterceptorTests.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.CallNotPermittedException;
import io.fluxgate.State;
import io.fluxgate.spring.CircuitBreaker;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class ReactorCallsTests {

    private final ApplicationContextRunner runner = TestBreakers.runner().withUserConfiguration(Clients.class);

    @Test
    void asksForPermissionOnSubscriptionAndRecordsOnCompletion() {
        runner.run(context -> {
            ReactiveClient client = context.getBean(ReactiveClient.class);
            client.monoAnswers(Mono.just("v"));
            Mono<String> mono = client.mono();
            assertThat(metric(context, "mono").totalCount()).isZero();
            assertThat(mono.block()).isEqualTo("v");
            assertThat(mono.block()).isEqualTo("v");
            assertThat(metric(context, "mono").totalCount()).isEqualTo(2);
        });
    }

    @Test
    void opensOnErrorsAndThenRejectsSubscriptions() {
        runner.run(context -> {
            ReactiveClient client = context.getBean(ReactiveClient.class);
            client.monoAnswers(Mono.error(new IOException("down")));
            Mono<String> mono = client.mono();
            assertThatThrownBy(mono::block).hasCauseInstanceOf(IOException.class);
            assertThatThrownBy(mono::block).hasCauseInstanceOf(IOException.class);
            assertThat(state(context, "mono")).isEqualTo(State.OPEN);
            assertThatExceptionOfType(CallNotPermittedException.class).isThrownBy(mono::block);
        });
    }

    @Test
    void aFluxSucceedsWhenItCompletes() {
        runner.run(context -> {
            ReactiveClient client = context.getBean(ReactiveClient.class);
            client.fluxAnswers(Flux.just("a", "b", "c"));
            assertThat(client.flux().collectList().block()).containsExactly("a", "b", "c");
            assertThat(metric(context, "flux").totalCount()).isEqualTo(1);
            client.fluxAnswers(Flux.concat(Flux.just("a"), Flux.error(new IOException("mid-stream"))));
            assertThatThrownBy(() -> client.flux().collectList().block()).hasCauseInstanceOf(IOException.class);
            assertThat(metric(context, "flux").failureCount()).isEqualTo(1);
        });
    }

    @Test
    void cancellingReleasesTheHalfOpenSlotWithoutAnOutcome() {
        runner.run(context -> {
            ReactiveClient client = context.getBean(ReactiveClient.class);
            client.monoAnswers(Mono.error(new IOException("down")));
            assertThatThrownBy(client.mono()::block).hasCauseInstanceOf(IOException.class);
            assertThatThrownBy(client.mono()::block).hasCauseInstanceOf(IOException.class);
            context.getBean(AtomicLong.class).addAndGet(TestBreakers.COOLDOWN.toNanos());
            client.monoAnswers(Mono.never());
            Disposable probe = client.mono().subscribe();
            assertThat(state(context, "mono")).isEqualTo(State.HALF_OPEN);
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            client.mono().subscribe(value -> { }, errors::add);
            assertThat(errors).singleElement().isInstanceOf(CallNotPermittedException.class);
            probe.dispose();
            assertThat(metric(context, "mono").totalCount()).isZero();
            client.monoAnswers(Mono.just("ok"));
            assertThat(client.mono().block()).isEqualTo("ok");
            assertThat(state(context, "mono")).isEqualTo(State.CLOSED);
        });
    }

    @Test
    void fallbacksMayReturnTheElementOrAPublisher() {
        runner.run(context -> {
            ReactiveClient client = context.getBean(ReactiveClient.class);
            client.monoAnswers(Mono.error(new IOException("down")));
            client.fluxAnswers(Flux.error(new IOException("down")));
            assertThat(client.monoOrValue().block()).isEqualTo("value IOException");
            assertThat(client.fluxOrPublisher().collectList().block()).containsExactly("IOException", "fallback");
            client.monoOrValue().block();
            assertThat(client.monoOrValue().block()).isEqualTo("value CallNotPermittedException");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class Clients {

        @Bean
        ReactiveClient reactiveClient() {
            return new ReactiveClient();
        }
    }

    static class ReactiveClient {

        private volatile Mono<String> mono = Mono.empty();
        private volatile Flux<String> flux = Flux.empty();

        void monoAnswers(Mono<String> mono) {
            this.mono = mono;
        }

        void fluxAnswers(Flux<String> flux) {
            this.flux = flux;
        }

        @CircuitBreaker(name = "mono")
        public Mono<String> mono() {
            return Mono.defer(() -> mono);
        }

        @CircuitBreaker(name = "flux")
        public Flux<String> flux() {
            return Flux.defer(() -> flux);
        }

        @CircuitBreaker(name = "mono-fallback", fallbackMethod = "value")
        public Mono<String> monoOrValue() {
            return Mono.defer(() -> mono);
        }

        @CircuitBreaker(name = "flux-fallback", fallbackMethod = "publisher")
        public Flux<String> fluxOrPublisher() {
            return Flux.defer(() -> flux);
        }

        String value(Exception e) {
            return "value " + e.getClass().getSimpleName();
        }

        Flux<String> publisher(Exception e) {
            return Flux.just(e.getClass().getSimpleName(), "fallback");
        }
    }
}
