package io.fluxgate.benchmarks;

import io.fluxgate.CallOutcome;
import io.fluxgate.spring.autoconfigure.FluxgateAutoConfiguration;
import io.fluxgate.spring.cloud.FluxgateCircuitBreakerFactory;
import io.fluxgate.spring.cloud.FluxgateSpringCloudAutoConfiguration;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigurationProperties;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Spring Cloud Circuit Breaker's {@code factory.create("closed").run(supplier)} on the success path, as code written
 * against {@link CircuitBreakerFactory} calls it: Fluxgate's factory ({@code fluxgate-spring-cloud}) against
 * Resilience4j's ({@code spring-cloud-circuitbreaker-resilience4j}), both with the window and thresholds of
 * {@link Fixtures} (count window).
 *
 * <p>Rows: {@code baseline} is the bare supplier; {@code fluxgate} Fluxgate's factory, from its auto-configuration
 * on the starter's breaker; {@code fluxgateCore} that breaker's own {@code get(supplier)}, so the adapter's share is
 * {@code fluxgate} minus {@code fluxgateCore}; {@code fluxgateWithoutTiming} the factory on a breaker that measures
 * no durations ({@link Fixtures#fluxgateWithoutTiming}) and so reads no clock; {@code resilience4jNoTimeLimiter}
 * Resilience4j's factory with {@code disableTimeLimiter} and {@code disableThreadPool}, so the supplier runs on the
 * caller's thread, unbounded, as Fluxgate's does; {@code resilience4j} its default, where the supplier runs on the
 * factory's thread pool under a 1 s {@code TimeLimiter}. Resilience4j's factories are built directly with a
 * registry and a time limiter registry (what its auto-configuration does, without the optional bulkhead provider).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class SpringCloudRun {

    @Param({"none", "cpu100"})
    public String payload;

    private Supplier<Object> work;

    @Setup
    public void setUp() {
        work = Fixtures.payload(payload);
    }

    @Benchmark
    public Object baseline() {
        return work.get();
    }

    @Benchmark
    public Object fluxgate(FluxgateFactory fluxgate) {
        return fluxgate.factory.create("closed").run(work);
    }

    @Benchmark
    public Object fluxgateCore(FluxgateFactory fluxgate) {
        return fluxgate.closed.get(work);
    }

    @Benchmark
    public Object fluxgateWithoutTiming(FluxgateFactory fluxgate) {
        return fluxgate.factory.create("untimed").run(work);
    }

    @Benchmark
    public Object resilience4jNoTimeLimiter(Resilience4jWithoutTimeLimiter resilience4j) {
        return resilience4j.factory.create("closed").run(work);
    }

    @Benchmark
    public Object resilience4j(Resilience4jDefault resilience4j) {
        return resilience4j.factory.create("closed").run(work);
    }

    /** A Spring Boot context with the starter's and {@code fluxgate-spring-cloud}'s auto-configurations only. */
    @State(Scope.Benchmark)
    public static class FluxgateFactory {

        ConfigurableApplicationContext context;
        CircuitBreakerFactory<?, ?> factory;
        io.fluxgate.CircuitBreaker closed;
        io.fluxgate.CircuitBreaker untimed;

        @Setup(Level.Trial)
        public void start(BenchmarkParams params) {
            context = SpringContexts.start(Config.class, params.getParam("payload"));
            factory = context.getBean(CircuitBreakerFactory.class);
            closed = context.getBean("closed", io.fluxgate.CircuitBreaker.class);
            untimed = context.getBean("untimed", io.fluxgate.CircuitBreaker.class);
            Fixtures.expect("Fluxgate", factory instanceof FluxgateCircuitBreakerFactory,
                    "the CircuitBreakerFactory bean is " + factory.getClass().getName());
            long before = closed.statistics().count(CallOutcome.SUCCESS, false);
            Thread caller = Thread.currentThread();
            Fixtures.expect("Fluxgate", factory.create("closed").run(Thread::currentThread) == caller,
                    "the supplier did not run on the caller's thread");
            Fixtures.expect("Fluxgate", closed.statistics().count(CallOutcome.SUCCESS, false) == before + 1,
                    "create(\"closed\").run(..) was not recorded by the configured breaker");
            long untimedBefore = untimed.statistics().count(CallOutcome.SUCCESS, false);
            factory.create("untimed").run(Fixtures.payload("none"));
            Fixtures.expect("Fluxgate", untimed.statistics().count(CallOutcome.SUCCESS, false) == untimedBefore + 1,
                    "create(\"untimed\").run(..) was not recorded by the configured breaker");
        }

        @TearDown(Level.Iteration)
        public void stillClosed() {
            Fixtures.expectState("Fluxgate", closed.state(), io.fluxgate.State.CLOSED);
            Fixtures.expectState("Fluxgate", untimed.state(), io.fluxgate.State.CLOSED);
        }

        @TearDown(Level.Trial)
        public void stop() {
            context.close();
        }

        /** The breakers as beans built by {@link Fixtures}; the starter registers them as they are. */
        @SpringBootConfiguration(proxyBeanMethods = false)
        @ImportAutoConfiguration({FluxgateAutoConfiguration.class, FluxgateSpringCloudAutoConfiguration.class})
        static class Config {

            @Bean
            io.fluxgate.CircuitBreaker closed() {
                return Fixtures.fluxgate("closed", "count").build();
            }

            @Bean
            io.fluxgate.CircuitBreaker untimed() {
                return Fixtures.fluxgate("untimed", "count").measureDurations(false).build();
            }
        }
    }

    /**
     * Resilience4j's factory with {@code disableTimeLimiter} and {@code disableThreadPool}: the supplier runs on the
     * caller's thread. (The time limiter disabled alone still runs it on the pool and waits for it.)
     */
    @State(Scope.Benchmark)
    public static class Resilience4jWithoutTimeLimiter {

        Resilience4JCircuitBreakerFactory factory;
        CircuitBreakerRegistry registry;

        @Setup(Level.Trial)
        public void start() {
            Resilience4JConfigurationProperties properties = new Resilience4JConfigurationProperties();
            properties.setDisableTimeLimiter(true);
            properties.setDisableThreadPool(true);
            registry = CircuitBreakerRegistry.ofDefaults();
            factory = resilience4jFactory(registry, properties);
            expectRecorded(factory, registry, false);
        }

        @TearDown(Level.Iteration)
        public void stillClosed() {
            Fixtures.expectState("Resilience4j", registry.circuitBreaker("closed").getState(), "CLOSED");
        }
    }

    /** Resilience4j's factory as it comes: a cached thread pool and a 1 s {@code TimeLimiter} around each call. */
    @State(Scope.Benchmark)
    public static class Resilience4jDefault {

        Resilience4JCircuitBreakerFactory factory;
        CircuitBreakerRegistry registry;
        ExecutorService executor;

        @Setup(Level.Trial)
        public void start() {
            registry = CircuitBreakerRegistry.ofDefaults();
            factory = resilience4jFactory(registry, new Resilience4JConfigurationProperties());
            // The default pool (Executors.newCachedThreadPool()), but one this state can shut down.
            executor = Executors.newCachedThreadPool();
            factory.configureExecutorService(executor);
            expectRecorded(factory, registry, true);
        }

        @TearDown(Level.Iteration)
        public void stillClosed() {
            Fixtures.expectState("Resilience4j", registry.circuitBreaker("closed").getState(), "CLOSED");
        }

        @TearDown(Level.Trial)
        public void stop() {
            executor.shutdownNow();
        }
    }

    static Resilience4JCircuitBreakerFactory resilience4jFactory(CircuitBreakerRegistry registry,
            Resilience4JConfigurationProperties properties) {
        Resilience4JCircuitBreakerFactory factory = new Resilience4JCircuitBreakerFactory(registry,
                TimeLimiterRegistry.ofDefaults(), null, properties);
        factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
                .circuitBreakerConfig(Fixtures.resilience4j("count"))
                .timeLimiterConfig(TimeLimiterConfig.ofDefaults())
                .build());
        return factory;
    }

    private static void expectRecorded(Resilience4JCircuitBreakerFactory factory, CircuitBreakerRegistry registry,
            boolean otherThread) {
        Thread caller = Thread.currentThread();
        Thread ran = factory.create("closed").run(Thread::currentThread);
        Fixtures.expect("Resilience4j", (ran != caller) == otherThread,
                otherThread ? "the supplier ran on the caller's thread" : "the supplier ran on another thread");
        io.github.resilience4j.circuitbreaker.CircuitBreaker closed = registry.circuitBreaker("closed");
        Fixtures.expect("Resilience4j", closed.getCircuitBreakerConfig().getSlidingWindowSize()
                == Fixtures.WINDOW_CALLS, "the factory's default configuration did not configure breaker 'closed'");
        Fixtures.expect("Resilience4j", closed.getMetrics().getNumberOfSuccessfulCalls() == 1,
                "create(\"closed\").run(..) was not recorded by breaker 'closed'");
    }
}
