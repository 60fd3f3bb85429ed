package io.fluxgate.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.sun.net.httpserver.HttpServer;
import io.fluxgate.CallNotPermittedException;
import io.fluxgate.CircuitBreaker;
import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.KeyedCircuitBreaker;
import io.fluxgate.Signal;
import io.fluxgate.State;
import io.fluxgate.Ticker;
import org.springframework.beans.factory.NoUniqueBeanDefinitionException;
import io.fluxgate.listeners.Listener;
import io.fluxgate.permits.All;
import io.fluxgate.retries.Cooldown;
import io.fluxgate.slack.SlackListener;
import io.fluxgate.spring.CircuitBreakerFactory;
import io.fluxgate.spring.KeyedBreakers;
import io.fluxgate.spring.actuate.BreakerDescriptor;
import io.fluxgate.spring.metrics.FluxgateMetrics;
import io.fluxgate.spring.metrics.TransitionCounts;
import io.fluxgate.trackers.Custom;
import io.fluxgate.trackers.TypeOf;
import io.fluxgate.trippers.FailureRate;
import io.fluxgate.trippers.FailureStreak;
import io.fluxgate.trippers.MinRequests;
import io.fluxgate.windows.CountWindow;
import io.fluxgate.windows.TimeWindow;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

class FluxgateAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FluxgateAutoConfiguration.class));

    @Test
    void startsWithoutAnyConfiguration() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(CircuitBreakerRegistry.class)
                    .hasSingleBean(CircuitBreakerFactory.class).hasBean("fluxgateCircuitBreakerRegistry")
                    .hasBean("fluxgateCircuitBreakerFactory");
            assertThat(context.getBean(CircuitBreakerRegistry.class).all()).isEmpty();
        });
    }

    @Test
    void registersEveryConfiguredBreakerAtStartUpWithItsComponents() {
        runner.withInitializer(ConfigSources.yaml("""
                fluxgate:
                  breakers:
                    payment_api:
                      window: TimeWindow(30)
                      tracker: TypeOf(java.net.ConnectException) | TypeOf(java.net.http.HttpTimeoutException)
                      tripper: FailureStreak(5) | MinRequests(20) & FailureRate(0.6)
                      retry: Backoff(initial=10s, multiplier=2, max_duration=300s, jitter_ratio=0.1)
                      permit: RampUp(initial=0.1, final=0.5, duration=60s)
                      slow-threshold: 2s
                      max-half-open-calls: 5
                      max-half-open-duration: 45s
                    inventory:
                      window: CountWindow(7)
                """)).run(context -> {
                    CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
                    assertThat(registry.all()).extracting(CircuitBreaker::name).containsExactly("inventory",
                            "payment_api");
                    CircuitBreaker.Config config = registry.get("payment_api").orElseThrow().config();
                    assertThat(config.window()).isEqualTo(new TimeWindow(30));
                    assertThat(config.tracker()).isEqualTo(new TypeOf(java.net.ConnectException.class)
                            .or(new TypeOf(HttpTimeoutException.class)));
                    assertThat(config.tripper()).isEqualTo(new FailureStreak(5)
                            .or(new MinRequests(20).and(new FailureRate(0.6))));
                    assertThat(config.retry()).isEqualTo(new io.fluxgate.retries.Backoff(Duration.ofSeconds(10), 2,
                            Duration.ofSeconds(300), 0.1));
                    assertThat(config.permit()).isEqualTo(new io.fluxgate.permits.RampUp(0.1, 0.5,
                            Duration.ofSeconds(60)));
                    assertThat(config.slowThreshold()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(config.maxHalfOpenCalls()).isEqualTo(5);
                    assertThat(config.maxHalfOpenDuration()).isEqualTo(Duration.ofSeconds(45));
                    assertThat(registry.get("inventory").orElseThrow().config().maxHalfOpenDuration())
                            .isEqualTo(Duration.ofSeconds(60));
                });
    }

    @Test
    void aBareNumberOfADurationPropertyIsSecondsAsInExpressions() {
        runner.withInitializer(ConfigSources.yaml("""
                fluxgate:
                  slack:
                    request-timeout: 3
                  defaults:
                    max-half-open-duration: 45
                  breakers:
                    payment_api:
                      slow-threshold: 2
                    inventory:
                      slow-threshold: 500ms
                      max-half-open-duration: 1500ms
                """)).run(context -> {
                    CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
                    CircuitBreaker.Config payments = registry.get("payment_api").orElseThrow().config();
                    CircuitBreaker.Config inventory = registry.get("inventory").orElseThrow().config();
                    assertThat(payments.slowThreshold()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(payments.maxHalfOpenDuration()).isEqualTo(Duration.ofSeconds(45));
                    assertThat(inventory.slowThreshold()).isEqualTo(Duration.ofMillis(500));
                    assertThat(inventory.maxHalfOpenDuration()).isEqualTo(Duration.ofMillis(1500));
                    assertThat(context.getBean(FluxgateProperties.class).slack().requestTimeout())
                            .isEqualTo(Duration.ofSeconds(3));
                });
    }

    @Test
    void breakerValuesFallBackToDefaultsThenToTheCoreDefaults() {
        runner.withInitializer(ConfigSources.yaml("""
                fluxgate:
                  defaults:
                    window: CountWindow(50)
                    tripper: MinRequests(20) & FailureRate(0.5)
                    listeners: [log]
                  breakers:
                    payment_api:
                      tripper: FailureStreak(3)
                """)).run(context -> {
                    CircuitBreaker configured = context.getBean(CircuitBreakerRegistry.class).get("payment_api")
                            .orElseThrow();
                    assertThat(configured.config().window()).isEqualTo(new CountWindow(50));
                    assertThat(configured.config().tripper()).isEqualTo(new FailureStreak(3));
                    assertThat(configured.config().retry()).isEqualTo(CircuitBreaker.Builder.DEFAULT_RETRY);
                    assertThat(configured.config().maxHalfOpenCalls())
                            .isEqualTo(CircuitBreaker.Builder.DEFAULT_MAX_HALF_OPEN_CALLS);
                    CircuitBreaker unnamed = context.getBean(CircuitBreakerFactory.class).create("not_in_yaml");
                    assertThat(unnamed.config().tripper()).isEqualTo(new MinRequests(20).and(new FailureRate(0.5)));
                    assertThat(unnamed.config().permit()).isEqualTo(CircuitBreaker.Builder.DEFAULT_PERMIT);
                    assertThat(context.getBean(CircuitBreakerRegistry.class).get("not_in_yaml")).isEmpty();
                    assertThat(LoggedTransitions.whenForcedOpen(configured)).as("the default log listener")
                            .containsExactly("Circuit breaker 'payment_api' transitioned from CLOSED to FORCED_OPEN:"
                                    + " forceOpen()");
                });
    }

    @Test
    void aKeysBreakerTellsTheLogListenerWhichKeyTransitioned() {
        runner.withPropertyValues("fluxgate.breakers.payment_api.listeners=log",
                "fluxgate.breakers.payment_api.keys.max=10").run(context -> {
                    KeyedCircuitBreaker<Object> family = context.getBean(KeyedBreakers.class).family("payment_api");
                    CircuitBreaker hostB = family.forKey("host-b");

                    assertThat(LoggedTransitions.whenForcedOpen(hostB)).containsExactly("Circuit breaker "
                            + "'payment_api[host-b]' transitioned from CLOSED to FORCED_OPEN: forceOpen()");
                });
    }

    @Test
    void aBreakerListReplacesTheDefaultListeners() {
        runner.withPropertyValues("fluxgate.defaults.listeners=log", "fluxgate.breakers.quiet.listeners=")
                .run(context -> assertThat(LoggedTransitions.whenForcedOpen(
                        context.getBean(CircuitBreakerRegistry.class).get("quiet").orElseThrow())).isEmpty());
    }

    @Test
    void customTrackerNamesATrackerOrPredicateBean() {
        runner.withUserConfiguration(TrackerBeans.class)
                .withPropertyValues("fluxgate.breakers.a.tracker=Custom(timeouts) | Custom(serverErrors)")
                .run(context -> {
                    CircuitBreaker breaker = context.getBean(CircuitBreakerRegistry.class).get("a").orElseThrow();
                    assertThat(breaker.config().tracker()).hasToString("Custom(timeouts) | Custom(serverErrors)");
                    assertThat(breaker.config().tracker().test(new java.util.concurrent.TimeoutException())).isTrue();
                    assertThat(breaker.config().tracker().test(new IllegalStateException("500"))).isTrue();
                    assertThat(breaker.config().tracker().test(new IllegalStateException("404"))).isFalse();
                    assertThat(breaker.config().tracker()).isInstanceOf(io.fluxgate.trackers.Tracker.class);
                    assertThat(context.getBean(CircuitBreakerFactory.class).create("a").config().tracker())
                            .isEqualTo(breaker.config().tracker());
                });
    }

    @Nested
    class UserBeans {

        @Test
        void breakerBeansAreRegisteredAsTheyAre() {
            runner.withUserConfiguration(BreakerBean.class)
                    .withPropertyValues("fluxgate.breakers.other.window=CountWindow(3)")
                    .run(context -> {
                        CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
                        assertThat(registry.get("hand_made"))
                                .containsSame(context.getBean("handMade", CircuitBreaker.class));
                        assertThat(registry.get("other")).isPresent();
                    });
        }

        @Test
        void aRegistryBeanBacksOff() {
            CircuitBreakerRegistry own = new CircuitBreakerRegistry();
            runner.withBean(CircuitBreakerRegistry.class, () -> own)
                    .withPropertyValues("fluxgate.breakers.payment_api.window=CountWindow(3)").run(context -> {
                        assertThat(context).hasSingleBean(CircuitBreakerRegistry.class);
                        assertThat(context.getBean(CircuitBreakerRegistry.class)).isSameAs(own);
                        assertThat(own.all()).isEmpty();
                    });
        }

        @Test
        void aFactoryBeanBacksOffAndBuildsTheConfiguredBreakers() {
            CircuitBreakerFactory own = name -> CircuitBreaker.builder(name).window(new CountWindow(1)).build();
            runner.withBean(CircuitBreakerFactory.class, () -> own)
                    .withPropertyValues("fluxgate.breakers.payment_api.window=CountWindow(3)").run(context -> {
                        assertThat(context).hasSingleBean(CircuitBreakerFactory.class)
                                .doesNotHaveBean("fluxgateCircuitBreakerFactory");
                        assertThat(context.getBean(CircuitBreakerRegistry.class).get("payment_api").orElseThrow()
                                .config().window()).isEqualTo(new CountWindow(1));
                    });
        }

        @Test
        @SuppressWarnings("unchecked")
        void listenerBeansAreAttachedInOrderAfterNamedListeners() {
            runner.withUserConfiguration(ListenerBeans.class)
                    .withPropertyValues("fluxgate.breakers.a.listeners=log")
                    .run(context -> {
                        CircuitBreaker breaker = context.getBean(CircuitBreakerRegistry.class).get("a").orElseThrow();
                        assertThat(LoggedTransitions.whenForcedOpen(breaker)).singleElement().asString()
                                .contains("CLOSED to FORCED_OPEN");
                        assertThat((List<String>) context.getBean("seen")).containsExactly("first", "second");
                    });
        }

        @Test
        void twoTickerBeansWithoutAPrimaryAreAnErrorNotASilentFallbackToSystemTime() {
            runner.withBean("fastTicker", Ticker.class, () -> () -> 42L)
                    .withBean("slowTicker", Ticker.class, () -> () -> 7L)
                    .run(context -> assertThat(context).getFailure()
                            .rootCause().isInstanceOf(NoUniqueBeanDefinitionException.class)
                            .hasMessageContaining(Ticker.class.getName()));
        }

        @Test
        void tickerAndClockBeansDriveTime() {
            runner.withUserConfiguration(TimeBeans.class).withInitializer(ConfigSources.yaml("""
                    fluxgate.breakers.flaky:
                      tripper: FailureStreak(2)
                      retry: Cooldown(10s)
                      permit: All()
                    """)).run(context -> {
                        AtomicLong nanos = context.getBean(AtomicLong.class);
                        CircuitBreaker breaker = context.getBean(CircuitBreakerRegistry.class).get("flaky")
                                .orElseThrow();
                        assertThat(breaker.config().retry()).isEqualTo(new Cooldown(Duration.ofSeconds(10)));
                        assertThat(breaker.config().permit()).isEqualTo(new All());
                        for (int i = 0; i < 2; i++) {
                            assertThatExceptionOfType(IOException.class).isThrownBy(() -> breaker.call(() -> {
                                throw new IOException("down");
                            }));
                        }
                        assertThat(breaker.state()).isEqualTo(State.OPEN);
                        assertThat(breaker.info().changedAt()).isEqualTo(TimeBeans.NOW);
                        nanos.addAndGet(Duration.ofSeconds(9).toNanos());
                        assertThatExceptionOfType(CallNotPermittedException.class)
                                .isThrownBy(() -> breaker.get(() -> 1));
                        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
                        assertThat(breaker.get(() -> "up")).isEqualTo("up");
                        assertThat(breaker.state()).isEqualTo(State.CLOSED);
                    });
        }
    }

    @Nested
    class MeasureDurations {

        @Test
        void falseReachesTheBreakerAndUnsetKeepsTheCoreDefault() {
            runner.withInitializer(ConfigSources.yaml("""
                    fluxgate.breakers:
                      untimed:
                        measure-durations: false
                      timed:
                        window: CountWindow(5)
                    """)).run(context -> {
                        CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
                        assertThat(registry.get("untimed").orElseThrow().config().measureDurations()).isFalse();
                        assertThat(registry.get("timed").orElseThrow().config().measureDurations()).isTrue();
                    });
        }

        @Test
        void theDefaultAppliesToEveryBreakerAndABreakerOverridesIt() {
            runner.withInitializer(ConfigSources.yaml("""
                    fluxgate:
                      defaults:
                        measure-durations: false
                      breakers:
                        untimed:
                          window: CountWindow(5)
                        timed:
                          measure-durations: true
                          slow-threshold: 2s
                          tripper: MinRequests(5) & AvgLatency(1s)
                    """)).run(context -> {
                        CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
                        assertThat(registry.get("untimed").orElseThrow().config().measureDurations()).isFalse();
                        assertThat(registry.get("timed").orElseThrow().config().measureDurations()).isTrue();
                        assertThat(context.getBean(CircuitBreakerFactory.class).create("not_in_yaml")
                                .config().measureDurations()).isFalse();
                    });
        }

        @Test
        void anUntimedBreakerMayReplaceADefaultTripperThatReadsDurations() {
            runner.withPropertyValues("fluxgate.defaults.tripper=MinRequests(5) & AvgLatency(1s)",
                    "fluxgate.breakers.payment_api.measure-durations=false",
                    "fluxgate.breakers.payment_api.tripper=FailureStreak(5)").run(context -> {
                        assertThat(context).hasNotFailed();
                        CircuitBreaker breaker = context.getBean(CircuitBreakerRegistry.class).get("payment_api")
                                .orElseThrow();
                        assertThat(breaker.config().measureDurations()).isFalse();
                        assertThat(breaker.config().tripper()).isEqualTo(new FailureStreak(5));
                    });
        }

        @Test
        void anUntimedBreakerCountsItsCallsWithZeroDurationInMetricsAndTheEndpoint() {
            runner.withUserConfiguration(TimeBeans.class).withInitializer(ConfigSources.yaml("""
                    fluxgate.breakers:
                      untimed:
                        measure-durations: false
                      timed:
                        window: CountWindow(5)
                    """)).run(context -> {
                        AtomicLong nanos = context.getBean(AtomicLong.class);
                        CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
                        SimpleMeterRegistry meters = new SimpleMeterRegistry();
                        new FluxgateMetrics(registry, new TransitionCounts()).bindTo(meters);
                        for (String name : List.of("untimed", "timed")) {
                            registry.get(name).orElseThrow().get(() -> nanos.addAndGet(5_000_000));
                        }

                        CircuitBreaker untimed = registry.get("untimed").orElseThrow();
                        assertThat(untimed.info().metric().totalCount()).isEqualTo(1);
                        assertThat(untimed.info().metric().totalDuration()).isZero();
                        assertThat(BreakerDescriptor.of(untimed, null, null).metric().avgDurationMs()).isZero();
                        assertThat(successes(meters, "untimed").count()).isEqualTo(1);
                        assertThat(successes(meters, "untimed").totalTime(TimeUnit.NANOSECONDS)).isZero();
                        assertThat(successes(meters, "timed").totalTime(TimeUnit.MILLISECONDS))
                                .as("the ticker did move").isEqualTo(5.0);
                    });
        }

        private FunctionTimer successes(SimpleMeterRegistry meters, String name) {
            return meters.get(FluxgateMetrics.CALLS).tags("name", name, "outcome", "success", "slow", "false")
                    .functionTimer();
        }
    }

    @Test
    void slackListenerPostsToTheConfiguredServerUntilTheContextCloses() throws Exception {
        BlockingQueue<String> posts = new LinkedBlockingQueue<>();
        AtomicReference<CircuitBreaker> breakerOfClosedContext = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            posts.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("Authorization")
                    + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = "{\"ok\":true,\"ts\":\"1.0\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            runner.withPropertyValues("fluxgate.slack.channel=#alerts", "fluxgate.slack.token=xoxb-test",
                    "fluxgate.slack.base-url=http://127.0.0.1:" + server.getAddress().getPort() + "/api/",
                    "fluxgate.slack.request-timeout=5s", "fluxgate.breakers.payment_api.listeners[0]=slack")
                    .run(context -> {
                        CircuitBreaker breaker = context.getBean(CircuitBreakerRegistry.class).get("payment_api")
                                .orElseThrow();
                        breakerOfClosedContext.set(breaker);
                        breaker.forceOpen();
                        String post = posts.poll(10, TimeUnit.SECONDS);
                        assertThat(post).startsWith("/api/chat.postMessage Bearer xoxb-test ")
                                .contains("#alerts").contains("payment_api").contains("FORCED_OPEN");
                    });
            breakerOfClosedContext.get().reset();
            // Closed with the context: the signal is dropped, not posted.
            assertThat(posts.poll(200, TimeUnit.MILLISECONDS)).isNull();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void withoutTheSlackModuleBreakersThatDoNotNameSlackStart() {
        runner.withClassLoader(new FilteredClassLoader(SlackListener.class))
                .withPropertyValues("fluxgate.breakers.payment_api.listeners=log")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(CircuitBreakerRegistry.class).get("payment_api")).isPresent();
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class TrackerBeans {

        @Bean
        io.fluxgate.trackers.Tracker timeouts() {
            return new TypeOf(java.util.concurrent.TimeoutException.class);
        }

        @Bean
        Predicate<Throwable> serverErrors() {
            return e -> String.valueOf(e.getMessage()).startsWith("5");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class BreakerBean {

        @Bean
        CircuitBreaker handMade() {
            return CircuitBreaker.builder("hand_made").tracker(new Custom("x", e -> true)).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ListenerBeans {

        @Bean
        List<String> seen() {
            return new CopyOnWriteArrayList<>();
        }

        @Bean
        @Order(2)
        Listener second(List<String> seen) {
            return (Signal signal) -> seen.add("second");
        }

        @Bean
        @Order(1)
        Listener first(List<String> seen) {
            return (Signal signal) -> seen.add("first");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TimeBeans {

        static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

        @Bean
        AtomicLong nanos() {
            return new AtomicLong();
        }

        @Bean
        Ticker ticker(AtomicLong nanos) {
            return nanos::get;
        }

        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }
}
