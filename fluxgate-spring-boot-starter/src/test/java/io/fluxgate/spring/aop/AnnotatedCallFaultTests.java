package io.fluxgate.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.fluxgate.CallNotPermittedException;
import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.State;
import io.fluxgate.retries.Cooldown;
import io.fluxgate.spring.CircuitBreaker;
import io.fluxgate.spring.CircuitBreakerFactory;
import io.fluxgate.trippers.FailureStreak;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Faults around annotated calls (issue 6, item 3): cancellations and {@code Error}s must neither leak a HALF_OPEN
 * slot nor reach a fallback. Breakers here open on one failure, wait {@link #COOLDOWN} and admit
 * {@link #SLOTS} probes at once, so a leaked slot shows as one probe too few.
 */
class AnnotatedCallFaultTests {

    static final Duration COOLDOWN = Duration.ofSeconds(10);
    static final int SLOTS = 3;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class,
                    FluxgateAspectAutoConfiguration.class))
            .withUserConfiguration(Breakers.class);

    @Nested
    class CancelledInHalfOpen {

        @Test
        void aCancelledMonoGivesItsSlotBack() {
            runner.run(context -> {
                Client client = context.getBean(Client.class);
                halfOpen(context, "mono", () -> client.mono(Mono.error(new IOException("down"))).onErrorComplete()
                        .block());
                List<Disposable> probes = new ArrayList<>();
                for (int i = 0; i < SLOTS; i++) {
                    probes.add(client.mono(Mono.never()).subscribe());
                }
                assertRejected(client.mono(Mono.just("v")));

                probes.remove(0).dispose();

                probes.add(client.mono(Mono.never()).subscribe());
                assertRejected(client.mono(Mono.just("v")));
                probes.forEach(Disposable::dispose);
                assertThat(breaker(context, "mono").info().metric().totalCount()).as("no outcome").isZero();
                assertThat(client.mono(Mono.just("v")).block()).isEqualTo("v");
                assertThat(breaker(context, "mono").state()).isEqualTo(State.CLOSED);
            });
        }

        @Test
        void aCancelledFluxGivesItsSlotBackEvenAfterElements() {
            runner.run(context -> {
                Client client = context.getBean(Client.class);
                halfOpen(context, "flux", () -> client.flux(Flux.error(new IOException("down"))).onErrorComplete()
                        .blockLast());
                List<Disposable> probes = new ArrayList<>();
                List<String> seen = new CopyOnWriteArrayList<>();
                for (int i = 0; i < SLOTS; i++) {
                    probes.add(client.flux(Flux.concat(Flux.just("a"), Flux.never())).subscribe(seen::add));
                }
                assertThat(seen).hasSize(SLOTS);
                List<Throwable> rejected = new CopyOnWriteArrayList<>();
                client.flux(Flux.just("x")).subscribe(value -> { }, rejected::add);
                assertThat(rejected).singleElement().isInstanceOf(CallNotPermittedException.class);

                probes.remove(0).dispose();

                probes.add(client.flux(Flux.never()).subscribe());
                client.flux(Flux.just("x")).subscribe(value -> { }, rejected::add);
                assertThat(rejected).hasSize(2).allMatch(CallNotPermittedException.class::isInstance);
                probes.forEach(Disposable::dispose);
                assertThat(client.flux(Flux.just("x")).collectList().block()).containsExactly("x");
                assertThat(breaker(context, "flux").state()).isEqualTo(State.CLOSED);
            });
        }

        @Test
        void aCancelledReturnedFutureGivesItsSlotBack() {
            runner.run(context -> {
                Client client = context.getBean(Client.class);
                halfOpen(context, "stage", () -> client.stage(CompletableFuture.failedFuture(new IOException())));
                List<CompletableFuture<String>> probes = new ArrayList<>();
                for (int i = 0; i < SLOTS; i++) {
                    probes.add(client.stage(new CompletableFuture<>()).toCompletableFuture());
                }
                assertThat(client.stage(CompletableFuture.completedFuture("v")))
                        .isCompletedExceptionally();

                probes.remove(0).cancel(true);

                probes.add(client.stage(new CompletableFuture<>()).toCompletableFuture());
                assertThat(probes).noneMatch(CompletableFuture::isDone);
                assertThat(client.stage(CompletableFuture.completedFuture("v"))).isCompletedExceptionally();
            });
        }

        @Test
        void aMethodWhoseOwnFutureIsCancelledGivesItsSlotBack() {
            runner.run(context -> {
                Client client = context.getBean(Client.class);
                halfOpen(context, "stage", () -> client.stage(CompletableFuture.failedFuture(new IOException())));
                List<CompletableFuture<String>> sources = new ArrayList<>();
                List<CompletionStage<String>> probes = new ArrayList<>();
                for (int i = 0; i < SLOTS; i++) {
                    CompletableFuture<String> source = new CompletableFuture<>();
                    sources.add(source);
                    probes.add(client.stage(source));
                }

                sources.get(0).cancel(false); // the method's own work is cancelled, not the caller's future

                assertThat(probes.get(0).toCompletableFuture()).isCompletedExceptionally();
                assertThatExceptionOfType(CancellationException.class)
                        .isThrownBy(() -> probes.get(0).toCompletableFuture().join());
                CompletionStage<String> another = client.stage(new CompletableFuture<>());
                assertThat(another.toCompletableFuture()).isNotDone();
                assertThat(client.stage(CompletableFuture.completedFuture("v"))).isCompletedExceptionally();
                assertThat(breaker(context, "stage").info().metric().totalCount()).as("no outcome").isZero();
            });
        }
    }

    @Nested
    class Errors {

        /** {@code All()}, the default tracker, does not track {@code Error}s: they decide nothing. */
        @ParameterizedTest
        @EnumSource(value = State.class, names = { "CLOSED", "HALF_OPEN", "METRICS_ONLY", "DISABLED" })
        void anUntrackedErrorPropagatesAsItIsWithoutTheFallbackAndFreesItsSlot(State state) {
            runner.run(context -> {
                Client client = context.getBean(Client.class);
                io.fluxgate.CircuitBreaker breaker = breaker(context, "sync");
                switch (state) {
                    case HALF_OPEN -> halfOpen(context, "sync", () -> client.sync(() -> {
                        throw new IOException("down");
                    }));
                    case METRICS_ONLY -> breaker.metricsOnly();
                    case DISABLED -> breaker.disable();
                    default -> { }
                }
                int fallbacksBefore = client.fallbacks();
                AssertionError error = new AssertionError("boom");

                for (int i = 0; i < SLOTS + 1; i++) {
                    assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> client.sync(() -> {
                        throw error;
                    })).isSameAs(error);
                }

                assertThat(client.fallbacks()).as("fallback calls").isEqualTo(fallbacksBefore);
                assertThat(breaker.state()).isEqualTo(state);
                if (state == State.HALF_OPEN) {
                    assertSlotsAreAllFree(breaker);
                }
            });
        }

        @Test
        void aTrackedErrorFailsTheHalfOpenProbeWithoutTheFallbackAndFreesItsSlot() {
            runner.run(context -> {
                Client client = context.getBean(Client.class);
                io.fluxgate.CircuitBreaker breaker = breaker(context, "errors");
                halfOpen(context, "errors", () -> client.errors(() -> {
                    throw new StackOverflowError("deep");
                }));

                assertThatExceptionOfType(StackOverflowError.class).isThrownBy(() -> client.errors(() -> {
                    throw new StackOverflowError("deeper");
                })).withMessage("deeper");

                assertThat(breaker.state()).as("the probe failed").isEqualTo(State.OPEN);
                assertThat(client.fallbacks()).isZero();
                time(context).addAndGet(COOLDOWN.toNanos());
                breaker.releasePermission(breaker.acquirePermission());
                assertSlotsAreAllFree(breaker);
            });
        }

        @Test
        void whileOpenTheMethodDoesNotRunAndTheFallbackGetsTheRejection() {
            runner.run(context -> {
                Client client = context.getBean(Client.class);
                breaker(context, "sync").forceOpen();
                AtomicInteger runs = new AtomicInteger();
                assertThat(client.sync(() -> {
                    runs.incrementAndGet();
                    throw new AssertionError("never");
                })).isEqualTo("fallback CallNotPermittedException");
                assertThat(runs).hasValue(0);
            });
        }
    }

    private static void assertSlotsAreAllFree(io.fluxgate.CircuitBreaker cb) {
        List<Long> permissions = new ArrayList<>();
        for (int i = 0; i < SLOTS; i++) {
            permissions.add(cb.acquirePermission());
        }
        assertThat(cb.state()).isEqualTo(State.HALF_OPEN);
        assertThatExceptionOfType(CallNotPermittedException.class).isThrownBy(cb::acquirePermission);
        permissions.forEach(cb::releasePermission);
    }

    private static void assertRejected(Mono<String> mono) {
        assertThatExceptionOfType(CallNotPermittedException.class).isThrownBy(mono::block);
    }

    /** Opens the named breaker with one failing call, then lets the cooldown pass: the next call probes. */
    private static void halfOpen(AssertableApplicationContext context, String name, ThrowingRunnable failingCall) {
        try {
            failingCall.run();
        } catch (Throwable expected) {
            // recorded
        }
        assertThat(breaker(context, name).state()).isEqualTo(State.OPEN);
        time(context).addAndGet(COOLDOWN.toNanos());
        // The first permission asked for moves it to HALF_OPEN; give it back at once.
        io.fluxgate.CircuitBreaker breaker = breaker(context, name);
        breaker.releasePermission(breaker.acquirePermission());
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
    }

    private static io.fluxgate.CircuitBreaker breaker(AssertableApplicationContext context, String name) {
        return context.getBean(CircuitBreakerRegistry.class).get(name).orElseThrow();
    }

    private static AtomicLong time(AssertableApplicationContext context) {
        return context.getBean(AtomicLong.class);
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Throwable;
    }

    @FunctionalInterface
    interface Body {
        String run() throws Exception;
    }

    @Configuration(proxyBeanMethods = false)
    static class Breakers {

        @Bean
        AtomicLong time() {
            return new AtomicLong();
        }

        @Bean
        CircuitBreakerRegistry circuitBreakerRegistry() {
            return new CircuitBreakerRegistry();
        }

        @Bean
        CircuitBreakerFactory circuitBreakerFactory(AtomicLong time) {
            return name -> io.fluxgate.CircuitBreaker.builder(name)
                    .ticker(time::get)
                    .tracker(name.equals("errors") ? new io.fluxgate.trackers.TypeOf(Error.class)
                            : new io.fluxgate.trackers.All())
                    .tripper(new FailureStreak(1))
                    .retry(new Cooldown(COOLDOWN))
                    .permit(new io.fluxgate.permits.All())
                    .maxHalfOpenCalls(SLOTS)
                    .build();
        }

        @Bean
        Client client() {
            return new Client();
        }
    }

    static class Client {

        private final AtomicInteger fallbacks = new AtomicInteger();

        int fallbacks() {
            return fallbacks.get();
        }

        @CircuitBreaker(name = "mono")
        public Mono<String> mono(Mono<String> answer) {
            return answer;
        }

        @CircuitBreaker(name = "flux")
        public Flux<String> flux(Flux<String> answer) {
            return answer;
        }

        @CircuitBreaker(name = "stage", fallbackMethod = "stageFallback")
        public CompletionStage<String> stage(CompletableFuture<String> answer) {
            return answer;
        }

        @CircuitBreaker(name = "sync", fallbackMethod = "fallback")
        public String sync(Body body) throws Exception {
            return body.run();
        }

        @CircuitBreaker(name = "errors", fallbackMethod = "fallback")
        public String errors(Body body) throws Exception {
            return body.run();
        }

        String fallback(Body body, Exception e) {
            fallbacks.incrementAndGet();
            return "fallback " + e.getClass().getSimpleName();
        }

        CompletionStage<String> stageFallback(CompletableFuture<String> answer, IOException e) {
            fallbacks.incrementAndGet();
            return CompletableFuture.failedFuture(e);
        }
    }
}
