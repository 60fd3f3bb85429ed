package io.fluxgate.benchmarks;

import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.function.CheckedSupplier;
import io.fluxgate.CallNotPermittedException;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An OPEN breaker rejecting calls, as a boolean permission check ({@code *Check}) and as the exception a
 * decorated call throws ({@code *Thrown}). The protected code never runs, so there is no payload parameter.
 * Fluxgate is opened by failing calls (OPEN, not FORCED_OPEN); Resilience4j and Failsafe by their
 * {@code transitionToOpenState()} / {@code open()}. Resilience4j's exception fills in a stack trace by
 * default; {@code resilience4jThrownStackless} shows it with {@code writableStackTraceEnabled(false)}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class OpenRejection {

    private CircuitBreaker fluxgate;
    private Supplier<Object> fluxgateCall;
    private io.github.resilience4j.circuitbreaker.CircuitBreaker resilience4j;
    private Supplier<Object> resilience4jCall;
    private io.github.resilience4j.circuitbreaker.CircuitBreaker resilience4jStackless;
    private Supplier<Object> resilience4jStacklessCall;
    private dev.failsafe.CircuitBreaker<Object> failsafe;
    private FailsafeExecutor<Object> failsafeExecutor;
    private CheckedSupplier<Object> failsafeCall;

    @Setup
    public void setUp() {
        Supplier<Object> work = Fixtures.payload("none");
        fluxgate = Fixtures.fluxgate("count");
        Fixtures.trip(fluxgate);
        fluxgateCall = fluxgate.decorateSupplier(work);

        resilience4j = Fixtures.resilience4jBreaker("count");
        resilience4j.transitionToOpenState();
        resilience4jCall = io.github.resilience4j.circuitbreaker.CircuitBreaker.decorateSupplier(resilience4j, work);
        resilience4jStackless = io.github.resilience4j.circuitbreaker.CircuitBreaker.of("resilience4j-stackless",
                Fixtures.resilience4jBuilder("count").writableStackTraceEnabled(false).build());
        resilience4jStackless.transitionToOpenState();
        resilience4jStacklessCall = io.github.resilience4j.circuitbreaker.CircuitBreaker
                .decorateSupplier(resilience4jStackless, work);

        failsafe = Fixtures.failsafe("count");
        failsafe.open();
        failsafeExecutor = Failsafe.with(failsafe);
        failsafeCall = work::get;
        stillOpen();
    }

    @TearDown(Level.Iteration)
    public void stillOpen() {
        Fixtures.expectState("Fluxgate", fluxgate.state(), io.fluxgate.State.OPEN);
        Fixtures.expectState("Resilience4j", resilience4j.getState(), "OPEN");
        Fixtures.expectState("Resilience4j stackless", resilience4jStackless.getState(), "OPEN");
        Fixtures.expect("Failsafe", failsafe.isOpen(), "breaker is " + failsafe.getState() + ", not OPEN");
    }

    /**
     * One {@link System#nanoTime()} read: the floor of an OPEN check that honours its wait, which needs the
     * time on every call (SPEC §3). Fluxgate's and Failsafe's checks read the clock once, Resilience4j's reads
     * the wall clock as an {@code Instant}.
     */
    @Benchmark
    public long clockRead() {
        return System.nanoTime();
    }

    @Benchmark
    public long fluxgateCheck() {
        return fluxgate.tryAcquirePermission();
    }

    @Benchmark
    public boolean resilience4jCheck() {
        return resilience4j.tryAcquirePermission();
    }

    @Benchmark
    public boolean failsafeCheck() {
        return failsafe.tryAcquirePermit();
    }

    @Benchmark
    public Object fluxgateThrown() {
        try {
            return fluxgateCall.get();
        } catch (CallNotPermittedException e) {
            return e;
        }
    }

    @Benchmark
    public Object resilience4jThrown() {
        try {
            return resilience4jCall.get();
        } catch (io.github.resilience4j.circuitbreaker.CallNotPermittedException e) {
            return e;
        }
    }

    @Benchmark
    public Object resilience4jThrownStackless() {
        try {
            return resilience4jStacklessCall.get();
        } catch (io.github.resilience4j.circuitbreaker.CallNotPermittedException e) {
            return e;
        }
    }

    @Benchmark
    public Object failsafeThrown() {
        try {
            return failsafeExecutor.get(failsafeCall);
        } catch (CircuitBreakerOpenException e) {
            return e;
        }
    }
}
