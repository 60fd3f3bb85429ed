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
 * The CLOSED path with 10 % failures: every tenth call of each thread throws a preallocated stackless
 * exception, which the breaker records and rethrows. 10 % stays well below the 50 % threshold, so the breaker
 * stays CLOSED. Count window only; the score is the average over successes and failures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class ClosedFailures {

    private static final int FAILURE_EVERY = 10;

    @Param({"none", "cpu100"})
    public String payload;

    private CircuitBreaker fluxgate;
    private Supplier<Object> fluxgateSuccess;
    private Supplier<Object> fluxgateFailure;
    private io.github.resilience4j.circuitbreaker.CircuitBreaker resilience4j;
    private Supplier<Object> resilience4jSuccess;
    private Supplier<Object> resilience4jFailure;
    private dev.failsafe.CircuitBreaker<Object> failsafe;
    private FailsafeExecutor<Object> failsafeExecutor;
    private CheckedSupplier<Object> failsafeSuccess;
    private CheckedSupplier<Object> failsafeFailure;

    /** Which call of this thread is next; every {@value #FAILURE_EVERY}th fails. */
    @State(Scope.Thread)
    public static class Calls {
        int next;

        boolean nextFails() {
            if (++next == FAILURE_EVERY) {
                next = 0;
                return true;
            }
            return false;
        }
    }

    @Setup
    public void setUp() {
        Supplier<Object> success = Fixtures.payload(payload);
        Supplier<Object> failure = Fixtures.failingPayload(payload);
        fluxgate = Fixtures.fluxgate("count");
        fluxgateSuccess = fluxgate.decorateSupplier(success);
        fluxgateFailure = fluxgate.decorateSupplier(failure);
        resilience4j = Fixtures.resilience4jBreaker("count");
        resilience4jSuccess = io.github.resilience4j.circuitbreaker.CircuitBreaker.decorateSupplier(resilience4j,
                success);
        resilience4jFailure = io.github.resilience4j.circuitbreaker.CircuitBreaker.decorateSupplier(resilience4j,
                failure);
        failsafe = Fixtures.failsafe("count");
        failsafeExecutor = Failsafe.with(failsafe);
        failsafeSuccess = success::get;
        failsafeFailure = failure::get;
    }

    @TearDown(Level.Iteration)
    public void stillClosed() {
        Fixtures.expectState("Fluxgate", fluxgate.state(), io.fluxgate.State.CLOSED);
        Fixtures.expectState("Resilience4j", resilience4j.getState(), "CLOSED");
        Fixtures.expect("Failsafe", failsafe.isClosed(), "breaker is " + failsafe.getState() + ", not CLOSED");
    }

    @Benchmark
    public Object fluxgate(Calls calls) {
        try {
            return (calls.nextFails() ? fluxgateFailure : fluxgateSuccess).get();
        } catch (Fixtures.BenchmarkFailure e) {
            return e;
        }
    }

    @Benchmark
    public Object resilience4j(Calls calls) {
        try {
            return (calls.nextFails() ? resilience4jFailure : resilience4jSuccess).get();
        } catch (Fixtures.BenchmarkFailure e) {
            return e;
        }
    }

    @Benchmark
    public Object failsafe(Calls calls) {
        try {
            return failsafeExecutor.get(calls.nextFails() ? failsafeFailure : failsafeSuccess);
        } catch (Fixtures.BenchmarkFailure e) {
            return e;
        }
    }
}
