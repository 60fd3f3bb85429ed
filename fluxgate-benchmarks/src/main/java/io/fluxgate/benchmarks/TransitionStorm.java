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
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
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
 * A transition storm: in each group one thread calls through the breaker while another toggles it between
 * forced-open and closed as fast as it can. Rejections are expected and returned; any other exception fails
 * the run, which is the point: the call path must survive every interleaving with manual transitions. The
 * scores are the time per call and per toggle while the other thread runs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class TransitionStorm {

    /** One storm's breakers, shared by its caller and its toggler. */
    @State(Scope.Group)
    public static class Storm {
        CircuitBreaker fluxgate;
        Supplier<Object> fluxgateCall;
        boolean fluxgateOpen;
        io.github.resilience4j.circuitbreaker.CircuitBreaker resilience4j;
        Supplier<Object> resilience4jCall;
        boolean resilience4jOpen;
        dev.failsafe.CircuitBreaker<Object> failsafe;
        FailsafeExecutor<Object> failsafeExecutor;
        CheckedSupplier<Object> failsafeCall;
        boolean failsafeOpen;

        @Setup
        public void setUp() {
            Supplier<Object> work = Fixtures.payload("none");
            fluxgate = Fixtures.fluxgate("count");
            fluxgateCall = fluxgate.decorateSupplier(work);
            resilience4j = Fixtures.resilience4jBreaker("count");
            resilience4jCall = io.github.resilience4j.circuitbreaker.CircuitBreaker.decorateSupplier(resilience4j,
                    work);
            failsafe = Fixtures.failsafe("count");
            failsafeExecutor = Failsafe.with(failsafe);
            failsafeCall = work::get;
        }

        @TearDown(Level.Iteration)
        public void onlyToggledStates() {
            io.fluxgate.State fluxgateState = fluxgate.state();
            Fixtures.expect("Fluxgate", fluxgateState == io.fluxgate.State.CLOSED
                    || fluxgateState == io.fluxgate.State.FORCED_OPEN,
                    "breaker is " + fluxgateState + " after a storm of forceOpen()/reset()");
            var resilience4jState = resilience4j.getState();
            Fixtures.expect("Resilience4j", resilience4jState.name().equals("CLOSED")
                    || resilience4jState.name().equals("FORCED_OPEN"),
                    "breaker is " + resilience4jState + " after a storm of forced-open/reset");
            Fixtures.expect("Failsafe", failsafe.isClosed() || failsafe.isOpen(),
                    "breaker is " + failsafe.getState() + " after a storm of open()/close()");
        }
    }

    @Benchmark
    @Group("fluxgate")
    @GroupThreads(1)
    public Object fluxgateCall(Storm storm) {
        try {
            return storm.fluxgateCall.get();
        } catch (CallNotPermittedException e) {
            return e;
        }
    }

    @Benchmark
    @Group("fluxgate")
    @GroupThreads(1)
    public void fluxgateToggle(Storm storm) {
        storm.fluxgateOpen = !storm.fluxgateOpen;
        if (storm.fluxgateOpen) {
            storm.fluxgate.forceOpen();
        } else {
            storm.fluxgate.reset();
        }
    }

    @Benchmark
    @Group("resilience4j")
    @GroupThreads(1)
    public Object resilience4jCall(Storm storm) {
        try {
            return storm.resilience4jCall.get();
        } catch (io.github.resilience4j.circuitbreaker.CallNotPermittedException e) {
            return e;
        }
    }

    @Benchmark
    @Group("resilience4j")
    @GroupThreads(1)
    public void resilience4jToggle(Storm storm) {
        storm.resilience4jOpen = !storm.resilience4jOpen;
        if (storm.resilience4jOpen) {
            storm.resilience4j.transitionToForcedOpenState();
        } else {
            storm.resilience4j.reset();
        }
    }

    @Benchmark
    @Group("failsafe")
    @GroupThreads(1)
    public Object failsafeCall(Storm storm) {
        try {
            return storm.failsafeExecutor.get(storm.failsafeCall);
        } catch (CircuitBreakerOpenException e) {
            return e;
        }
    }

    @Benchmark
    @Group("failsafe")
    @GroupThreads(1)
    public void failsafeToggle(Storm storm) {
        storm.failsafeOpen = !storm.failsafeOpen;
        if (storm.failsafeOpen) {
            storm.failsafe.open();
        } else {
            storm.failsafe.close();
        }
    }
}
