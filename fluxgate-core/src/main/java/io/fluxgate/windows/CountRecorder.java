package io.fluxgate.windows;

import static io.fluxgate.windows.Stripes.LONGS;

import io.fluxgate.Metric;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Keeps the last {@code size} outcomes in a ring of encoded slots, with running aggregates striped over
 * {@link Stripes}.
 *
 * <p>Slots are handed out in ring order by one shared {@code cursor}, but not one call at a time: the ring is
 * cut into blocks of {@code block} consecutive slots (the last one may be shorter), and once the ring has been
 * filled a stripe takes a whole block at once and gives its slots to its calls one by one, so the cursor is
 * written once per block and no memory location is written by every call. Until the ring has been filled,
 * every call takes its own slot from the cursor, so no call is evicted while fewer than {@code size} were
 * recorded. A stripe holds only its position in its block (one compare-and-set per call) and its share of
 * the aggregates.
 *
 * <p>In memory each block is followed by a gap of {@link #GAP} unused elements, so two blocks never share a
 * cache line: threads take neighbouring blocks one after the other, and without the gap they would write the
 * line at the border of their blocks at the same time (on two cores this doubled the cost of a call in about
 * half of the JVM runs, depending on where the ring happened to be placed).
 *
 * <p>A record swaps its outcome into its slot and adds the difference between the new and the evicted
 * outcome to its stripe's aggregates. Because every swap contributes exactly {@code new - evicted}, the
 * aggregates summed over the stripes equal the sum over the slots whenever no record is in flight (a
 * stripe's own share may be negative: it evicts other stripes' outcomes). In flight they are updated one
 * after the other, so a read clamps them into a consistent {@link Metric}. A call that changes no count (a
 * success evicting a success) writes no count, so the counts stay in the readers' caches.
 */
final class CountRecorder implements Window.Recorder {

    private static final long RECORDED = 1;
    private static final long FAILURE = 1 << 1;
    private static final long SLOW = 1 << 2;
    private static final int FLAG_BITS = 3;
    private static final long MAX_DURATION_NANOS = Long.MAX_VALUE >>> FLAG_BITS;
    private static final int MAX_BLOCK = 16;

    // Cell layout: the block position, the counts and the durations on three different cache lines.
    private static final int POSITION = 8;
    private static final int TOTAL = 16;
    private static final int FAILURES = 17;
    private static final int SLOWS = 18;
    private static final int NANOS = 26;
    private static final int CELL_LENGTH = NANOS + 8;
    // The ring and the shared position are padded too: the fields every call reads must not share a cache
    // line with the first or last slots, or with the position that each new block writes.
    private static final int PAD = 8;
    private static final int CURSOR = PAD;
    /** Unused elements after each block: the next block's first slot is 64 bytes past this block's last. */
    private static final int GAP = 7;

    private final int size;
    private final int block;
    private final int blocks;
    private final AtomicLongArray slots;
    private final long[] cursor = new long[CURSOR + PAD];
    private final Stripes stripes;
    /**
     * The last metric read without durations, reused while the counts stay the same (a success evicting a
     * success), so that the breaker's call path allocates nothing even where C2 cannot remove the
     * {@link Metric} (deep call stacks, as under Spring AOP). A plain field: the record is immutable.
     */
    private Metric lastCounts = Metric.EMPTY;

    CountRecorder(int size) {
        this(size, 1);
    }

    /** With {@code stripes} cells from the start (a power of two), for tests. */
    CountRecorder(int size, int stripes) {
        this.size = size;
        this.block = blockFor(size);
        this.blocks = (size + block - 1) / block;
        this.slots = new AtomicLongArray(PAD + blocks * (block + GAP) + PAD);
        this.stripes = new Stripes(stripes, CELL_LENGTH);
    }

    /** Slots a stripe takes at once: up to 16, and no more than an eighth of the window. */
    static int blockFor(int size) {
        return Math.max(1, Math.min(MAX_BLOCK, size / 8));
    }

    @Override
    public void record(boolean failure, boolean slow, long durationNanos, long nowNanos) {
        record(Stripes.probe(), failure, slow, durationNanos);
    }

    /** Records through the stripe that {@code probe} selects; tests use it to play several threads. */
    void record(int probe, boolean failure, boolean slow, long durationNanos) {
        long entry = encode(failure, slow, durationNanos);
        long[][] cells = stripes.cells();
        while (true) {
            long[] cell = Stripes.cellOf(cells, probe);
            int slot = take(cell);
            if (slot >= 0) {
                apply(cell, entry, slots.getAndSet(slot, entry));
                return;
            }
            long[][] grown = stripes.grow(cells);
            if (grown == cells) {
                probe++;
            }
            cells = grown;
        }
    }

    /**
     * The index in {@link #slots} of the next slot of the stripe's block, or of a new block; {@code -1} when
     * another thread changed the stripe's position first (contention).
     */
    private int take(long[] cell) {
        long position = (long) LONGS.getVolatile(cell, POSITION);
        int remaining = (int) position;
        if (remaining == 0) {
            return takeBlock(cell, position);
        }
        int index = (int) (position >>> 32);
        return LONGS.compareAndSet(cell, POSITION, position, position(index + 1, remaining - 1)) ? index : -1;
    }

    /** The cursor counts the slots of the first round, then whole blocks. */
    private int takeBlock(long[] cell, long position) {
        long taken = (long) LONGS.getAndAdd(cursor, CURSOR, 1L);
        if (taken < size) {
            return index((int) taken);
        }
        int first = (int) ((taken - size) % blocks) * block;
        int length = Math.min(block, size - first);
        // If another thread gave the stripe a block meanwhile, this block's other slots stay unused: they keep
        // their outcomes until the cursor comes round again.
        LONGS.compareAndSet(cell, POSITION, position, position(index(first) + 1, length - 1));
        return index(first);
    }

    /** Where slot {@code slot} of the ring lives in {@link #slots}. */
    int index(int slot) {
        return PAD + slot / block * (block + GAP) + slot % block;
    }

    private static long position(int index, int remaining) {
        return (long) index << 32 | remaining;
    }

    @Override
    public Metric read(long nowNanos) {
        return metric(true);
    }

    @Override
    public Metric readCounts(long nowNanos) {
        return metric(false);
    }

    /** Always exact; overridden so that the breaker's call path reaches the reuse of {@link #lastCounts}. */
    @Override
    public Metric readAfterSuccess(long nowNanos, boolean withDurations) {
        return metric(withDurations);
    }

    private Metric metric(boolean withDurations) {
        long nanos = 0;
        if (withDurations) {
            for (long[] cell : stripes.cells()) {
                nanos += (long) LONGS.getVolatile(cell, NANOS);
            }
        }
        long totalCount = 0;
        long failureCount = 0;
        long slowCount = 0;
        for (long[] cell : stripes.cells()) {
            failureCount += (long) LONGS.getVolatile(cell, FAILURES);
            slowCount += (long) LONGS.getVolatile(cell, SLOWS);
            totalCount += (long) LONGS.getVolatile(cell, TOTAL);
        }
        totalCount = Math.min(Math.max(totalCount, 0), size);
        failureCount = Math.min(Math.max(failureCount, 0), totalCount);
        slowCount = Math.min(Math.max(slowCount, 0), totalCount);
        if (withDurations) {
            return new Metric(totalCount, failureCount, slowCount, Duration.ofNanos(Math.max(nanos, 0)));
        }
        Metric last = lastCounts;
        if (last.totalCount() == totalCount && last.failureCount() == failureCount && last.slowCount() == slowCount) {
            return last;
        }
        Metric counts = new Metric(totalCount, failureCount, slowCount, Duration.ZERO);
        lastCounts = counts;
        return counts;
    }

    @Override
    public void reset() {
        long[] cell = stripes.cells()[0];
        for (int slot = 0; slot < size; slot++) {
            long evicted = slots.getAndSet(index(slot), 0);
            if (evicted != 0) {
                apply(cell, 0, evicted);
            }
        }
    }

    private static void apply(long[] cell, long added, long evicted) {
        long totalDelta = (added & RECORDED) - (evicted & RECORDED);
        if (totalDelta > 0) {
            LONGS.getAndAdd(cell, TOTAL, totalDelta);
        }
        addIfNonZero(cell, FAILURES, flag(added, FAILURE) - flag(evicted, FAILURE));
        addIfNonZero(cell, SLOWS, flag(added, SLOW) - flag(evicted, SLOW));
        addIfNonZero(cell, NANOS, (added >>> FLAG_BITS) - (evicted >>> FLAG_BITS));
        if (totalDelta < 0) {
            LONGS.getAndAdd(cell, TOTAL, totalDelta);
        }
    }

    private static void addIfNonZero(long[] cell, int index, long delta) {
        if (delta != 0) {
            LONGS.getAndAdd(cell, index, delta);
        }
    }

    private static long flag(long entry, long flag) {
        return (entry & flag) == 0 ? 0 : 1;
    }

    private static long encode(boolean failure, boolean slow, long durationNanos) {
        long duration = Math.min(Math.max(durationNanos, 0), MAX_DURATION_NANOS);
        return duration << FLAG_BITS | (slow ? SLOW : 0) | (failure ? FAILURE : 0) | RECORDED;
    }
}
