package io.fluxgate.benchmarks;

import io.fluxgate.CircuitBreaker;
import io.fluxgate.retries.Always;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A HALF_OPEN breaker handing out a probe slot and taking it back without an outcome (the low-level protocol
 * an aspect uses for a cancelled call), so the breaker stays HALF_OPEN. Fluxgate reaches HALF_OPEN the way
 * production does (tripped by failures, then a call after the retry allowed it; {@code Always()} here so no
 * time must pass); Resilience4j by {@code transitionToHalfOpenState()}. Failsafe is absent: its breaker has no
 * way to give a permit back without recording a result, which would end HALF_OPEN.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class HalfOpenPermit {

    private CircuitBreaker fluxgate;
    private io.github.resilience4j.circuitbreaker.CircuitBreaker resilience4j;

    @Setup
    public void setUp() {
        fluxgate = Fixtures.fluxgate("fluxgate", "count").retry(new Always()).build();
        Fixtures.trip(fluxgate);
        fluxgate.releasePermission(fluxgate.acquirePermission());
        resilience4j = Fixtures.resilience4jBreaker("count");
        resilience4j.transitionToOpenState();
        resilience4j.transitionToHalfOpenState();
        stillHalfOpen();
    }

    @TearDown(Level.Iteration)
    public void stillHalfOpen() {
        Fixtures.expectState("Fluxgate", fluxgate.state(), io.fluxgate.State.HALF_OPEN);
        Fixtures.expectState("Resilience4j", resilience4j.getState(), "HALF_OPEN");
    }

    @Benchmark
    public long fluxgate() {
        long permission = fluxgate.tryAcquirePermission();
        if (permission < 0) {
            throw new IllegalStateException("Fluxgate rejected a probe: " + fluxgate);
        }
        fluxgate.releasePermission(permission);
        return permission;
    }

    @Benchmark
    public boolean resilience4j() {
        if (!resilience4j.tryAcquirePermission()) {
            throw new IllegalStateException("Resilience4j rejected a probe: " + resilience4j.getState());
        }
        resilience4j.releasePermission();
        return true;
    }
}
