package io.fluxgate.benchmarks;

import io.fluxgate.CallOutcome;
import io.fluxgate.CircuitBreaker;
import io.fluxgate.kotlin.CircuitBreakers;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import kotlin.coroutines.Continuation;
import kotlin.coroutines.CoroutineContext;
import kotlin.coroutines.EmptyCoroutineContext;
import kotlin.jvm.functions.Function1;
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
 * fluxgate-kotlin's {@code suspend fun CircuitBreaker.execute(block)} on the CLOSED success path, next to the
 * plain {@code breaker.call(callable)} on a breaker built alike (count window).
 *
 * <p>The suspend function is called the way compiled Kotlin calls it, with the caller's continuation as the last
 * argument, so no coroutine builder, dispatcher or thread hop is measured: the continuation is one preallocated
 * object with an empty context, the block a suspend lambda that returns without suspending (a Kotlin
 * {@code suspend () -> T} is a {@code Function1<Continuation, Object>}), built once in {@code @Setup}. Nothing in
 * this harness allocates per call, so {@code -prof gc}'s {@code gc.alloc.rate.norm} of {@code execute} is what the
 * extension itself allocates: the continuation of its state machine, which compiled Kotlin allocates on entry
 * because the outcome is recorded after {@code block()} returns, unless the JIT removes it. {@code baseline} runs
 * the block through the same harness without a breaker, {@code call} is the Java API with the same payload.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class SuspendCall {

    /** The caller's continuation; never resumed, as the block never suspends. */
    private static final Continuation<Object> CALLER = new Continuation<>() {
        @Override
        public CoroutineContext getContext() {
            return EmptyCoroutineContext.INSTANCE;
        }

        @Override
        public void resumeWith(Object result) {
            throw new IllegalStateException("the benchmark block suspended, which it never does: " + result);
        }
    };

    @Param({"none", "cpu100"})
    public String payload;

    private CircuitBreaker executeBreaker;
    private CircuitBreaker callBreaker;
    private Function1<Continuation<? super Object>, Object> block;
    private Callable<Object> callable;

    @Setup
    public void setUp() {
        Supplier<Object> work = Fixtures.payload(payload);
        block = continuation -> work.get();
        callable = work::get;
        executeBreaker = Fixtures.fluxgate("suspend", "count").build();
        callBreaker = Fixtures.fluxgate("call", "count").build();
        Object answer = execute();
        Fixtures.expect("Fluxgate execute", answer == Fixtures.RESULT, "execute answered " + answer);
        Fixtures.expect("Fluxgate execute", executeBreaker.statistics().count(CallOutcome.SUCCESS, false) == 1,
                "the call was not recorded as a success");
    }

    @TearDown(Level.Iteration)
    public void stillClosed() {
        Fixtures.expectState("Fluxgate execute", executeBreaker.state(), io.fluxgate.State.CLOSED);
        Fixtures.expectState("Fluxgate call", callBreaker.state(), io.fluxgate.State.CLOSED);
    }

    @Benchmark
    public Object baseline() {
        return block.invoke(CALLER);
    }

    @Benchmark
    public Object execute() {
        return CircuitBreakers.execute(executeBreaker, block, CALLER);
    }

    @Benchmark
    public Object call() throws Exception {
        return callBreaker.call(callable);
    }
}
