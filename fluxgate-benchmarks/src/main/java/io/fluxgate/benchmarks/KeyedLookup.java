package io.fluxgate.benchmarks;

import io.fluxgate.CircuitBreaker;
import io.fluxgate.KeyedCircuitBreaker;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A keyed breaker's hit path, {@code forKey(key).get(...)} for a {@code String} key that already has a breaker,
 * next to the same call on a plain breaker built from the same template (count window, payload {@code none}).
 * {@code *SixteenKeys} runs two threads that each cycle through the same 16 keys, so both threads hit every key's
 * breaker; its plain counterpart is two threads on one breaker. The key strings are the same instances on every
 * call, so their hash is cached, as for keys a caller keeps (a host name from a configured URI).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class KeyedLookup {

    static final int KEYS = 16;

    private final Supplier<Object> work = Fixtures.payload("none");
    private CircuitBreaker plain;
    private KeyedCircuitBreaker<String> keyed;
    private String key;
    private String[] keys;
    private CircuitBreaker keyBreaker;

    @Setup
    public void setUp() {
        plain = Fixtures.fluxgate("plain", "count").build();
        keyed = KeyedCircuitBreaker.builder(Fixtures.fluxgate("keyed", "count")).build();
        keys = new String[KEYS];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "host-" + i + ".example.com";
            keyed.forKey(keys[i]);
        }
        key = keys[0];
        keyBreaker = keyed.forKey(key);
    }

    @TearDown(Level.Iteration)
    public void everyKeyKept() {
        if (keyed.size() != KEYS) {
            throw new IllegalStateException("Keys were added or dropped during the run: " + keyed);
        }
        for (String each : keys) {
            Fixtures.expectState("Fluxgate " + each, keyed.get(each).orElseThrow().state(), io.fluxgate.State.CLOSED);
        }
    }

    /** Which key a thread uses next. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Benchmark
    public Object plain() {
        return plain.get(work);
    }

    @Benchmark
    public Object keyed() {
        return keyed.forKey(key).get(work);
    }

    /** The lookup alone: what {@link #keyed()} adds to {@link #keyBreakerHeld()}. */
    @Benchmark
    public Object keyedLookupOnly() {
        return keyed.forKey(key);
    }

    /** A key's breaker called without the lookup, held in a field like {@link #plain()}'s. */
    @Benchmark
    public Object keyBreakerHeld() {
        return keyBreaker.get(work);
    }

    @Benchmark
    @Threads(2)
    public Object plainTwoThreads() {
        return plain.get(work);
    }

    @Benchmark
    @Threads(2)
    public Object keyedSixteenKeys(Cursor cursor) {
        String next = keys[cursor.next++ & (KEYS - 1)];
        return keyed.forKey(next).get(work);
    }
}
