package io.fluxgate.windows;

import static io.fluxgate.windows.Stripes.LONGS;

import io.fluxgate.Metric;
import io.fluxgate.State;
import io.fluxgate.internal.CountsTripper;
import io.fluxgate.internal.MetricCapture;
import io.fluxgate.internal.WindowReads;
import io.fluxgate.trippers.Tripper;
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
 * <p><b>What a read guarantees.</b> A record replaces the outcome in its slot with a compare-and-set, and
 * counts the difference in its stripe's counters, which only ever grow: the calls, failures, slow calls and
 * nanoseconds added, and those removed. It counts before the compare-and-set what makes the window look
 * better (a failure, slow call or duration removed, a call added) and after it what makes it look worse (a
 * failure, slow call or duration added, a call removed). So at every instant the counters, summed over the
 * stripes, hold no more failures, slow calls or nanoseconds, and no fewer calls, than the ring does. A read
 * sums the "worse" counters of every stripe first and the "better" ones after, so for the instant between the
 * two sums:
 * <ul>
 *   <li>its {@code failureCount}, {@code slowCount} and total duration are at most what the ring held then,
 *       and its {@code totalCount} at least what it held then (and at most {@code size});</li>
 *   <li>so its failure rate, slow rate and average duration are never higher than the ring's at that
 *       instant: the window never reads a rate it never had, however records and reads interleave. A rate
 *       read while records are in flight may be lower, by the records still in flight.</li>
 * </ul>
 * Without records in flight a read is exact. A call that changes no count (a success evicting a success)
 * writes no counter, so the counters stay in the readers' caches; one whose entry is the evicted one's (an
 * untimed success evicting an untimed success) does not write its slot either, so two threads taking turns on
 * the ring's blocks do not pull each other's slot lines.
 */
final class CountRecorder implements Window.Recorder, WindowReads {

    private static final long RECORDED = 1;
    private static final long FAILURE = 1 << 1;
    private static final long SLOW = 1 << 2;
    private static final int FLAG_BITS = 3;
    private static final long FLAGS = RECORDED | FAILURE | SLOW;
    private static final long MAX_DURATION_NANOS = Long.MAX_VALUE >>> FLAG_BITS;
    private static final int MAX_BLOCK = 16;

    // Cell layout: the block position, the counts and the durations on three different cache lines. Each count
    // is kept as what was added and what was removed, both only growing (wrapping harmlessly: reads subtract).
    private static final int POSITION = 8;
    private static final int TOTAL_ADDED = 16;
    private static final int TOTAL_REMOVED = 17;
    private static final int FAILURES_ADDED = 18;
    private static final int FAILURES_REMOVED = 19;
    private static final int SLOWS_ADDED = 20;
    private static final int SLOWS_REMOVED = 21;
    private static final int NANOS_ADDED = 26;
    private static final int NANOS_REMOVED = 27;
    private static final int CELL_LENGTH = NANOS_REMOVED + 1 + 8;
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
    /** Runs once, between a record's slot write and its last counts, for tests; null otherwise. */
    private Runnable afterSlotWritten;

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

    @Override
    public boolean recordChangingCounts(boolean failure, boolean slow, long durationNanos, long nowNanos) {
        return record(Stripes.probe(), failure, slow, durationNanos);
    }

    /**
     * Records through the stripe that {@code probe} selects; tests use it to play several threads.
     *
     * @return whether the call, failure or slow counts changed (the durations may have changed either way)
     */
    boolean record(int probe, boolean failure, boolean slow, long durationNanos) {
        long entry = encode(failure, slow, durationNanos);
        long[][] cells = stripes.cells();
        while (true) {
            long[] cell = Stripes.cellOf(cells, probe);
            int slot = take(cell);
            if (slot >= 0) {
                return replace(cell, slot, entry);
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

    /**
     * Replaces the outcome in {@code slot} with {@code entry}, counting in {@code cell} what makes the window
     * look better before the write and what makes it look worse after it (class Javadoc).
     *
     * @return whether the entry evicted differed from {@code entry} in more than its duration
     */
    private boolean replace(long[] cell, int slot, long entry) {
        long evicted = slots.get(slot);
        if (evicted == entry) {
            return false;
        }
        while (true) {
            countEarly(cell, entry, evicted);
            if (slots.compareAndSet(slot, evicted, entry)) {
                break;
            }
            countLate(cell, evicted, entry);
            evicted = slots.get(slot);
        }
        Runnable hook = afterSlotWritten;
        if (hook != null) {
            afterSlotWritten = null;
            hook.run();
        }
        countLate(cell, entry, evicted);
        return ((entry ^ evicted) & FLAGS) != 0;
    }

    /** For tests: runs {@code hook} once, inside the next record, after its slot write and before its last counts. */
    void afterNextSlotWrite(Runnable hook) {
        afterSlotWritten = hook;
    }

    /** Before the slot write: a call added, and failures, slow calls and nanoseconds removed. */
    private static void countEarly(long[] cell, long added, long evicted) {
        if (((added ^ evicted) & FLAGS) != 0) {
            addIfPositive(cell, TOTAL_ADDED, (added & RECORDED) - (evicted & RECORDED));
            addIfPositive(cell, FAILURES_REMOVED, flag(evicted, FAILURE) - flag(added, FAILURE));
            addIfPositive(cell, SLOWS_REMOVED, flag(evicted, SLOW) - flag(added, SLOW));
        }
        addIfPositive(cell, NANOS_REMOVED, (evicted >>> FLAG_BITS) - (added >>> FLAG_BITS));
    }

    /**
     * After the slot write: a call removed, and failures, slow calls and nanoseconds added. With the arguments
     * swapped, it takes back what {@link #countEarly} counted for a write that did not happen.
     */
    private static void countLate(long[] cell, long added, long evicted) {
        if (((added ^ evicted) & FLAGS) != 0) {
            addIfPositive(cell, TOTAL_REMOVED, (evicted & RECORDED) - (added & RECORDED));
            addIfPositive(cell, FAILURES_ADDED, flag(added, FAILURE) - flag(evicted, FAILURE));
            addIfPositive(cell, SLOWS_ADDED, flag(added, SLOW) - flag(evicted, SLOW));
        }
        addIfPositive(cell, NANOS_ADDED, (added >>> FLAG_BITS) - (evicted >>> FLAG_BITS));
    }

    private static void addIfPositive(long[] cell, int index, long delta) {
        if (delta > 0) {
            LONGS.getAndAdd(cell, index, delta);
        }
    }

    @Override
    public Metric read(long nowNanos) {
        MetricCapture capture = new MetricCapture();
        firesExact(nowNanos, true, capture, State.CLOSED, 0);
        return capture.metric();
    }

    /** Exact too: a count window's read pulls no more of other threads' caches than a record does anyway. */
    @Override
    public boolean firesLagging(long nowNanos, boolean withDurations, Tripper tripper, State state,
            int consecutiveFailures) {
        return firesExact(nowNanos, withDurations, tripper, state, consecutiveFailures);
    }

    /** Sums the counters that make the window look worse, then those that make it look better (class Javadoc). */
    @Override
    public boolean firesExact(long nowNanos, boolean withDurations, Tripper tripper, State state,
            int consecutiveFailures) {
        long failures = 0;
        long slow = 0;
        long nanos = 0;
        long total = 0;
        for (long[] cell : stripes.cells()) {
            failures += (long) LONGS.getVolatile(cell, FAILURES_ADDED);
            slow += (long) LONGS.getVolatile(cell, SLOWS_ADDED);
            nanos += withDurations ? (long) LONGS.getVolatile(cell, NANOS_ADDED) : 0;
            total -= (long) LONGS.getVolatile(cell, TOTAL_REMOVED);
        }
        for (long[] cell : stripes.cells()) {
            failures -= (long) LONGS.getVolatile(cell, FAILURES_REMOVED);
            slow -= (long) LONGS.getVolatile(cell, SLOWS_REMOVED);
            nanos -= withDurations ? (long) LONGS.getVolatile(cell, NANOS_REMOVED) : 0;
            total += (long) LONGS.getVolatile(cell, TOTAL_ADDED);
        }
        total = Math.min(Math.max(total, 0), size);
        return CountsTripper.test(tripper, total, Math.min(Math.max(failures, 0), total),
                Math.min(Math.max(slow, 0), total), Math.max(nanos, 0), state, consecutiveFailures);
    }

    @Override
    public void reset() {
        long[] cell = stripes.cells()[0];
        for (int slot = 0; slot < size; slot++) {
            if (slots.get(index(slot)) != 0) {
                replace(cell, index(slot), 0);
            }
        }
    }

    /**
     * The newest outcomes that fit into a count window of another size, in the order the ring handed out their
     * slots (block by block once the ring came round, so as exact as the window itself).
     */
    @Override
    public Window.Recorder migrated(Window target, long nowNanos) {
        if (!(target instanceof CountWindow window)) {
            return null;
        }
        long taken = (long) LONGS.getVolatile(cursor, CURSOR);
        long[] oldestFirst = new long[size];
        int count = 0;
        if (taken <= size) {
            for (int slot = 0; slot < taken; slot++) {
                count = keep(oldestFirst, count, slots.get(index(slot)));
            }
        } else {
            int newestBlock = (int) ((taken - size - 1) % blocks);
            for (int i = 1; i <= blocks; i++) {
                int first = (newestBlock + i) % blocks * block;
                for (int slot = first; slot < Math.min(first + block, size); slot++) {
                    count = keep(oldestFirst, count, slots.get(index(slot)));
                }
            }
        }
        CountRecorder copy = new CountRecorder(window.size());
        for (int i = Math.max(0, count - window.size()); i < count; i++) {
            long entry = oldestFirst[i];
            copy.record(0, (entry & FAILURE) != 0, (entry & SLOW) != 0, entry >>> FLAG_BITS);
        }
        return copy;
    }

    private static int keep(long[] entries, int count, long entry) {
        if ((entry & RECORDED) != 0) {
            entries[count++] = entry;
        }
        return count;
    }

    private static long flag(long entry, long flag) {
        return (entry & flag) == 0 ? 0 : 1;
    }

    private static long encode(boolean failure, boolean slow, long durationNanos) {
        long duration = Math.min(Math.max(durationNanos, 0), MAX_DURATION_NANOS);
        return duration << FLAG_BITS | (slow ? SLOW : 0) | (failure ? FAILURE : 0) | RECORDED;
    }
}
