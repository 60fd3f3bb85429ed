package io.fluxgate.windows;

/**
 * A window over the last {@code size} recorded calls, whenever they happened.
 *
 * <p><b>What "the last {@code size} calls" means.</b> With one thread at a time it is exact: a read covers
 * exactly the last {@code size} recorded calls (fewer before that many were recorded). Calls that overlap in
 * several threads have no order of their own; "the last {@code size}" only exists if every call writes one
 * shared counter to get a place in line, and that counter is what makes a breaker slow down as threads are
 * added. So the recorder does what {@link java.util.concurrent.atomic.LongAdder} does: it starts with one
 * stripe and adds stripes (up to twice the processors, at most 64) only when two threads collide. Its
 * {@code size} slots form one ring, and with several stripes:
 * <ul>
 *   <li>until {@code size} calls were recorded, every call still takes the next slot on its own, so a read
 *       counts every call exactly and nothing is evicted early;</li>
 *   <li>after that, a stripe takes a block of consecutive slots at once (16, or {@code size / 8} for windows
 *       under 128, at least 1) and gives them to its calls one by one; each call evicts whatever its slot
 *       held;</li>
 *   <li>a read covers exactly {@code size} calls: for each slot, the last call written to it. Slots that a
 *       stripe has taken but not used yet (fewer than a block per stripe) still hold a call from the
 *       previous round of the ring, so up to {@code stripes × (block − 1)} of the covered calls may be older
 *       than the last {@code size}, standing in for as many newer ones;</li>
 *   <li>stripes own no slots beyond their current block, so when threads stop using a stripe its calls still
 *       leave the window as the ring comes round, after at most one round more than usual.</li>
 * </ul>
 * For the rates a tripper computes ({@code FailureRate(0.5)} over {@code CountWindow(100)}) the difference
 * is immaterial; what matters is that no memory location is written by every call.
 *
 * <p>Its recorders are lock-free and O(1) per record; a read is O(stripes). Each holds {@code size} slots of
 * 8 bytes and, per stripe, about 300 bytes of padded counters. Example: {@code new CountWindow(100)}, in
 * expressions {@code CountWindow(100)}.
 *
 * @param size how many of the most recent calls a read covers, from 1 to {@link #MAX_SIZE}
 */
public record CountWindow(int size) implements Window {

    /**
     * The largest window: a million calls. Each breaker state allocates its own recorder of about 11.5 bytes
     * per call (11.5 MB here, again on every transition), and a million calls is already minutes of traffic
     * at thousands of calls per second; a longer memory is a {@link TimeWindow}'s job.
     */
    public static final int MAX_SIZE = 1_000_000;

    /**
     * Checks that {@code size} is in {@code [1, MAX_SIZE]}.
     *
     * @param size how many of the most recent calls a read covers, from 1 to {@link #MAX_SIZE}
     */
    public CountWindow {
        if (size < 1) {
            throw new IllegalArgumentException("CountWindow size must be >= 1, got " + size);
        }
        if (size > MAX_SIZE) {
            throw new IllegalArgumentException("CountWindow size must be <= " + MAX_SIZE + ", got " + size);
        }
    }

    @Override
    public Recorder newRecorder() {
        return new CountRecorder(size);
    }

    /**
     * A count window ignores time.
     *
     * @return {@code false}
     */
    @Override
    public boolean usesTime() {
        return false;
    }

    /**
     * The expression form.
     *
     * @return e.g. {@code CountWindow(100)}
     */
    @Override
    public String toString() {
        return "CountWindow(" + size + ")";
    }
}
