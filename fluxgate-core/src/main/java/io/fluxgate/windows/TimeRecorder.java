package io.fluxgate.windows;

import io.fluxgate.Metric;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Keeps one bucket per second of ticker time in a ring of {@code seconds} slots.
 *
 * <p>A slot holds the bucket of the latest second that mapped to it. A record for a newer second replaces the
 * bucket with a fresh one (one allocation per slot and second, never per call), so a bucket's counts always
 * belong to its {@code second}, however long the ticker jumped. A record for a second older than the slot's
 * bucket is dropped: a newer call already proved that second to be outside every window. A read sums the
 * buckets whose second lies in the window, so expired buckets drop out without new calls.
 */
final class TimeRecorder implements Window.Recorder {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final int seconds;
    private final AtomicReferenceArray<Bucket> buckets;

    TimeRecorder(int seconds) {
        this.seconds = seconds;
        this.buckets = new AtomicReferenceArray<>(seconds);
    }

    @Override
    public void record(boolean failure, boolean slow, long durationNanos, long nowNanos) {
        Bucket bucket = bucketFor(Math.floorDiv(nowNanos, NANOS_PER_SECOND));
        if (bucket != null) {
            bucket.add(failure, slow, Math.max(durationNanos, 0));
        }
    }

    private Bucket bucketFor(long second) {
        int slot = (int) Math.floorMod(second, (long) seconds);
        Bucket current = buckets.get(slot);
        Bucket fresh = null;
        while (current == null || current.second < second) {
            if (fresh == null) {
                fresh = new Bucket(second);
            }
            if (buckets.compareAndSet(slot, current, fresh)) {
                return fresh;
            }
            current = buckets.get(slot);
        }
        return current.second == second ? current : null;
    }

    @Override
    public Metric read(long nowNanos) {
        return sum(nowNanos, true);
    }

    @Override
    public Metric readCounts(long nowNanos) {
        return sum(nowNanos, false);
    }

    private Metric sum(long nowNanos, boolean withDuration) {
        long newest = Math.floorDiv(nowNanos, NANOS_PER_SECOND);
        long oldest = newest - seconds + 1;
        long totalCount = 0;
        long failureCount = 0;
        long slowCount = 0;
        long totalNanos = 0;
        for (int slot = 0; slot < seconds; slot++) {
            Bucket bucket = buckets.get(slot);
            if (bucket != null && bucket.second >= oldest && bucket.second <= newest) {
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
        return new Metric(totalCount, failureCount, slowCount,
                withDuration ? Duration.ofNanos(totalNanos) : Duration.ZERO);
    }

    @Override
    public void reset() {
        for (int slot = 0; slot < seconds; slot++) {
            buckets.set(slot, null);
        }
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
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
            NANOS.getAndAdd(this, durationNanos);
        }
    }
}
