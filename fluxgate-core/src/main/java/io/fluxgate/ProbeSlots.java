package io.fluxgate;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The HALF_OPEN probe slots of one breaker: how many probes of the current stay the breaker is still waiting for.
 *
 * <p>The cap comes with each {@link #tryTake}, from the settings of the stay the taker read.
 *
 * <p><b>Invariant.</b> One word holds the low 32 bits of the current stay's epoch (high half) and the slots in use
 * (low half). A transition {@link #restamp restamps} the word with the new stay's epoch and zero slots before it
 * publishes the stay, so:
 * <ul>
 *   <li>a slot is {@link #tryTake taken} only by a compare-and-set on a word stamped with the taker's stay, hence only
 *       while that stay is current, and never beyond the cap;</li>
 *   <li>a slot is {@link #release released} only into a word stamped with the releaser's stay: a probe of an earlier
 *       stay (one that hung, or whose caller gave up) neither frees a slot of the current stay nor holds one;</li>
 *   <li>so {@link #inUse()} is always the number of probe permissions of the current stay that were neither reported
 *       nor released, between 0 and the cap.</li>
 * </ul>
 * Slots therefore do not outlive their stay: whatever a caller does with a probe, the next HALF_OPEN stay starts
 * with the full cap, and manual control ({@code reset()}, {@code forceOpen()}, {@code disable()}) restores it at once.
 *
 * <p>The word is this object's own value (it extends {@link AtomicLong} rather than holding one), so a probe's
 * take and give-back load one object less; only the methods below are used.
 */
@SuppressWarnings("serial") // never serialized: package-private, one per breaker
final class ProbeSlots extends AtomicLong {

    /** From {@link #tryTake}: the stay ended meanwhile, so neither a slot nor a rejection. */
    static final int STAY_ENDED = -1;
    /** From {@link #tryTake}: every slot of the stay is in use. */
    static final int FULL = 0;
    /** From {@link #tryTake}: a slot was taken. */
    static final int TAKEN = 1;

    private static final long COUNT = 0xFFFF_FFFFL;

    private static long stamp(long epoch) {
        return epoch << 32;
    }

    /**
     * Takes a slot for the stay of {@code epoch}, if it is still current and fewer than {@code cap} are in use (a
     * reconfiguration may lower the cap below the slots in use: then none is free until enough are released).
     */
    int tryTake(long epoch, int cap) {
        long stamp = stamp(epoch);
        while (true) {
            long current = get();
            if ((current & ~COUNT) != stamp) {
                return STAY_ENDED;
            }
            if ((int) current >= cap) {
                return FULL;
            }
            if (compareAndSet(current, current + 1)) {
                return TAKEN;
            }
        }
    }

    /** Gives back a slot taken for the stay of {@code epoch}; nothing when that stay has ended. */
    void release(long epoch) {
        long stamp = stamp(epoch);
        while (true) {
            long current = get();
            if ((current & ~COUNT) != stamp || (int) current == 0) {
                return;
            }
            if (compareAndSet(current, current - 1)) {
                return;
            }
        }
    }

    /** Starts the stay of {@code epoch} with every slot free; called before that stay is published. */
    void restamp(long epoch) {
        set(stamp(epoch));
    }

    /** The probes of the current stay not yet reported or released. */
    int inUse() {
        return (int) get();
    }
}
