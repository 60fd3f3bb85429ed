package io.fluxgate.windows;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * A growable set of padded cells, in the spirit of {@link java.util.concurrent.atomic.LongAdder}: one cell
 * until a compare-and-set fails, then twice as many on each further failure, up to {@link #MAX}. A thread
 * picks its cell by its id, so the threads of a pool (consecutive ids) land on different cells once there
 * are enough of them.
 *
 * <p>A cell is a {@code long[]} read and written through {@link #LONGS}; its users place each group of
 * fields written together at least eight elements away from every other group and from both ends, so no
 * two groups, and no other object, share a 64-byte cache line ({@code @Contended} is JDK-internal).
 */
final class Stripes {

    /** The most cells: a power of two of at least twice the processors (64 at most). */
    static final int MAX = Math.min(64, Integer.highestOneBit(2 * Runtime.getRuntime().availableProcessors() - 1) << 1);

    /** Volatile and atomic access to the elements of a cell. */
    static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

    private static final VarHandle CELLS;

    static {
        try {
            CELLS = MethodHandles.lookup().findVarHandle(Stripes.class, "cells", long[][].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int cellLength;
    private volatile long[][] cells;

    Stripes(int count, int cellLength) {
        this.cellLength = cellLength;
        long[][] initial = new long[count][];
        for (int i = 0; i < count; i++) {
            initial[i] = new long[cellLength];
        }
        this.cells = initial;
    }

    /** The current cells; their number is a power of two. */
    long[][] cells() {
        return cells;
    }

    /** The calling thread's cell among {@code cells}. */
    static long[] cellOf(long[][] cells, int probe) {
        return cells[probe & (cells.length - 1)];
    }

    /** Which cell the calling thread prefers; stable for a thread. */
    static int probe() {
        return (int) Thread.currentThread().getId();
    }

    /**
     * Doubles the cells after a compare-and-set on one of {@code seen} failed, unless they are at
     * {@link #MAX} or another thread grew them first. Existing cells keep their counts.
     *
     * @return the cells to retry with
     */
    long[][] grow(long[][] seen) {
        if (seen.length < MAX && cells == seen) {
            long[][] grown = Arrays.copyOf(seen, seen.length * 2);
            for (int i = seen.length; i < grown.length; i++) {
                grown[i] = new long[cellLength];
            }
            CELLS.compareAndSet(this, seen, grown);
        }
        return cells;
    }
}
