package io.fluxgate.spring.metrics;

import io.fluxgate.CallOutcome;
import io.fluxgate.CallStatistics;
import io.fluxgate.CircuitBreaker;
import io.fluxgate.KeyedCircuitBreaker;
import io.fluxgate.Metric;
import io.fluxgate.State;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToDoubleFunction;

/**
 * The meters of one keyed family in one meter registry: {@code fluxgate.calls} summed over the family,
 * {@code fluxgate.keys} (live keys per state) and, when the family is key-tagged, the {@code fluxgate.key.*} meters
 * of each live key, bound when the key is created and removed when it is dropped.
 *
 * <p><b>Invariant: the family's call counts never go backwards</b>, though keys are dropped with their statistics.
 * A family's count is what its live keys, its overflow breaker and its dropped keys counted; a dropped key's counts
 * move from the first part to the last under the same lock that a scrape holds while it adds the three up, so no
 * scrape sees them twice or not at all. Calls that finish on a dropped breaker after it was dropped are not counted.
 *
 * <p>Everything here runs at scrape time or when a key is created or dropped, never per call.
 */
final class FamilyMeters implements KeyedCircuitBreaker.KeyListener<Object> {

    private static final CallOutcome[] OUTCOMES = CallOutcome.values();

    private final MeterRegistry registry;
    private final KeyedCircuitBreaker<Object> family;
    private final boolean keyTagged;
    private final Tags name;
    // Not synchronized: a key is created on the thread of its first call, which may be virtual.
    private final ReentrantLock lock = new ReentrantLock();
    /** Under {@link #lock}. */
    private final Map<Object, CircuitBreaker> live = new HashMap<>();
    /** Under {@link #lock}: the counts and nanoseconds of dropped keys, by {@link #index}. */
    private final long[] retiredCounts = new long[OUTCOMES.length * 2];
    private final long[] retiredNanos = new long[OUTCOMES.length * 2];
    /** Under {@link #lock}: each key-tagged key's meters. */
    private final Map<Object, List<Meter>> keyMeters = new HashMap<>();

    FamilyMeters(MeterRegistry registry, KeyedCircuitBreaker<Object> family, boolean keyTagged) {
        this.registry = registry;
        this.family = family;
        this.keyTagged = keyTagged;
        this.name = Tags.of("name", family.name());
    }

    /** Registers the family's meters, then hears of its keys (told at once of the live ones). */
    void bind() {
        for (CallOutcome outcome : OUTCOMES) {
            for (boolean slow : slowValues(outcome)) {
                FunctionTimer.builder(FluxgateMetrics.CALLS, this, meters -> meters.count(outcome, slow),
                                meters -> meters.totalNanos(outcome, slow), TimeUnit.NANOSECONDS)
                        .tags(name).tags("outcome", FluxgateMetrics.tag(outcome), "slow", Boolean.toString(slow))
                        .description("Calls through the circuit breaker").register(registry);
            }
        }
        for (State state : State.values()) {
            Gauge.builder(FluxgateMetrics.KEYS, this, meters -> meters.keysIn(state)).tags(name)
                    .tag("state", FluxgateMetrics.tag(state))
                    .description("Keys of the keyed circuit breaker in this state").register(registry);
        }
        family.addKeyListener(this);
    }

    @Override
    public void created(Object key, CircuitBreaker breaker) {
        lock.lock();
        try {
            live.put(key, breaker);
            if (keyTagged) {
                keyMeters.put(key, bindKey(String.valueOf(key), breaker));
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void evicted(Object key, CircuitBreaker breaker) {
        lock.lock();
        try {
            if (live.remove(key) == null) {
                return;
            }
            CallStatistics statistics = breaker.statistics();
            for (CallOutcome outcome : OUTCOMES) {
                for (boolean slow : slowValues(outcome)) {
                    retiredCounts[index(outcome, slow)] += statistics.count(outcome, slow);
                    retiredNanos[index(outcome, slow)] += statistics.totalDuration(outcome, slow).toNanos();
                }
            }
            List<Meter> meters = keyMeters.remove(key);
            if (meters != null) {
                meters.forEach(registry::remove);
            }
        } finally {
            lock.unlock();
        }
    }

    private List<Meter> bindKey(String key, CircuitBreaker breaker) {
        Tags tags = name.and("key", key);
        List<Meter> meters = new ArrayList<>();
        CallStatistics statistics = breaker.statistics();
        for (CallOutcome outcome : OUTCOMES) {
            for (boolean slow : slowValues(outcome)) {
                meters.add(FunctionTimer.builder(FluxgateMetrics.KEY_CALLS, statistics,
                                s -> s.count(outcome, slow), s -> s.totalDuration(outcome, slow).toNanos(),
                                TimeUnit.NANOSECONDS)
                        .tags(tags).tags("outcome", FluxgateMetrics.tag(outcome), "slow", Boolean.toString(slow))
                        .description("Calls through one key's circuit breaker").register(registry));
            }
        }
        for (State state : State.values()) {
            meters.add(Gauge.builder(FluxgateMetrics.KEY_STATE, breaker, b -> b.state() == state ? 1 : 0)
                    .tags(tags).tag("state", FluxgateMetrics.tag(state))
                    .description("1 for the key's circuit breaker's current state, else 0").register(registry));
        }
        meters.add(rate(FluxgateMetrics.KEY_FAILURE_RATE, breaker, tags,
                metric -> metric.failureRate().orElse(Double.NaN), "Share of failures in the key's window"));
        meters.add(rate(FluxgateMetrics.KEY_SLOW_RATE, breaker, tags,
                metric -> metric.slowRate().orElse(Double.NaN), "Share of slow calls in the key's window"));
        return meters;
    }

    private Meter rate(String meter, CircuitBreaker breaker, Tags tags, ToDoubleFunction<Metric> rate,
            String description) {
        return Gauge.builder(meter, breaker, b -> rate.applyAsDouble(b.info().metric())).tags(tags)
                .description(description).register(registry);
    }

    private long count(CallOutcome outcome, boolean slow) {
        lock.lock();
        try {
            long count = retiredCounts[index(outcome, slow)] + family.overflow().statistics().count(outcome, slow);
            for (CircuitBreaker breaker : live.values()) {
                count += breaker.statistics().count(outcome, slow);
            }
            return count;
        } finally {
            lock.unlock();
        }
    }

    private double totalNanos(CallOutcome outcome, boolean slow) {
        lock.lock();
        try {
            long nanos = retiredNanos[index(outcome, slow)]
                    + family.overflow().statistics().totalDuration(outcome, slow).toNanos();
            for (CircuitBreaker breaker : live.values()) {
                nanos += breaker.statistics().totalDuration(outcome, slow).toNanos();
            }
            return nanos;
        } finally {
            lock.unlock();
        }
    }

    private double keysIn(State state) {
        lock.lock();
        try {
            int keys = 0;
            for (CircuitBreaker breaker : live.values()) {
                if (breaker.state() == state) {
                    keys++;
                }
            }
            return keys;
        } finally {
            lock.unlock();
        }
    }

    static List<Boolean> slowValues(CallOutcome outcome) {
        return outcome == CallOutcome.REJECTED ? List.of(false) : List.of(false, true);
    }

    private static int index(CallOutcome outcome, boolean slow) {
        return outcome.ordinal() * 2 + (slow ? 1 : 0);
    }
}
