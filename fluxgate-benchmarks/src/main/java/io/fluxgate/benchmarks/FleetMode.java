package io.fluxgate.benchmarks;

import io.fluxgate.CallNotPermittedException;
import io.fluxgate.CircuitBreaker;
import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.redis.FleetAutoConfiguration;
import io.fluxgate.spring.autoconfigure.FluxgateAutoConfiguration;
import java.util.Map;
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
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The call path with fleet mode off and on ({@code fleet} parameter), in one run: a CLOSED breaker's successful
 * call ({@code closedSuccess}) and an OPEN breaker's rejection ({@code openRejection}), each breaker built by the
 * starter from properties in a non-web Spring Boot context, so that with fleet mode on it carries the fleet's
 * transition listener and the fleet's heartbeat thread runs, exactly as in an application. What is measured is the
 * call path, which must never touch Redis; by default no Redis answers ({@code spring.data.redis.port=1}, the
 * link degraded, the heartbeat retrying), and {@code -jvmArgsAppend -Dspring.data.redis.port=6379} measures it
 * next to a live one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class FleetMode {

    @Param({ "off", "on" })
    public String fleet;

    private ConfigurableApplicationContext context;
    private Supplier<Object> closedCall;
    private CircuitBreaker open;
    private Supplier<Object> openCall;

    @Setup
    public void setUp() {
        String breaker = "fluxgate.breakers.%s.";
        Map<String, Object> properties = new java.util.HashMap<>();
        for (String name : new String[] { "closed", "open" }) {
            properties.put(breaker.formatted(name) + "window", "CountWindow(" + Fixtures.WINDOW_CALLS + ")");
            properties.put(breaker.formatted(name) + "tripper",
                    "MinRequests(" + Fixtures.MINIMUM_CALLS + ") & FailureRate(0.5)");
            properties.put(breaker.formatted(name) + "retry", "Cooldown(" + Fixtures.OPEN_WAIT.toSeconds() + "s)");
            properties.put(breaker.formatted(name) + "permit", "All()");
        }
        properties.put("fluxgate.fleet.enabled", String.valueOf(fleet.equals("on")));
        properties.put("fluxgate.fleet.name", "benchmarks");
        properties.put("spring.data.redis.port", "1");
        properties.put("spring.data.redis.timeout", "1s");
        context = SpringContexts.start(Config.class, "none", properties);
        CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
        CircuitBreaker closed = registry.get("closed").orElseThrow();
        open = registry.get("open").orElseThrow();
        boolean attached = closed.listeners().stream()
                .anyMatch(listener -> listener.getClass().getName().startsWith("io.fluxgate.redis."));
        Fixtures.expect("Fluxgate", attached == fleet.equals("on"), "fleet listener attached: " + attached);
        Supplier<Object> work = Fixtures.payload("none");
        closedCall = closed.decorateSupplier(work);
        Fixtures.trip(open);
        openCall = open.decorateSupplier(work);
        stillOpen();
    }

    @TearDown(Level.Iteration)
    public void stillOpen() {
        Fixtures.expectState("Fluxgate", open.state(), io.fluxgate.State.OPEN);
    }

    @TearDown
    public void tearDown() {
        context.close();
    }

    @Benchmark
    public Object closedSuccess() {
        return closedCall.get();
    }

    @Benchmark
    public Object openRejection() {
        try {
            return openCall.get();
        } catch (CallNotPermittedException e) {
            return e;
        }
    }

    @ImportAutoConfiguration({ FluxgateAutoConfiguration.class, DataRedisAutoConfiguration.class,
            FleetAutoConfiguration.class })
    static class Config {
    }
}
