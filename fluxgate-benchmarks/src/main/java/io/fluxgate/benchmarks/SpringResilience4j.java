package io.fluxgate.benchmarks;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * A Spring Boot context with {@code resilience4j-spring-boot4} (its circuit breaker auto-configuration and
 * Boot's AOP auto-configuration, which proxies beans for Resilience4j's {@code @Aspect}; nothing else) and a
 * {@link Client} bean whose methods carry Resilience4j's {@code @CircuitBreaker}. Started once per fork by the
 * benchmarks that use it. The two breakers are configured through {@code resilience4j.circuitbreaker.instances}
 * properties with the values of {@link Fixtures}.
 */
@State(Scope.Benchmark)
public class SpringResilience4j {

    ConfigurableApplicationContext context;
    /** The proxied bean. */
    Client client;
    CircuitBreaker closed;
    CircuitBreaker open;
    /** The bare core call: the same method of a plain instance through {@code closed.executeSupplier}. */
    Supplier<Object> plainCall;
    /** The same for the {@code CompletionStage} method. */
    Supplier<CompletionStage<Object>> plainStage;

    @Setup(Level.Trial)
    public void start(BenchmarkParams params) {
        context = SpringContexts.start(Config.class, params.getParam("payload"), properties("closed"),
                properties("open"));
        client = context.getBean(Client.class);
        CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
        closed = registry.circuitBreaker("closed");
        open = registry.circuitBreaker("open");
        open.transitionToOpenState();
        Client plain = new Client(Fixtures.payload(params.getParam("payload")));
        plainCall = () -> plain.call(SpringAspect.REQUEST);
        plainStage = () -> plain.stage(SpringAspect.REQUEST);

        Fixtures.expect("Resilience4j", AopUtils.isAopProxy(client), "the client bean is not an AOP proxy");
        Fixtures.expect("Resilience4j", closed.getCircuitBreakerConfig().getSlidingWindowSize()
                == Fixtures.WINDOW_CALLS, "the properties did not configure breaker 'closed'");
        ToIntFunction<CircuitBreaker> successes = breaker -> breaker.getMetrics().getNumberOfSuccessfulCalls();
        expectThroughBreaker(closed, successes, () -> client.call(SpringAspect.REQUEST));
        expectThroughBreaker(closed, successes, () -> client.callWithFallback(SpringAspect.REQUEST));
        expectThroughBreaker(closed, successes, () -> client.stage(SpringAspect.REQUEST).toCompletableFuture().join());
        expectThroughBreaker(open, breaker -> (int) breaker.getMetrics().getNumberOfNotPermittedCalls(), () -> {
            Object answer = client.callOpen(SpringAspect.REQUEST);
            Fixtures.expect("Resilience4j", answer == SpringAspect.FALLBACK, "the fallback did not answer");
            return answer;
        });
        stillInState();
    }

    @TearDown(Level.Iteration)
    public void stillInState() {
        Fixtures.expectState("Resilience4j", closed.getState(), "CLOSED");
        Fixtures.expectState("Resilience4j", open.getState(), "OPEN");
    }

    @TearDown(Level.Trial)
    public void stop() {
        context.close();
    }

    /** The configuration of {@link Fixtures#resilience4j(String)} (count window) as Spring Boot properties. */
    static Map<String, Object> properties(String name) {
        String prefix = "resilience4j.circuitbreaker.instances." + name + ".";
        return Map.of(prefix + "sliding-window-type", "COUNT_BASED",
                prefix + "sliding-window-size", Fixtures.WINDOW_CALLS,
                prefix + "minimum-number-of-calls", Fixtures.MINIMUM_CALLS,
                prefix + "failure-rate-threshold", 50,
                prefix + "wait-duration-in-open-state", Fixtures.OPEN_WAIT.toString(),
                prefix + "permitted-number-of-calls-in-half-open-state", Fixtures.PROBES);
    }

    private static void expectThroughBreaker(CircuitBreaker breaker, ToIntFunction<CircuitBreaker> count,
            Supplier<Object> call) {
        int before = count.applyAsInt(breaker);
        call.get();
        Fixtures.expect("Resilience4j", count.applyAsInt(breaker) == before + 1,
                "a call of the proxied bean was not recorded by breaker " + breaker.getName());
    }

    /** Only Resilience4j's circuit breaker auto-configuration, and Boot's AOP one. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @ImportAutoConfiguration({AopAutoConfiguration.class, CircuitBreakerAutoConfiguration.class})
    static class Config {

        @Bean
        Client client(Environment environment) {
            return new Client(Fixtures.payload(environment.getRequiredProperty(SpringContexts.PAYLOAD)));
        }
    }

    /** The annotated bean; {@link SpringFluxgate.Client} is the same class with Fluxgate's annotation. */
    public static class Client {

        private final Supplier<Object> work;

        public Client(Supplier<Object> work) {
            this.work = work;
        }

        @io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker(name = "closed")
        public Object call(Object request) {
            return work.get();
        }

        @io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker(name = "closed", fallbackMethod = "fallback")
        public Object callWithFallback(Object request) {
            return work.get();
        }

        @io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker(name = "open", fallbackMethod = "fallback")
        public Object callOpen(Object request) {
            return work.get();
        }

        @io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker(name = "closed")
        public CompletionStage<Object> stage(Object request) {
            work.get();
            return SpringAspect.STAGE;
        }

        public Object fallback(Object request, Exception error) {
            return SpringAspect.FALLBACK;
        }
    }
}
