package io.fluxgate.benchmarks;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.function.CheckedSupplier;
import io.fluxgate.CircuitBreaker;
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
 * The CLOSED success path: every call runs, succeeds and is recorded. One breaker per library is shared by all
 * benchmark threads, so {@code -t 2} and {@code -t 16} measure contention on it; the score is the time per
 * call seen by each thread. {@code baseline} is the payload without any breaker.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class ClosedSuccess {

    @Param({"count", "time"})
    public String window;

    @Param({"none", "cpu100"})
    public String payload;

    private Supplier<Object> bare;
    private CircuitBreaker fluxgate;
    private Supplier<Object> fluxgateCall;
    private CircuitBreaker fluxgateWithoutTiming;
    private Supplier<Object> fluxgateWithoutTimingCall;
    private io.github.resilience4j.circuitbreaker.CircuitBreaker resilience4j;
    private Supplier<Object> resilience4jCall;
    private dev.failsafe.CircuitBreaker<Object> failsafe;
    private FailsafeExecutor<Object> failsafeExecutor;
    private CheckedSupplier<Object> failsafeCall;

    @Setup
    public void setUp() {
        bare = Fixtures.payload(payload);
        fluxgate = Fixtures.fluxgate(window);
        fluxgateCall = fluxgate.decorateSupplier(bare);
        fluxgateWithoutTiming = Fixtures.fluxgateWithoutTiming(window);
        fluxgateWithoutTimingCall = fluxgateWithoutTiming.decorateSupplier(bare);
        resilience4j = Fixtures.resilience4jBreaker(window);
        resilience4jCall = io.github.resilience4j.circuitbreaker.CircuitBreaker.decorateSupplier(resilience4j, bare);
        failsafe = Fixtures.failsafe(window);
        failsafeExecutor = Failsafe.with(failsafe);
        Supplier<Object> work = bare;
        failsafeCall = work::get;
    }

    @TearDown(Level.Iteration)
    public void stillClosed() {
        Fixtures.expectState("Fluxgate", fluxgate.state(), io.fluxgate.State.CLOSED);
        Fixtures.expectState("Fluxgate without timing", fluxgateWithoutTiming.state(), io.fluxgate.State.CLOSED);
        Fixtures.expectState("Resilience4j", resilience4j.getState(), "CLOSED");
        Fixtures.expect("Failsafe", failsafe.isClosed(), "breaker is " + failsafe.getState() + ", not CLOSED");
    }

    @Benchmark
    public Object baseline() {
        return bare.get();
    }

    /**
     * Two {@link System#nanoTime()} reads and nothing else: the floor of every breaker that times its calls
     * (Fluxgate with timing and Resilience4j read the clock before and after each call).
     */
    @Benchmark
    public long clockReads() {
        return System.nanoTime() - System.nanoTime();
    }

    @Benchmark
    public Object fluxgate() {
        return fluxgateCall.get();
    }

    /** {@code measureDurations(false)}: no clock read for a count window, one for a time window. */
    @Benchmark
    public Object fluxgateWithoutTiming() {
        return fluxgateWithoutTimingCall.get();
    }

    @Benchmark
    public Object resilience4j() {
        return resilience4jCall.get();
    }

    @Benchmark
    public Object failsafe() {
        return failsafeExecutor.get(failsafeCall);
    }
}
