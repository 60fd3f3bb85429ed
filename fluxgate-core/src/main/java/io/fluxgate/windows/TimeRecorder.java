package io.fluxgate.windows;

import static io.fluxgate.windows.Stripes.LONGS;

import io.fluxgate.Metric;
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
 * <p>A bucket's counters are striped over {@link Stripes}, like a {@link java.util.concurrent.atomic.LongAdder}:
 * one cell until two threads collide, then a cell per thread, so no counter is written by every call.
 *
 * <p>A read at second {@code n} adds the bucket of {@code n} to a cached sum of the older buckets it covers
 * ({@code n - seconds + 1} to {@code n - 1}), which is computed once per second. A write that changes an older
 * bucket after the cache may have been computed (a call that read the ticker just before the second turned,
 * a slot moving on) bumps {@code changes} afterwards, which invalidates the cache: a reader first advances
 * {@code latestRead}, then reads {@code changes}, then the buckets, so a write it missed sees the advanced
 * {@code latestRead} and bumps. That costs a few recomputations per second, when calls straddle its turn.
 * Expired buckets drop out of reads without new calls.
 *
 * <p>{@link #read} sums every cell of the current bucket. {@link #readAfterSuccess}, which the breaker calls after
 * a successful CLOSED call, adds the caller's own cell exactly and the other cells as a record through that
 * cell last summed them: again after {@link #LAG_NANOS} of ticker time or {@link #LAG_CALLS} calls. Summing every cell after every call would pull each other thread's freshly written cache line,
 * which on two cores made a striped bucket twice as slow as one shared bucket.
 */
final class TimeRecorder implements Window.Recorder {

    /** How late, in ticker time, the breaker's read after a success may see other threads' calls. */
    static final long LAG_NANOS = 1_000_000L;
    /** After how many calls through its cell the breaker's read after a success sums the other cells again. */
    static final int LAG_CALLS = 64;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long NO_READ = Long.MIN_VALUE / 2;
    private static final Settled NONE = new Settled(NO_READ, -1, 0, 0, 0, 0);

    // Cell layout: the counters and the cached sums of the other cells, all written by the cell's own threads.
    private static final int TOTAL = 8;
    private static final int FAILURES = 9;
    private static final int SLOW = 10;
    private static final int NANOS = 11;
    private static final int OTHERS_TOTAL = 12;
    private static final int OTHERS_FAILURES = 13;
    private static final int OTHERS_SLOW = 14;
    private static final int OTHERS_NANOS = 15;
    private static final int SUMMED_AT_NANOS = 16;
    /** The cell's own total when it last summed the others; 0 before the first sum (a summing cell counts >= 1). */
    private static final int SUMMED_AT_TOTAL = 17;
    private static final int CELL_LENGTH = SUMMED_AT_TOTAL + 1 + 8;
    /** The cell of a bucket that is not there: all zero, never written. */
    private static final long[] NO_CELL = new long[CELL_LENGTH];
    private static final long[][] NO_CELLS = {};

    private final int seconds;
    private final int initialStripes;
    private final AtomicReferenceArray<Bucket> buckets;
    private final AtomicLong latestRead = new AtomicLong(NO_READ);
    private final AtomicLong changes = new AtomicLong();
    private volatile Settled settled = NONE;

    TimeRecorder(int seconds) {
        this(seconds, 1);
    }

    /** With buckets of {@code stripes} cells from the start (a power of two), for tests. */
    TimeRecorder(int seconds, int stripes) {
        this.seconds = seconds;
        this.initialStripes = stripes;
        this.buckets = new AtomicReferenceArray<>(seconds);
    }

    @Override
    public void record(boolean failure, boolean slow, long durationNanos, long nowNanos) {
        record(Stripes.probe(), failure, slow, durationNanos, nowNanos);
    }

    /** Records through the cell that {@code probe} selects; tests use it to play several threads. */
    void record(int probe, boolean failure, boolean slow, long durationNanos, long nowNanos) {
        long second = Math.floorDiv(nowNanos, NANOS_PER_SECOND);
        Bucket bucket = bucketFor(second);
        if (bucket != null) {
            long[] cell = bucket.add(probe, failure, slow, Math.max(durationNanos, 0));
            changedIfSettled(second);
            sumOthersIfStale(bucket.stripes.cells(), cell, nowNanos);
        }
    }

    private Bucket bucketFor(long second) {
        int slot = slot(second);
        Bucket current = buckets.get(slot);
        Bucket fresh = null;
        while (current == null || current.second < second) {
            if (fresh == null) {
                fresh = new Bucket(second, initialStripes);
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

    @Override
    public Metric readAfterSuccess(long nowNanos, boolean withDurations) {
        return readAfterSuccess(Stripes.probe(), nowNanos, withDurations);
    }

    /**
     * {@link #readAfterSuccess(long, boolean)} for the thread that {@code probe} stands for: its own cell and
     * the cell's cached sums of the others, which {@link #record} keeps within the lag. Small, without loops
     * and with one {@code new Metric}, so that it inlines into the breaker's call path, where C2 then removes
     * the {@link Metric}.
     */
    Metric readAfterSuccess(int probe, long nowNanos, boolean withDurations) {
        long newest = Math.floorDiv(nowNanos, NANOS_PER_SECOND);
        Settled base = settled(newest);
        long[] own = ownCell(newest, probe);
        long ownFailures = (long) LONGS.getVolatile(own, FAILURES);
        long ownSlow = (long) LONGS.getVolatile(own, SLOW);
        long ownNanos = withDurations ? (long) LONGS.getVolatile(own, NANOS) : 0;
        long ownTotal = (long) LONGS.getVolatile(own, TOTAL);
        long othersTotal = (long) LONGS.getOpaque(own, OTHERS_TOTAL);
        long failures = Math.min(ownFailures, ownTotal)
                + Math.min((long) LONGS.getOpaque(own, OTHERS_FAILURES), othersTotal);
        long slow = Math.min(ownSlow, ownTotal) + Math.min((long) LONGS.getOpaque(own, OTHERS_SLOW), othersTotal);
        long nanos = withDurations ? saturatedAdd(ownNanos, (long) LONGS.getOpaque(own, OTHERS_NANOS)) : 0;
        return new Metric(base.total + ownTotal + othersTotal, base.failures + failures, base.slow + slow,
                withDurations ? Duration.ofNanos(saturatedAdd(base.nanos, nanos)) : Duration.ZERO);
    }

    /**
     * The calling thread's cell in the bucket of {@code second}; the only cell of a bucket with one (its sums
     * of others stay zero), {@link #NO_CELL} for a bucket that is not there.
     */
    private long[] ownCell(long second, int probe) {
        Bucket bucket = buckets.get(slot(second));
        if (bucket == null || bucket.second != second) {
            return NO_CELL;
        }
        long[][] cells = bucket.stripes.cells();
        return cells.length == 1 ? cells[0] : Stripes.cellOf(cells, probe);
    }

    /** Sums the cells other than {@code own} into its cache when the cached sums are older than the lag. */
    private static void sumOthersIfStale(long[][] cells, long[] own, long nowNanos) {
        if (cells.length == 1) {
            return;
        }
        long ownTotal = (long) LONGS.getVolatile(own, TOTAL);
        long summedAtTotal = (long) LONGS.getOpaque(own, SUMMED_AT_TOTAL);
        if (summedAtTotal == 0 || ownTotal - summedAtTotal >= LAG_CALLS
                || nowNanos - (long) LONGS.getOpaque(own, SUMMED_AT_NANOS) >= LAG_NANOS) {
            sumOthers(cells, own, ownTotal, nowNanos);
        }
    }

    /**
     * Its own loop rather than {@link Settled#plus}: this runs on the call path of every 64th call, where C2
     * did not remove the {@code Settled} that {@code plus} returns (1 B per call with two threads).
     */
    private static void sumOthers(long[][] cells, long[] own, long ownTotal, long nowNanos) {
        long totalCount = 0;
        long failureCount = 0;
        long slowCount = 0;
        long totalNanos = 0;
        for (long[] cell : cells) {
            if (cell != own) {
                long cellFailures = (long) LONGS.getVolatile(cell, FAILURES);
                long cellSlow = (long) LONGS.getVolatile(cell, SLOW);
                long cellNanos = (long) LONGS.getVolatile(cell, NANOS);
                long cellTotal = (long) LONGS.getVolatile(cell, TOTAL);
                totalCount += cellTotal;
                failureCount += Math.min(cellFailures, cellTotal);
                slowCount += Math.min(cellSlow, cellTotal);
                totalNanos = saturatedAdd(totalNanos, cellNanos);
            }
        }
        LONGS.setOpaque(own, OTHERS_TOTAL, totalCount);
        LONGS.setOpaque(own, OTHERS_FAILURES, failureCount);
        LONGS.setOpaque(own, OTHERS_SLOW, slowCount);
        LONGS.setOpaque(own, OTHERS_NANOS, totalNanos);
        LONGS.setOpaque(own, SUMMED_AT_NANOS, nowNanos);
        LONGS.setOpaque(own, SUMMED_AT_TOTAL, Math.max(ownTotal, 1));
    }

    /** An exact read that writes nothing. */
    private Metric sum(long nowNanos, boolean withDuration) {
        long newest = Math.floorDiv(nowNanos, NANOS_PER_SECOND);
        Bucket bucket = buckets.get(slot(newest));
        // Always one plus(), with no cells for a missing bucket, so that C2 can remove the sums it returns.
        long[][] cells = bucket != null && bucket.second == newest ? bucket.stripes.cells() : NO_CELLS;
        Settled sums = settled(newest).plus(cells, withDuration);
        return new Metric(sums.total, sums.failures, sums.slow,
                withDuration ? Duration.ofNanos(sums.nanos) : Duration.ZERO);
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
        Settled sums = new Settled(newest, version, 0, 0, 0, 0);
        for (int slot = 0; slot < seconds; slot++) {
            Bucket bucket = buckets.get(slot);
            if (bucket != null && bucket.second >= oldest && bucket.second < newest) {
                sums = sums.plus(bucket.stripes.cells(), true);
            }
        }
        return sums;
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

        /**
         * These sums plus the counters of {@code cells}. In each cell the failure and
         * slow counts are read before the total, which a record raises first, so they never exceed it.
         */
        Settled plus(long[][] cells, boolean withDurations) {
            long totalCount = total;
            long failureCount = failures;
            long slowCount = slow;
            long totalNanos = nanos;
            for (long[] cell : cells) {
                long cellFailures = (long) LONGS.getVolatile(cell, FAILURES);
                long cellSlow = (long) LONGS.getVolatile(cell, SLOW);
                long cellNanos = withDurations ? (long) LONGS.getVolatile(cell, NANOS) : 0;
                long cellTotal = (long) LONGS.getVolatile(cell, TOTAL);
                totalCount += cellTotal;
                failureCount += Math.min(cellFailures, cellTotal);
                slowCount += Math.min(cellSlow, cellTotal);
                totalNanos = saturatedAdd(totalNanos, cellNanos);
            }
            return new Settled(second, version, totalCount, failureCount, slowCount, totalNanos);
        }
    }

    private static final class Bucket {

        final long second;
        final Stripes stripes;

        Bucket(long second, int stripes) {
            this.second = second;
            this.stripes = new Stripes(stripes, CELL_LENGTH);
        }

        /**
         * Counts the call before its details, so a reader that sees a detail also sees its count.
         *
         * @return the cell the call was counted in
         */
        long[] add(int probe, boolean failure, boolean isSlow, long durationNanos) {
            long[][] cells = stripes.cells();
            while (true) {
                long[] cell = Stripes.cellOf(cells, probe);
                long total = (long) LONGS.getVolatile(cell, TOTAL);
                if (LONGS.compareAndSet(cell, TOTAL, total, total + 1)) {
                    if (failure) {
                        LONGS.getAndAdd(cell, FAILURES, 1L);
                    }
                    if (isSlow) {
                        LONGS.getAndAdd(cell, SLOW, 1L);
                    }
                    if (durationNanos != 0) {
                        LONGS.getAndAdd(cell, NANOS, durationNanos);
                    }
                    return cell;
                }
                long[][] grown = stripes.grow(cells);
                if (grown == cells) {
                    probe++;
                }
                cells = grown;
            }
        }
    }
}
