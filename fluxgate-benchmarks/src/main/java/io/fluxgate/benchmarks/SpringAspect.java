package io.fluxgate.benchmarks;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An annotated bean method in a real Spring Boot context, through Fluxgate's starter ({@code fluxgate*}, state
 * {@link SpringFluxgate}) and through {@code resilience4j-spring-boot4} ({@code resilience4j*}, state
 * {@link SpringResilience4j}). JMH runs every benchmark in its own fork, and each benchmark uses one of the two
 * states, so each fork starts one context with one library's auto-configuration.
 *
 * <p>Rows: {@code baseline} is the method of a plain, un-proxied instance; {@code *Core} the same plain call
 * through the library's own API ({@code get(supplier)}, {@code executeSupplier}), so the aspect's overhead is
 * the aspect row minus the core row; {@code *FallbackUnused} the success path of a method with a fallback
 * configured; {@code *OpenFallback} an OPEN breaker whose fallback answers; {@code *Stage} a method returning
 * a {@code CompletionStage}; {@code *TwoThreads} two threads sharing the bean and its breaker (time per call as
 * seen by each thread).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class SpringAspect {

    /** The argument of every call. */
    static final Object REQUEST = new Object();
    /** What a fallback answers. */
    static final Object FALLBACK = new Object();
    /** What the {@code CompletionStage} method returns: completed and preallocated, like {@link Fixtures#RESULT}. */
    static final CompletionStage<Object> STAGE = CompletableFuture.completedFuture(Fixtures.RESULT);

    @Param({"none", "cpu100"})
    public String payload;

    private SpringFluxgate.Client plain;

    @Setup
    public void setUp() {
        plain = new SpringFluxgate.Client(Fixtures.payload(payload));
    }

    @Benchmark
    public Object baseline() {
        return plain.call(REQUEST);
    }

    @Benchmark
    public Object fluxgateCore(SpringFluxgate fluxgate) {
        return fluxgate.closed.get(fluxgate.plainCall);
    }

    @Benchmark
    public Object fluxgate(SpringFluxgate fluxgate) {
        return fluxgate.client.call(REQUEST);
    }

    @Benchmark
    public Object fluxgateFallbackUnused(SpringFluxgate fluxgate) {
        return fluxgate.client.callWithFallback(REQUEST);
    }

    @Benchmark
    public Object fluxgateOpenFallback(SpringFluxgate fluxgate) {
        return fluxgate.client.callOpen(REQUEST);
    }

    @Benchmark
    public Object fluxgateCoreStage(SpringFluxgate fluxgate) {
        return fluxgate.closed.callAsync(fluxgate.plainStage);
    }

    @Benchmark
    public Object fluxgateStage(SpringFluxgate fluxgate) {
        return fluxgate.client.stage(REQUEST);
    }

    @Benchmark
    public Object resilience4jCore(SpringResilience4j resilience4j) {
        return resilience4j.closed.executeSupplier(resilience4j.plainCall);
    }

    @Benchmark
    public Object resilience4j(SpringResilience4j resilience4j) {
        return resilience4j.client.call(REQUEST);
    }

    @Benchmark
    public Object resilience4jFallbackUnused(SpringResilience4j resilience4j) {
        return resilience4j.client.callWithFallback(REQUEST);
    }

    @Benchmark
    public Object resilience4jOpenFallback(SpringResilience4j resilience4j) {
        return resilience4j.client.callOpen(REQUEST);
    }

    @Benchmark
    public Object resilience4jCoreStage(SpringResilience4j resilience4j) {
        return resilience4j.closed.executeCompletionStage(resilience4j.plainStage);
    }

    @Benchmark
    public Object resilience4jStage(SpringResilience4j resilience4j) {
        return resilience4j.client.stage(REQUEST);
    }

    @Benchmark
    @Threads(2)
    public Object baselineTwoThreads() {
        return plain.call(REQUEST);
    }

    @Benchmark
    @Threads(2)
    public Object fluxgateCoreTwoThreads(SpringFluxgate fluxgate) {
        return fluxgate.closed.get(fluxgate.plainCall);
    }

    @Benchmark
    @Threads(2)
    public Object fluxgateTwoThreads(SpringFluxgate fluxgate) {
        return fluxgate.client.call(REQUEST);
    }

    @Benchmark
    @Threads(2)
    public Object resilience4jCoreTwoThreads(SpringResilience4j resilience4j) {
        return resilience4j.closed.executeSupplier(resilience4j.plainCall);
    }

    @Benchmark
    @Threads(2)
    public Object resilience4jTwoThreads(SpringResilience4j resilience4j) {
        return resilience4j.client.call(REQUEST);
    }
}
