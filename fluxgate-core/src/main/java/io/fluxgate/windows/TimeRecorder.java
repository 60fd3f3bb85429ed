package io.fluxgate.windows;

import static io.fluxgate.windows.Stripes.LONGS;

import io.fluxgate.Metric;
import io.fluxgate.State;
import io.fluxgate.internal.CountsTripper;
import io.fluxgate.internal.MetricCapture;
import io.fluxgate.internal.WindowReads;
import io.fluxgate.trippers.Tripper;
import java.lang.invoke.VarHandle;
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
 * <p><b>What a read guarantees.</b> A bucket only grows, and a record raises a cell's total before its failure
 * and slow counts. An exact read ({@link #read}, {@link #firesExact}) sums the failures of every cell of the
 * current bucket, then the slow calls, then the totals, so for an instant between those sums its failure and
 * slow counts are at most, and its total at least, what the current second held then. The older seconds come
 * from their cached sum, which likewise sums the failures and slow calls of all of them before any of their
 * totals, so it is exact as of one instant while it was taken (a write into an older second afterwards
 * invalidates it), which may be an earlier instant: so a read's failures are at most what the current second
 * held at one instant of the read plus what the older seconds held at one earlier instant, never a failure
 * that neither held (no mix of two cached sums, no failure counted before its call).
 *
 * <p>{@link #firesLagging} adds the caller's own cell to the cell's cached sums of the others, which a record
 * through that cell takes again after {@link #LAG_NANOS} of ticker time or {@link #LAG_CALLS} calls. Summing
 * every cell after every call would pull each other thread's freshly written cache line, which on two cores
 * made a striped bucket twice as slow as one shared bucket. The cached sums are written under a sequence
 * number, so a read never mixes two of them (the torn read of issue 20); while a record is rewriting them the
 * read sums every cell instead. A lagging read may miss other threads' newest calls, so it can read a rate
 * the window never had: the breaker uses it only to rule a trip out, and decides a trip on an exact read.
 */
final class TimeRecorder implements Window.Recorder, WindowReads {

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
    /** Odd while a record rewrites the sums of the others, raised by 2 per rewrite; 0 before the first. */
    private static final int OTHERS_SEQUENCE = 18;
    private static final int CELL_LENGTH = OTHERS_SEQUENCE + 1 + 8;
    /** The cell of a bucket that is not there: all zero, never written. */
    private static final long[] NO_CELL = new long[CELL_LENGTH];
    private static final long[][] NO_CELLS = {};

    private final int seconds;
    private final int initialStripes;
    private final AtomicReferenceArray<Bucket> buckets;
    private final AtomicLong latestRead = new AtomicLong(NO_READ);
    private final AtomicLong changes = new AtomicLong();
    private volatile Settled settled = NONE;
    /** Runs once, in the middle of a rewrite of the sums of the others, for tests; null otherwise. */
    private Runnable midRewrite;
    /** Runs once, after the first older bucket of a settled sum was read, for tests; null otherwise. */
    private Runnable midSettle;
    /** Runs once, inside the next record, between its read of the cell's total and the compare-and-set. */
    private Runnable beforeCount;

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

    /** Always {@code true}: a time window's counts change as its buckets age, without any record. */
    @Override
    public boolean recordChangingCounts(boolean failure, boolean slow, long durationNanos, long nowNanos) {
        record(Stripes.probe(), failure, slow, durationNanos, nowNanos);
        return true;
    }

    /** Records through the cell that {@code probe} selects; tests use it to play several threads. */
    void record(int probe, boolean failure, boolean slow, long durationNanos, long nowNanos) {
        long second = Math.floorDiv(nowNanos, NANOS_PER_SECOND);
        Bucket bucket = bucketFor(second);
        if (bucket != null) {
            Runnable hook = beforeCount;
            if (hook != null) {
                beforeCount = null;
            }
            long[] cell = bucket.add(probe, failure, slow, Math.max(durationNanos, 0), hook);
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

    /** For tests: runs {@code hook} once, inside the next rewrite of a cell's sums of the others, halfway. */
    void inNextRewriteOfTheOthers(Runnable hook) {
        midRewrite = hook;
    }

    /** For tests: runs {@code hook} once, inside the next record, just before it counts the call in its cell. */
    void beforeNextCount(Runnable hook) {
        beforeCount = hook;
    }

    /** For tests: the calls counted in each cell of the bucket of {@code second}. */
    long[] cellTotals(long second) {
        long[][] cells = cellsOf(second);
        long[] totals = new long[cells.length];
        for (int i = 0; i < cells.length; i++) {
            totals[i] = (long) LONGS.getVolatile(cells[i], TOTAL);
        }
        return totals;
    }

    /** For tests: runs {@code hook} once, inside the next computation of the settled sums, after one bucket. */
    void inNextSettle(Runnable hook) {
        midSettle = hook;
    }

    @Override
    public Metric read(long nowNanos) {
        MetricCapture capture = new MetricCapture();
        firesExact(nowNanos, true, capture, State.CLOSED, 0);
        return capture.metric();
    }

    /** An exact read that writes nothing (class Javadoc). */
    @Override
    public boolean firesExact(long nowNanos, boolean withDurations, Tripper tripper, State state,
            int consecutiveFailures) {
        long newest = Math.floorDiv(nowNanos, NANOS_PER_SECOND);
        Settled base = settled(newest);
        long[][] cells = cellsOf(newest);
        long failures = sum(cells, null, FAILURES);
        long slow = sum(cells, null, SLOW);
        long nanos = withDurations ? sumNanos(cells, null) : 0;
        return fires(base, sum(cells, null, TOTAL), failures, slow, nanos, withDurations, tripper, state,
                consecutiveFailures);
    }

    @Override
    public boolean firesLagging(long nowNanos, boolean withDurations, Tripper tripper, State state,
            int consecutiveFailures) {
        return firesLagging(Stripes.probe(), nowNanos, withDurations, tripper, state, consecutiveFailures);
    }

    /**
     * {@link #firesLagging(long, boolean, Tripper, State, int)} for the thread that {@code probe} stands for:
     * its own cell and the cell's cached sums of the others, which {@link #record} keeps within the lag; every
     * cell while the sums are being rewritten or were never taken.
     */
    boolean firesLagging(int probe, long nowNanos, boolean withDurations, Tripper tripper, State state,
            int consecutiveFailures) {
        long newest = Math.floorDiv(nowNanos, NANOS_PER_SECOND);
        Settled base = settled(newest);
        long[][] cells = cellsOf(newest);
        long[] own = cells.length > 1 ? Stripes.cellOf(cells, probe) : NO_CELL;
        long sequence = (long) LONGS.getAcquire(own, OTHERS_SEQUENCE);
        boolean cached = sequence != 0 && (sequence & 1) == 0;
        long failures = lagged(cells, own, FAILURES, OTHERS_FAILURES, cached);
        long slow = lagged(cells, own, SLOW, OTHERS_SLOW, cached);
        long nanos = withDurations ? lagged(cells, own, NANOS, OTHERS_NANOS, cached) : 0;
        long total = lagged(cells, own, TOTAL, OTHERS_TOTAL, cached);
        VarHandle.acquireFence();
        if (cached && sequence != (long) LONGS.getOpaque(own, OTHERS_SEQUENCE)) {
            failures = sum(cells, null, FAILURES);
            slow = sum(cells, null, SLOW);
            nanos = withDurations ? sumNanos(cells, null) : 0;
            total = sum(cells, null, TOTAL);
        }
        return fires(base, total, failures, slow, nanos, withDurations, tripper, state,
                consecutiveFailures);
    }

    /** A counter of the own cell plus its cached sum of the others', or summed over every cell. */
    private static long lagged(long[][] cells, long[] own, int index, int others, boolean cached) {
        return cached ? saturatedAdd((long) LONGS.getOpaque(own, others), (long) LONGS.getVolatile(own, index))
                : index == NANOS ? sumNanos(cells, null) : sum(cells, null, index);
    }

    private static boolean fires(Settled base, long total, long failures, long slow, long nanos,
            boolean withDurations, Tripper tripper, State state, int consecutiveFailures) {
        return CountsTripper.test(tripper, base.total + total, base.failures + Math.min(failures, total),
                base.slow + Math.min(slow, total), withDurations ? saturatedAdd(base.nanos, nanos) : 0, state,
                consecutiveFailures);
    }

    /** The cells of the bucket of {@code second}; none for a bucket that is not there. */
    private long[][] cellsOf(long second) {
        Bucket bucket = buckets.get(slot(second));
        return bucket != null && bucket.second == second ? bucket.stripes.cells() : NO_CELLS;
    }

    /** One counter summed over the cells but {@code except}; a read sums failures and slow calls before totals. */
    private static long sum(long[][] cells, long[] except, int index) {
        long sum = 0;
        for (long[] cell : cells) {
            sum += cell == except ? 0 : (long) LONGS.getVolatile(cell, index);
        }
        return sum;
    }

    private static long sumNanos(long[][] cells, long[] except) {
        long sum = 0;
        for (long[] cell : cells) {
            sum = saturatedAdd(sum, cell == except ? 0 : (long) LONGS.getVolatile(cell, NANOS));
        }
        return sum;
    }

    /** Sums the cells other than {@code own} into its cache when the cached sums are older than the lag. */
    private void sumOthersIfStale(long[][] cells, long[] own, long nowNanos) {
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
     * Rewrites the cell's sums of the others under its sequence number: odd while writing, so a reader never
     * takes half of one sum and half of another. A record that finds another rewriting them leaves it to it.
     * Summed counter by counter (failures and slow calls before totals) without other cells' reads in
     * between, so that no object is built on the call path.
     */
    private void sumOthers(long[][] cells, long[] own, long ownTotal, long nowNanos) {
        long sequence = (long) LONGS.getVolatile(own, OTHERS_SEQUENCE);
        if ((sequence & 1) != 0 || !LONGS.compareAndSet(own, OTHERS_SEQUENCE, sequence, sequence + 1)) {
            return;
        }
        VarHandle.releaseFence();
        long failureCount = sum(cells, own, FAILURES);
        long slowCount = sum(cells, own, SLOW);
        long totalNanos = sumNanos(cells, own);
        long totalCount = sum(cells, own, TOTAL);
        LONGS.setOpaque(own, OTHERS_TOTAL, totalCount);
        Runnable hook = midRewrite;
        if (hook != null) {
            midRewrite = null;
            hook.run();
        }
        LONGS.setOpaque(own, OTHERS_FAILURES, Math.min(failureCount, totalCount));
        LONGS.setOpaque(own, OTHERS_SLOW, Math.min(slowCount, totalCount));
        LONGS.setOpaque(own, OTHERS_NANOS, totalNanos);
        LONGS.setOpaque(own, SUMMED_AT_NANOS, nowNanos);
        LONGS.setOpaque(own, SUMMED_AT_TOTAL, Math.max(ownTotal, 1));
        LONGS.setRelease(own, OTHERS_SEQUENCE, sequence + 2);
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

    /**
     * Sums the failures and slow calls of every covered bucket before any of their totals, so that the sums are
     * what the older seconds held at one instant, as a bucket's own sum is (class Javadoc). A bucket that a newer
     * second replaces between the two passes still counts: both passes read the same buckets.
     */
    private Settled computeSettled(long newest, long version) {
        long oldest = newest - seconds + 1;
        Bucket[] covered = new Bucket[seconds];
        int count = 0;
        long failures = 0;
        long slow = 0;
        for (int slot = 0; slot < seconds; slot++) {
            Bucket bucket = buckets.get(slot);
            if (bucket != null && bucket.second >= oldest && bucket.second < newest) {
                long[][] cells = bucket.stripes.cells();
                failures += sum(cells, null, FAILURES);
                slow += sum(cells, null, SLOW);
                covered[count++] = bucket;
                Runnable hook = midSettle;
                if (hook != null) {
                    midSettle = null;
                    hook.run();
                }
            }
        }
        long nanos = 0;
        long total = 0;
        for (int i = 0; i < count; i++) {
            long[][] cells = covered[i].stripes.cells();
            nanos = saturatedAdd(nanos, sumNanos(cells, null));
            total += sum(cells, null, TOTAL);
        }
        return new Settled(newest, version, total, Math.min(failures, total), Math.min(slow, total), nanos);
    }

    /** The newest buckets that fit into a time window of another length, each summed into one cell. */
    @Override
    public Window.Recorder migrated(Window target, long nowNanos) {
        if (!(target instanceof TimeWindow window)) {
            return null;
        }
        long newest = Math.floorDiv(nowNanos, NANOS_PER_SECOND);
        long oldest = newest - Math.min(seconds, window.seconds()) + 1;
        TimeRecorder copy = new TimeRecorder(window.seconds());
        for (int slot = 0; slot < seconds; slot++) {
            Bucket bucket = buckets.get(slot);
            if (bucket != null && bucket.second >= oldest && bucket.second <= newest) {
                long[][] cells = bucket.stripes.cells();
                Bucket summed = new Bucket(bucket.second, 1);
                long[] cell = summed.stripes.cells()[0];
                long failures = sum(cells, null, FAILURES);
                long slow = sum(cells, null, SLOW);
                cell[NANOS] = sumNanos(cells, null);
                long total = sum(cells, null, TOTAL);
                cell[TOTAL] = total;
                cell[FAILURES] = Math.min(failures, total);
                cell[SLOW] = Math.min(slow, total);
                copy.buckets.set(copy.slot(bucket.second), summed);
            }
        }
        return copy;
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

        final long second;
        final Stripes stripes;

        Bucket(long second, int stripes) {
            this.second = second;
            this.stripes = new Stripes(stripes, CELL_LENGTH);
        }

        /**
         * Counts the call before its details, so a reader that sees a detail also sees its count. The call is
         * counted in the cell of {@code probe}, also when the cells can grow no more and the compare-and-set
         * keeps failing: {@link #firesLagging} reads the thread's own cell now and the others as summed a little
         * earlier, and a call counted in another thread's cell could show there without the calls before it.
         *
         * @param beforeCount run before the first compare-and-set, for tests; null otherwise
         * @return the cell the call was counted in
         */
        long[] add(int probe, boolean failure, boolean isSlow, long durationNanos, Runnable beforeCount) {
            long[][] cells = stripes.cells();
            while (true) {
                long[] cell = Stripes.cellOf(cells, probe);
                long total = (long) LONGS.getVolatile(cell, TOTAL);
                if (beforeCount != null) {
                    beforeCount.run();
                    beforeCount = null;
                }
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
                cells = stripes.grow(cells);
            }
        }
    }
}
