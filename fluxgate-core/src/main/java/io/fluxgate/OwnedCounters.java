package io.fluxgate;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters that only grow, each thread adding to a cell of its own with plain stores: no atomic
 * read-modify-write on the path of a thread that owns its cell, which on one uncontended thread is what a
 * {@link LongAdder} costs per add (a locked instruction).
 *
 * <p>A thread's cell is chosen by its id among {@link #CELLS} cells, created when first used. The first
 * thread to use a cell owns it for good, so each cell has one writer and needs no atomic update; its values
 * are stored with release semantics, and a read sums every cell with volatile loads. A thread whose cell is
 * owned by another thread (more threads than cells, or a cell whose owner has ended: a thread id is never
 * reused, and liveness cannot be checked cheaply) adds to a shared {@link LongAdder} instead, which costs
 * what it did before the cells existed. A read therefore never misses an add that happened before it, and
 * two reads in a row never go down.
 */
final class OwnedCounters {

    /** The most cells: a power of two of at least twice the processors (64 at most). */
    static final int CELLS = Math.min(64,
            Integer.highestOneBit(2 * Runtime.getRuntime().availableProcessors() - 1) << 1);

    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle CELL_ARRAY = MethodHandles.arrayElementVarHandle(Cell[].class);
    /** Unused elements before and after a cell's counters, so no two cells share a 64-byte line. */
    private static final int PAD = 8;

    private final int width;
    private final Cell[] cells = new Cell[CELLS];
    private final LongAdder[] shared;

    /** {@code width} counters, numbered from 0. */
    OwnedCounters(int width) {
        this.width = width;
        this.shared = new LongAdder[width];
        for (int i = 0; i < width; i++) {
            shared[i] = new LongAdder();
        }
    }

    /** Adds 1 to counter {@code index} and {@code amount} to counter {@code index + 1}. */
    void addPair(int index, long amount) {
        Thread current = Thread.currentThread();
        long id = current.getId();
        Cell cell = cells[(int) id & (CELLS - 1)];
        if (cell != null && cell.ownerId == id) {
            long[] values = cell.values;
            LONGS.setRelease(values, PAD + index, (long) LONGS.get(values, PAD + index) + 1);
            if (amount != 0) {
                LONGS.setRelease(values, PAD + index + 1, (long) LONGS.get(values, PAD + index + 1) + amount);
            }
            return;
        }
        addPairAway(id, index, amount);
    }

    /** The first add of a thread to its cell, or an add of a thread whose cell another thread owns. */
    private void addPairAway(long id, int index, long amount) {
        int slot = (int) id & (CELLS - 1);
        if (CELL_ARRAY.getVolatile(cells, slot) == null) {
            CELL_ARRAY.compareAndSet(cells, slot, null, new Cell(id, width));
        }
        Cell cell = (Cell) CELL_ARRAY.getVolatile(cells, slot);
        if (cell.ownerId == id) {
            addPair(index, amount);
            return;
        }
        shared[index].increment();
        if (amount != 0) {
            shared[index + 1].add(amount);
        }
    }

    /** The sum of counter {@code index} over every cell and the shared counters. */
    long sum(int index) {
        long sum = shared[index].sum();
        for (int slot = 0; slot < CELLS; slot++) {
            Cell cell = (Cell) CELL_ARRAY.getVolatile(cells, slot);
            if (cell != null) {
                sum += (long) LONGS.getVolatile(cell.values, PAD + index);
            }
        }
        return sum;
    }

    /** How many cells exist, for tests. */
    int cellsInUse() {
        int count = 0;
        for (int slot = 0; slot < CELLS; slot++) {
            count += CELL_ARRAY.getVolatile(cells, slot) == null ? 0 : 1;
        }
        return count;
    }

    private static final class Cell {

        final long ownerId;
        final long[] values;

        Cell(long ownerId, int width) {
            this.ownerId = ownerId;
            this.values = new long[PAD + width + PAD];
        }
    }
}
