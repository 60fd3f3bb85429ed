package io.fluxgate.spring.actuate;

import io.fluxgate.CallOutcome;
import io.fluxgate.CallStatistics;
import io.fluxgate.CircuitBreaker;
import io.fluxgate.Ticker;
import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The per-second traffic of each breaker over the last {@value #SECONDS} seconds, for the dashboard's chart. It
 * never touches the call path: {@link #sample} reads each breaker's cumulative {@link CallStatistics} counters
 * when a dashboard polls, and puts what they grew by since the previous sample into the seconds in between, spread
 * evenly (a page polls about once a second, so most samples fill exactly one second). Nothing is kept or computed
 * while no page polls; a breaker's series starts at its first sample and is dropped when the breaker is no longer
 * sampled. Memory: four rings of {@value #SECONDS} longs per sampled breaker, about 4 KB.
 *
 * <p>A keyed family's key has a series only while a page shows it: the key a page selected is sampled with the
 * breakers, and its series is dropped {@value #KEY_IDLE_SECONDS} s after the last page stopped showing it; at
 * most {@value #MAX_KEYS} keys have one at once (the least recently shown goes first).
 *
 * <p>Thread-safe: pages polling at once sample one after the other, per breaker.
 */
final class TrafficHistory {

    /** How many seconds each series holds. */
    static final int SECONDS = 120;

    /** How long a key's series outlives the last page that showed it. */
    static final int KEY_IDLE_SECONDS = 10;

    /** How many keys may have a series at once. */
    static final int MAX_KEYS = 16;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final Ticker ticker;
    private final long origin;
    private final ConcurrentHashMap<String, Series> byName = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Series> byKey = new ConcurrentHashMap<>();

    TrafficHistory(Ticker ticker) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.origin = ticker.read();
    }

    /**
     * Samples the counters of these breakers now and forgets the breakers not among them.
     *
     * @param breakers every breaker to keep a series for
     */
    void sample(Collection<CircuitBreaker> breakers) {
        sample(breakers, null);
    }

    /**
     * Samples the counters of these breakers and of one key's breaker now, forgets the breakers not among them and
     * the keys no page showed for {@value #KEY_IDLE_SECONDS} s.
     *
     * @param breakers every breaker to keep a series for
     * @param key      the breaker of the key a page shows (named {@code family[key]}), or {@code null}
     */
    void sample(Collection<CircuitBreaker> breakers, @Nullable CircuitBreaker key) {
        long second = Math.floorDiv(ticker.read() - origin, NANOS_PER_SECOND);
        byKey.values().removeIf(series -> series.lastSecond() < second - KEY_IDLE_SECONDS);
        if (key != null) {
            long[] counts = counts(key.statistics());
            if (!byKey.containsKey(key.name()) && byKey.size() >= MAX_KEYS) {
                byKey.entrySet().stream().min((a, b) -> Long.compare(a.getValue().lastSecond(),
                        b.getValue().lastSecond())).ifPresent(oldest -> byKey.remove(oldest.getKey()));
            }
            byKey.computeIfAbsent(key.name(), name -> new Series(second, counts)).record(second, counts);
        }
        Set<String> sampled = new HashSet<>();
        for (CircuitBreaker breaker : breakers) {
            long[] counts = counts(breaker.statistics());
            sampled.add(breaker.name());
            byName.computeIfAbsent(breaker.name(), name -> new Series(second, counts)).record(second, counts);
        }
        byName.keySet().retainAll(sampled);
    }

    /**
     * One breaker's series as of the latest sample.
     *
     * @param name the breaker's name
     * @return its last {@value #SECONDS} seconds, oldest first, or {@code null} when it was never sampled
     */
    @Nullable TrafficDescriptor traffic(String name) {
        Series series = byName.get(name);
        return series == null ? null : series.snapshot();
    }

    /**
     * One key's series as of the latest sample.
     *
     * @param name the key's breaker's name, {@code family[key]}
     * @return its last {@value #SECONDS} seconds, oldest first, or {@code null} when no page showed it lately
     */
    @Nullable TrafficDescriptor keyTraffic(String name) {
        Series series = byKey.get(name);
        return series == null ? null : series.snapshot();
    }

    /** How many breakers have a series now. */
    int size() {
        return byName.size();
    }

    /** How many keys have a series now. */
    int keys() {
        return byKey.size();
    }

    /** Successes, failures, slow calls (successful or failed) and rejections since the breaker was built. */
    private static long[] counts(CallStatistics statistics) {
        long slowSuccesses = statistics.count(CallOutcome.SUCCESS, true);
        long slowFailures = statistics.count(CallOutcome.FAILURE, true);
        return new long[] { statistics.count(CallOutcome.SUCCESS, false) + slowSuccesses,
                statistics.count(CallOutcome.FAILURE, false) + slowFailures, slowSuccesses + slowFailures,
                statistics.count(CallOutcome.REJECTED, false) };
    }

    /** One breaker's rings, indexed by second modulo {@link #SECONDS}. */
    private static final class Series {

        private final long[][] buckets = new long[4][SECONDS];
        private final long[] last;
        private long lastSecond;

        Series(long second, long[] counts) {
            this.lastSecond = second;
            this.last = counts.clone();
        }

        synchronized void record(long second, long[] counts) {
            if (second < lastSecond) {
                return; // a sample that lost the race to a later one: the later one counted its calls
            }
            long gap = Math.min(second - lastSecond, SECONDS);
            for (long s = second - gap + 1; s <= second; s++) {
                for (long[] ring : buckets) {
                    ring[index(s)] = 0;
                }
            }
            for (int i = 0; i < buckets.length; i++) {
                long delta = Math.max(0, counts[i] - last[i]); // a breaker replaced under the same name restarts
                last[i] = counts[i];
                if (gap == 0) {
                    buckets[i][index(second)] += delta;
                } else {
                    for (long s = second - gap + 1; s <= second; s++) {
                        buckets[i][index(s)] += delta / gap + (s == second ? delta % gap : 0);
                    }
                }
            }
            lastSecond = second;
        }

        synchronized long lastSecond() {
            return lastSecond;
        }

        synchronized TrafficDescriptor snapshot() {
            long[][] ordered = new long[4][SECONDS];
            for (int i = 0; i < buckets.length; i++) {
                for (int age = 0; age < SECONDS; age++) {
                    ordered[i][SECONDS - 1 - age] = buckets[i][index(lastSecond - age)];
                }
            }
            return new TrafficDescriptor(ordered[0], ordered[1], ordered[2], ordered[3]);
        }

        private static int index(long second) {
            return (int) Math.floorMod(second, (long) SECONDS);
        }
    }
}
