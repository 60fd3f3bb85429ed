package io.fluxgate.spring.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.CallNotPermittedException;
import io.fluxgate.CallOutcome;
import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.State;
import io.fluxgate.spring.autoconfigure.FluxgateAutoConfiguration;
import io.fluxgate.trippers.FailureStreak;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.client.circuitbreaker.NoFallbackAvailableException;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class FluxgateSpringCloudFactoryTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FluxgateAutoConfiguration.class,
                    FluxgateSpringCloudAutoConfiguration.class))
            .withPropertyValues("fluxgate.breakers.payment_api.tripper=FailureStreak(2)",
                    "fluxgate.breakers.payment_api.retry=Cooldown(1h)",
                    "fluxgate.breakers.orders.tripper=FailureStreak(1)");

    private static RuntimeException boom() {
        return new IllegalStateException("downstream failed");
    }

    @Nested
    class Blocking {

        @Test
        void anIdIsTheStartersBreakerOfThatNameWithItsYaml() {
            runner.run(context -> {
                CircuitBreakerFactory<?, ?> factory = context.getBean(CircuitBreakerFactory.class);
                assertThat(factory).isInstanceOf(FluxgateCircuitBreakerFactory.class);
                assertThat(factory.create("payment_api").run(() -> "ok")).isEqualTo("ok");
                io.fluxgate.CircuitBreaker breaker = context.getBean(CircuitBreakerRegistry.class)
                        .get("payment_api").orElseThrow();
                assertThat(breaker.config().tripper()).isEqualTo(new FailureStreak(2));
                assertThat(breaker.statistics().count(CallOutcome.SUCCESS, false)).isEqualTo(1);
            });
        }

        @Test
        void createReturnsOneObjectPerBreakerAndANewOneOnceTheRegistryHoldsANewBreaker() {
            runner.run(context -> {
                CircuitBreakerFactory<?, ?> factory = context.getBean(CircuitBreakerFactory.class);
                CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
                CircuitBreaker first = factory.create("payment_api");
                assertThat(factory.create("payment_api")).isSameAs(first);
                assertThat(factory.create("payment_api", "orders")).isSameAs(first);

                io.fluxgate.CircuitBreaker removed = registry.remove("payment_api").orElseThrow();
                CircuitBreaker second = factory.create("payment_api");
                assertThat(second).isNotSameAs(first);
                assertThat(second.run(() -> "ok")).isEqualTo("ok");
                io.fluxgate.CircuitBreaker rebuilt = registry.get("payment_api").orElseThrow();
                assertThat(rebuilt).isNotSameAs(removed);
                assertThat(rebuilt.statistics().count(CallOutcome.SUCCESS, false)).isEqualTo(1);
                assertThat(removed.statistics().count(CallOutcome.SUCCESS, false)).isZero();
            });
        }

        @Test
        void failuresOpenTheBreakerAndARejectionReachesTheFallbackWithoutRunningTheCall() {
            runner.run(context -> {
                CircuitBreaker cb = context.getBean(CircuitBreakerFactory.class).create("payment_api");
                List<Throwable> seen = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    assertThat(cb.<String>run(() -> {
                        throw boom();
                    }, error -> {
                        seen.add(error);
                        return "fallback";
                    })).isEqualTo("fallback");
                }
                AtomicInteger ran = new AtomicInteger();
                assertThat(cb.run(() -> "ran " + ran.incrementAndGet(), error -> {
                    seen.add(error);
                    return "rejected";
                })).isEqualTo("rejected");
                assertThat(ran).hasValue(0);
                assertThat(seen).hasSize(3);
                assertThat(seen.get(0)).hasMessage("downstream failed");
                assertThat(seen.get(2)).isInstanceOf(CallNotPermittedException.class);
                assertThat(context.getBean(CircuitBreakerRegistry.class).get("payment_api").orElseThrow().state())
                        .isEqualTo(State.OPEN);
            });
        }

        @Test
        void withoutAFallbackTheErrorComesBackWrappedAsSpringCloudSays() {
            runner.run(context -> {
                CircuitBreaker cb = context.getBean(CircuitBreakerFactory.class).create("payment_api");
                try {
                    cb.run(() -> {
                        throw boom();
                    });
                } catch (NoFallbackAvailableException expected) {
                    assertThat(expected.getCause()).hasMessage("downstream failed");
                    return;
                }
                throw new AssertionError("run without a fallback must throw");
            });
        }

        @Test
        void aGroupsEntryIsTheTemplateOfAnIdThatHasNone() {
            runner.run(context -> {
                context.getBean(CircuitBreakerFactory.class).create("orders-eu", "orders").run(() -> "ok");
                CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
                assertThat(registry.get("orders-eu").orElseThrow().config().tripper())
                        .isEqualTo(new FailureStreak(1));
                context.getBean(CircuitBreakerFactory.class).create("payment_api", "orders").run(() -> "ok");
                assertThat(registry.get("payment_api").orElseThrow().config().tripper())
                        .isEqualTo(new FailureStreak(2));
            });
        }

        @Test
        void aCustomizerConfiguresIdsThatHaveNoBreakerYetAndTheDefault() {
            runner.withUserConfiguration(CodeConfiguration.class).run(context -> {
                CircuitBreakerFactory<?, ?> factory = context.getBean(CircuitBreakerFactory.class);
                factory.create("code_api").run(() -> "ok");
                factory.create("other_api").run(() -> "ok");
                CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
                assertThat(registry.get("code_api").orElseThrow().config().tripper())
                        .isEqualTo(new FailureStreak(7));
                assertThat(registry.get("other_api").orElseThrow().config().tripper())
                        .isEqualTo(new FailureStreak(9));
            });
        }

        @Test
        void configuringAnIdWhoseBreakerExistsFailsInsteadOfBeingIgnored() {
            runner.run(context -> {
                FluxgateCircuitBreakerFactory factory = context.getBean(FluxgateCircuitBreakerFactory.class);
                factory.create("payment_api").run(() -> "ok");
                try {
                    factory.configure(config -> config.adjust(builder -> builder), "payment_api");
                } catch (IllegalStateException expected) {
                    assertThat(expected).hasMessageContaining("'payment_api' exists already")
                            .hasMessageContaining("fluxgate.breakers.payment_api");
                    return;
                }
                throw new AssertionError("configure must refuse a breaker that exists");
            });
        }

        @Test
        void anApplicationsOwnFluxgateFactoryBuildsTheBreakersOfIdsWithoutCodeConfiguration() {
            runner.withBean(io.fluxgate.spring.CircuitBreakerFactory.class,
                    () -> name -> io.fluxgate.CircuitBreaker.builder(name).tripper(new FailureStreak(5)).build())
                    .run(context -> {
                        assertThat(context.getBean(CircuitBreakerFactory.class).create("own_api").run(() -> "ok"))
                                .isEqualTo("ok");
                        assertThat(context.getBean(CircuitBreakerRegistry.class).get("own_api").orElseThrow()
                                .config().tripper()).isEqualTo(new FailureStreak(5));
                    });
        }

        @Test
        void anApplicationsOwnFactoryWins() {
            runner.withBean(CircuitBreakerFactory.class, () -> new CircuitBreakerFactory<Object, ConfigStub>() {
                @Override
                public CircuitBreaker create(String id) {
                    return new CircuitBreaker() {
                        @Override
                        public <T> T run(java.util.function.Supplier<T> toRun,
                                java.util.function.Function<Throwable, T> fallback) {
                            return toRun.get();
                        }
                    };
                }

                @Override
                protected ConfigStub configBuilder(String id) {
                    return new ConfigStub();
                }

                @Override
                public void configureDefault(java.util.function.Function<String, Object> defaultConfiguration) {
                }
            }).run(context -> assertThat(context).doesNotHaveBean(FluxgateCircuitBreakerFactory.class)
                    .hasSingleBean(CircuitBreakerFactory.class));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class CodeConfiguration {

        @Bean
        Customizer<FluxgateCircuitBreakerFactory> codeConfig() {
            return factory -> {
                factory.configure(config -> config.adjust(builder -> builder.tripper(new FailureStreak(7))),
                        "code_api");
                factory.configureDefault(id -> new FluxgateConfigBuilder(id)
                        .adjust(builder -> builder.tripper(new FailureStreak(9))).build());
            };
        }
    }

    static final class ConfigStub implements org.springframework.cloud.client.circuitbreaker.ConfigBuilder<Object> {
        @Override
        public Object build() {
            return new Object();
        }
    }

    @Nested
    class Reactive {

        @Test
        void aMonoIsOneCallRecordedWhenItCompletes() {
            runner.run(context -> {
                ReactiveCircuitBreakerFactory<?, ?> factory = context.getBean(ReactiveCircuitBreakerFactory.class);
                assertThat(factory).isInstanceOf(FluxgateReactiveCircuitBreakerFactory.class);
                AtomicInteger subscribed = new AtomicInteger();
                Mono<String> guarded = factory.create("payment_api")
                        .run(Mono.fromSupplier(() -> "ok " + subscribed.incrementAndGet()));
                io.fluxgate.CircuitBreaker breaker = context.getBean(CircuitBreakerRegistry.class)
                        .get("payment_api").orElseThrow();
                assertThat(breaker.statistics().count(CallOutcome.SUCCESS, false)).isZero();
                assertThat(guarded.block()).isEqualTo("ok 1");
                assertThat(guarded.block()).isEqualTo("ok 2");
                assertThat(breaker.statistics().count(CallOutcome.SUCCESS, false)).isEqualTo(2);
            });
        }

        @Test
        void failingMonosOpenTheBreakerAndTheFallbackAnswersRejections() {
            runner.run(context -> {
                var cb = context.getBean(ReactiveCircuitBreakerFactory.class).create("payment_api");
                List<Throwable> seen = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    assertThat(cb.run(Mono.<String>error(boom()), error -> {
                        seen.add(error);
                        return Mono.just("fallback");
                    }).block()).isEqualTo("fallback");
                }
                assertThat(seen.get(2)).isInstanceOf(CallNotPermittedException.class);
                assertThat(context.getBean(CircuitBreakerRegistry.class).get("payment_api").orElseThrow()
                        .statistics().count(CallOutcome.FAILURE, false)).isEqualTo(2);
            });
        }

        @Test
        void aFluxIsOneCallRecordedWhenItCompletesOrFails() {
            runner.run(context -> {
                var cb = context.getBean(ReactiveCircuitBreakerFactory.class).create("payment_api");
                assertThat(cb.run(Flux.just(1, 2, 3)).collectList().block()).containsExactly(1, 2, 3);
                assertThat(cb.run(Flux.concat(Flux.just(1), Flux.error(boom())), error -> Flux.just(-1))
                        .collectList().block()).containsExactly(1, -1);
                io.fluxgate.CircuitBreaker breaker = context.getBean(CircuitBreakerRegistry.class)
                        .get("payment_api").orElseThrow();
                assertThat(breaker.statistics().count(CallOutcome.SUCCESS, false)).isEqualTo(1);
                assertThat(breaker.statistics().count(CallOutcome.FAILURE, false)).isEqualTo(1);
            });
        }

        @Test
        void aCancelledSubscriptionGivesItsPermissionBackUnrecorded() {
            runner.withPropertyValues("fluxgate.breakers.probe_api.tripper=FailureStreak(1)",
                    "fluxgate.breakers.probe_api.retry=Always()",
                    "fluxgate.breakers.probe_api.permit=All()",
                    "fluxgate.breakers.probe_api.max-half-open-calls=1").run(context -> {
                        var cb = context.getBean(ReactiveCircuitBreakerFactory.class).create("probe_api");
                        io.fluxgate.CircuitBreaker breaker = context.getBean(CircuitBreakerRegistry.class)
                                .get("probe_api").orElseThrow();
                        cb.run(Mono.error(boom()), error -> Mono.just("fallback")).block();
                        assertThat(breaker.state()).isEqualTo(State.OPEN);
                        Disposable hanging = cb.run(Mono.<String>never()).subscribe();
                        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
                        assertThat(cb.run(Mono.just("second probe"), error -> Mono.just("rejected")).block())
                                .isEqualTo("rejected");
                        hanging.dispose();
                        assertThat(cb.run(Mono.just("probe after cancel")).block()).isEqualTo("probe after cancel");
                        assertThat(breaker.state()).isEqualTo(State.CLOSED);
                        assertThat(breaker.statistics().count(CallOutcome.SUCCESS, false)).isEqualTo(1);
                    });
        }
    }
}
