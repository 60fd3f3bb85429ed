package io.fluxgate.benchmarks;

import io.fluxgate.CallOutcome;
import io.fluxgate.CallStatistics;
import io.fluxgate.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Locale;
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

/**
 * The CLOSED success path with a Micrometer binding, next to the same breakers unbound (count window).
 * Fluxgate is bound the way the starter binds it: function timers over {@link CallStatistics} and a state
 * gauge, all read at scrape time, so a call writes nothing for metrics. Resilience4j uses its own
 * {@link TaggedCircuitBreakerMetrics}, which records a timer per call from its event publisher.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class ClosedMicrometer {

    @Param({"none", "cpu100"})
    public String payload;

    private CircuitBreaker fluxgateUnbound;
    private Supplier<Object> fluxgateUnboundCall;
    private CircuitBreaker fluxgateBound;
    private Supplier<Object> fluxgateBoundCall;
    private io.github.resilience4j.circuitbreaker.CircuitBreaker resilience4jUnbound;
    private Supplier<Object> resilience4jUnboundCall;
    private io.github.resilience4j.circuitbreaker.CircuitBreaker resilience4jBound;
    private Supplier<Object> resilience4jBoundCall;
    private MeterRegistry meters;

    @Setup
    public void setUp() {
        Supplier<Object> work = Fixtures.payload(payload);
        meters = new SimpleMeterRegistry();

        fluxgateUnbound = Fixtures.fluxgate("count");
        fluxgateUnboundCall = fluxgateUnbound.decorateSupplier(work);
        fluxgateBound = Fixtures.fluxgate("fluxgate-bound", "count").build();
        bind(fluxgateBound, meters);
        fluxgateBoundCall = fluxgateBound.decorateSupplier(work);

        resilience4jUnbound = Fixtures.resilience4jBreaker("count");
        resilience4jUnboundCall = io.github.resilience4j.circuitbreaker.CircuitBreaker
                .decorateSupplier(resilience4jUnbound, work);
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(Fixtures.resilience4j("count"));
        resilience4jBound = registry.circuitBreaker("resilience4j-bound");
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
        resilience4jBoundCall = io.github.resilience4j.circuitbreaker.CircuitBreaker
                .decorateSupplier(resilience4jBound, work);
    }

    /** Scrape-time meters over the breaker's live statistics, as the starter's binder registers them. */
    private static void bind(CircuitBreaker breaker, MeterRegistry registry) {
        CallStatistics statistics = breaker.statistics();
        for (CallOutcome outcome : CallOutcome.values()) {
            for (boolean slow : new boolean[] {false, true}) {
                FunctionTimer.builder("fluxgate.calls", statistics, s -> s.count(outcome, slow),
                                s -> s.totalDuration(outcome, slow).toNanos(), TimeUnit.NANOSECONDS)
                        .tag("name", breaker.name())
                        .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                        .tag("slow", Boolean.toString(slow))
                        .register(registry);
            }
        }
        for (io.fluxgate.State state : io.fluxgate.State.values()) {
            Gauge.builder("fluxgate.state", breaker, b -> b.state() == state ? 1 : 0)
                    .tag("name", breaker.name())
                    .tag("state", state.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
    }

    @TearDown(Level.Iteration)
    public void stillClosedAndScraped() {
        Fixtures.expectState("Fluxgate", fluxgateUnbound.state(), io.fluxgate.State.CLOSED);
        Fixtures.expectState("Fluxgate bound", fluxgateBound.state(), io.fluxgate.State.CLOSED);
        Fixtures.expectState("Resilience4j", resilience4jUnbound.getState(), "CLOSED");
        Fixtures.expectState("Resilience4j bound", resilience4jBound.getState(), "CLOSED");
        Fixtures.expect("Fluxgate bound", !meters.find("fluxgate.calls").functionTimers().isEmpty(),
                "no meters registered");
        Fixtures.expect("Resilience4j bound", !meters.find("resilience4j.circuitbreaker.calls").timers().isEmpty(),
                "no meters registered");
        double fluxgateScraped = meters.find("fluxgate.calls").tag("outcome", "success").tag("slow", "false")
                .functionTimers().stream().mapToDouble(FunctionTimer::count).sum();
        long resilience4jScraped = meters.find("resilience4j.circuitbreaker.calls").tag("kind", "successful")
                .timers().stream().mapToLong(Timer::count).sum();
        Fixtures.expect("Fluxgate bound", fluxgateScraped > 0
                || fluxgateBound.statistics().count(CallOutcome.SUCCESS, false) == 0, "scrape saw no call");
        Fixtures.expect("Resilience4j bound", resilience4jScraped > 0
                || resilience4jBound.getMetrics().getNumberOfSuccessfulCalls() == 0, "scrape saw no call");
    }

    @Benchmark
    public Object fluxgate() {
        return fluxgateUnboundCall.get();
    }

    @Benchmark
    public Object fluxgateBound() {
        return fluxgateBoundCall.get();
    }

    @Benchmark
    public Object resilience4j() {
        return resilience4jUnboundCall.get();
    }

    @Benchmark
    public Object resilience4jBound() {
        return resilience4jBoundCall.get();
    }
}
