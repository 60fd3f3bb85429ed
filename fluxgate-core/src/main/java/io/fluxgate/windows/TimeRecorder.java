package io.fluxgate.windows;

import io.fluxgate.Metric;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Keeps one bucket per second of ticker time in a ring of {@code seconds} slots; a read is O(1), plus
 * O({@code seconds}) about once per second.
 *
 * <p>A slot holds the bucket of the latest second that mapped to it. A record for a newer second replaces the
 * bucket with a fresh one (one allocation per slot and second, never per call), so a bucket's counts always
 * belong to its {@code second}, however long the ticker jumped. A record for a second older than the slot's
 * bucket is dropped: a newer call already proved that second to be outside every window.
 *
 * <p>A read at second {@code n} adds the bucket of {@code n} to a cached sum of the older buckets it covers
 * ({@code n - seconds + 1} to {@code n - 1}), which is computed once per second. A write that changes an older
 * bucket after the cache may have been computed (a call that read the ticker just before the second turned,
 * a slot moving on) bumps {@code changes} afterwards, which invalidates the cache: a reader first advances
 * {@code latestRead}, then reads {@code changes}, then the buckets, so a write it missed sees the advanced
 * {@code latestRead} and bumps. That costs a few recomputations per second, when calls straddle its turn.
 * Expired buckets drop out of reads without new calls.
 *
 * <p>The current second's counters are not striped, on purpose: the breaker reads the window after every call,
 * and an exact read must then sum every stripe, pulling each other thread's freshly written cache line. On
 * the 2-core benchmark machine a striped bucket made the 2-thread call about twice as slow as one shared
 * bucket. Striping pays only together with reads that may see other threads' newest calls a little late.
 */
final class TimeRecorder implements Window.Recorder {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long NO_READ = Long.MIN_VALUE / 2;
    private static final Settled NONE = new Settled(NO_READ, -1, 0, 0, 0, 0);

    private final int seconds;
    private final AtomicReferenceArray<Bucket> buckets;
    private final AtomicLong latestRead = new AtomicLong(NO_READ);
    private final AtomicLong changes = new AtomicLong();
    private volatile Settled settled = NONE;

    TimeRecorder(int seconds) {
        this.seconds = seconds;
        this.buckets = new AtomicReferenceArray<>(seconds);
    }

    @Override
    public void record(boolean failure, boolean slow, long durationNanos, long nowNanos) {
        long second = Math.floorDiv(nowNanos, NANOS_PER_SECOND);
        Bucket bucket = bucketFor(second);
        if (bucket != null) {
            bucket.add(failure, slow, Math.max(durationNanos, 0));
            changedIfSettled(second);
        }
    }

    private Bucket bucketFor(long second) {
        int slot = slot(second);
        Bucket current = buckets.get(slot);
        Bucket fresh = null;
        while (current == null || current.second < second) {
            if (fresh == null) {
                fresh = new Bucket(second);
            }
            if (buckets.compareAndSet(slot, current, fresh)) {
                if (current != null) {
                    changedIfSettled(current.second);
                }
                return fresh;
            }
            current = buckets.get(slot);
        }
        return current.second == second ? current : null;
    }

    /** Called after changing the bucket of {@code second}: invalidates a cache that may cover it. */
    private void changedIfSettled(long second) {
        if (second < latestRead.get()) {
            changes.incrementAndGet();
        }
    }

    @Override
    public Metric read(long nowNanos) {
        return sum(nowNanos, true);
    }

    @Override
    public Metric readCounts(long nowNanos) {
        return sum(nowNanos, false);
    }

    /**
     * Kept small so that it inlines into the breaker's call path, where the {@link Metric} is then never
     * allocated. The failure and slow counts are read before the total, which a record raises first, so they
     * never exceed it.
     */
    private Metric sum(long nowNanos, boolean withDuration) {
        long newest = Math.floorDiv(nowNanos, NANOS_PER_SECOND);
        Settled base = settled(newest);
        long totalCount = base.total;
        long failureCount = base.failures;
        long slowCount = base.slow;
        long totalNanos = base.nanos;
        Bucket bucket = buckets.get(slot(newest));
        if (bucket != null && bucket.second == newest) {
            long bucketFailures = (long) Bucket.FAILURES.getVolatile(bucket);
            long bucketSlow = (long) Bucket.SLOW.getVolatile(bucket);
            long bucketNanos = withDuration ? (long) Bucket.NANOS.getVolatile(bucket) : 0;
            long bucketTotal = (long) Bucket.TOTAL.getVolatile(bucket);
            totalCount += bucketTotal;
            failureCount += Math.min(bucketFailures, bucketTotal);
            slowCount += Math.min(bucketSlow, bucketTotal);
            totalNanos = saturatedAdd(totalNanos, bucketNanos);
        }
        return new Metric(totalCount, failureCount, slowCount,
                withDuration ? Duration.ofNanos(totalNanos) : Duration.ZERO);
    }

    /** The sums of the settled buckets for a read at {@code newest}: cached, recomputed once per second. */
    private Settled settled(long newest) {
        if (seconds == 1) {
            return NONE;
        }
        Settled cached = settled;
        return cached.second == newest && cached.version == changes.get() ? cached : resettle(newest);
    }

    private Settled resettle(long newest) {
        long latest = latestRead.get();
        while (latest < newest && !latestRead.compareAndSet(latest, newest)) {
            latest = latestRead.get();
        }
        Settled fresh = computeSettled(newest, changes.get());
        if (newest >= latest) {
            settled = fresh;
        }
        return fresh;
    }

    private Settled computeSettled(long newest, long version) {
        long oldest = newest - seconds + 1;
        long totalCount = 0;
        long failureCount = 0;
        long slowCount = 0;
        long totalNanos = 0;
        for (int slot = 0; slot < seconds; slot++) {
            Bucket bucket = buckets.get(slot);
            if (bucket != null && bucket.second >= oldest && bucket.second < newest) {
                long bucketFailures = (long) Bucket.FAILURES.getVolatile(bucket);
                long bucketSlow = (long) Bucket.SLOW.getVolatile(bucket);
                long bucketNanos = (long) Bucket.NANOS.getVolatile(bucket);
                long bucketTotal = (long) Bucket.TOTAL.getVolatile(bucket);
                totalCount += bucketTotal;
                failureCount += Math.min(bucketFailures, bucketTotal);
                slowCount += Math.min(bucketSlow, bucketTotal);
                totalNanos = saturatedAdd(totalNanos, bucketNanos);
            }
        }
        return new Settled(newest, version, totalCount, failureCount, slowCount, totalNanos);
    }

    @Override
    public void reset() {
        for (int slot = 0; slot < seconds; slot++) {
            buckets.set(slot, null);
        }
        changes.incrementAndGet();
        settled = NONE;
    }

    private int slot(long second) {
        return (int) Math.floorMod(second, (long) seconds);
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /** Sums of the settled buckets for reads at {@code second}, valid while {@code changes == version}. */
    private record Settled(long second, long version, long total, long failures, long slow, long nanos) {
    }

    private static final class Bucket {

        static final VarHandle TOTAL;
        static final VarHandle FAILURES;
        static final VarHandle SLOW;
        static final VarHandle NANOS;

        static {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                TOTAL = lookup.findVarHandle(Bucket.class, "total", long.class);
                FAILURES = lookup.findVarHandle(Bucket.class, "failures", long.class);
                SLOW = lookup.findVarHandle(Bucket.class, "slow", long.class);
                NANOS = lookup.findVarHandle(Bucket.class, "nanos", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final long second;
        private long total;
        private long failures;
        private long slow;
        private long nanos;

        Bucket(long second) {
            this.second = second;
        }

        /** Counts the call before its details, so a reader that sees a detail also sees its count. */
        void add(boolean failure, boolean isSlow, long durationNanos) {
            TOTAL.getAndAdd(this, 1L);
            if (failure) {
                FAILURES.getAndAdd(this, 1L);
            }
            if (isSlow) {
                SLOW.getAndAdd(this, 1L);
            }
            if (durationNanos != 0) {
                NANOS.getAndAdd(this, durationNanos);
            }
        }
    }
}
