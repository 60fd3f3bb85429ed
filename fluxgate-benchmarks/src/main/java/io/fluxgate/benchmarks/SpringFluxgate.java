package io.fluxgate.benchmarks;

import io.fluxgate.CallOutcome;
import io.fluxgate.CircuitBreaker;
import io.fluxgate.State;
import io.fluxgate.spring.aop.FluxgateAspectAutoConfiguration;
import io.fluxgate.spring.autoconfigure.FluxgateAutoConfiguration;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
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
 * A Spring Boot context with Fluxgate's starter (its breaker and aspect auto-configurations and Boot's AOP
 * auto-configuration, nothing else) and a {@link Client} bean whose methods carry Fluxgate's
 * {@code @CircuitBreaker}. Started once per fork by the benchmarks that use it. The two breakers are beans built
 * by {@link Fixtures}, so they are configured exactly as in the core tables; the starter registers them as they
 * are.
 */
@org.openjdk.jmh.annotations.State(Scope.Benchmark)
public class SpringFluxgate {

    ConfigurableApplicationContext context;
    /** The proxied bean. */
    Client client;
    CircuitBreaker closed;
    CircuitBreaker open;
    /** The bare core call: the same method of a plain instance through {@code closed.get(supplier)}. */
    Supplier<Object> plainCall;
    /** The same for the {@code CompletionStage} method. */
    Supplier<CompletionStage<Object>> plainStage;

    @Setup(Level.Trial)
    public void start(BenchmarkParams params) {
        context = SpringContexts.start(Config.class, params.getParam("payload"));
        client = context.getBean(Client.class);
        closed = context.getBean("closed", CircuitBreaker.class);
        open = context.getBean("open", CircuitBreaker.class);
        Fixtures.trip(open);
        Client plain = new Client(Fixtures.payload(params.getParam("payload")));
        plainCall = () -> plain.call(SpringAspect.REQUEST);
        plainStage = () -> plain.stage(SpringAspect.REQUEST);

        Fixtures.expect("Fluxgate", AopUtils.isAopProxy(client), "the client bean is not an AOP proxy");
        expectThroughBreaker(closed, CallOutcome.SUCCESS, () -> client.call(SpringAspect.REQUEST));
        expectThroughBreaker(closed, CallOutcome.SUCCESS, () -> client.callWithFallback(SpringAspect.REQUEST));
        expectThroughBreaker(closed, CallOutcome.SUCCESS,
                () -> client.stage(SpringAspect.REQUEST).toCompletableFuture().join());
        expectThroughBreaker(open, CallOutcome.REJECTED, () -> {
            Object answer = client.callOpen(SpringAspect.REQUEST);
            Fixtures.expect("Fluxgate", answer == SpringAspect.FALLBACK, "the fallback did not answer");
            return answer;
        });
        stillInState();
    }

    @TearDown(Level.Iteration)
    public void stillInState() {
        Fixtures.expectState("Fluxgate", closed.state(), State.CLOSED);
        Fixtures.expectState("Fluxgate", open.state(), State.OPEN);
    }

    @TearDown(Level.Trial)
    public void stop() {
        context.close();
    }

    private static void expectThroughBreaker(CircuitBreaker breaker, CallOutcome outcome, Supplier<Object> call) {
        long before = breaker.statistics().count(outcome, false);
        call.get();
        Fixtures.expect("Fluxgate", breaker.statistics().count(outcome, false) == before + 1,
                "a call of the proxied bean was not recorded as " + outcome + " by breaker " + breaker.name());
    }

    /** Only the starter's breaker and aspect auto-configurations, and Boot's AOP one. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @ImportAutoConfiguration({AopAutoConfiguration.class, FluxgateAutoConfiguration.class,
            FluxgateAspectAutoConfiguration.class})
    static class Config {

        @Bean
        CircuitBreaker closed() {
            return Fixtures.fluxgate("closed", "count").build();
        }

        @Bean
        CircuitBreaker open() {
            return Fixtures.fluxgate("open", "count").build();
        }

        @Bean
        Client client(Environment environment) {
            return new Client(Fixtures.payload(environment.getRequiredProperty(SpringContexts.PAYLOAD)));
        }
    }

    /** The annotated bean; {@link SpringResilience4j.Client} is the same class with Resilience4j's annotation. */
    public static class Client {

        private final Supplier<Object> work;

        public Client(Supplier<Object> work) {
            this.work = work;
        }

        @io.fluxgate.spring.CircuitBreaker(name = "closed")
        public Object call(Object request) {
            return work.get();
        }

        @io.fluxgate.spring.CircuitBreaker(name = "closed", fallbackMethod = "fallback")
        public Object callWithFallback(Object request) {
            return work.get();
        }

        @io.fluxgate.spring.CircuitBreaker(name = "open", fallbackMethod = "fallback")
        public Object callOpen(Object request) {
            return work.get();
        }

        @io.fluxgate.spring.CircuitBreaker(name = "closed")
        public CompletionStage<Object> stage(Object request) {
            work.get();
            return SpringAspect.STAGE;
        }

        public Object fallback(Object request, Exception error) {
            return SpringAspect.FALLBACK;
        }
    }
}
