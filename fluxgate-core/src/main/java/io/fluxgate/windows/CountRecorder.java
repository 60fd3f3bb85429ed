package io.fluxgate.windows;

import io.fluxgate.Metric;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Keeps the last {@code size} outcomes in a ring of encoded slots plus running aggregates.
 *
 * <p>A record claims a slot with one increment, swaps its outcome in and adds the difference between the new
 * and the evicted outcome to the aggregates. Because every swap contributes exactly {@code new - evicted},
 * the aggregates equal the sum over the slots whenever no record is in flight. In flight, the four aggregates
 * are updated one after the other, so a read clamps them into a consistent {@link Metric}.
 */
final class CountRecorder implements Window.Recorder {

    private static final long RECORDED = 1;
    private static final long FAILURE = 1 << 1;
    private static final long SLOW = 1 << 2;
    private static final int FLAG_BITS = 3;
    private static final long MAX_DURATION_NANOS = Long.MAX_VALUE >>> FLAG_BITS;

    private final int size;
    private final AtomicLongArray slots;
    private final AtomicLong cursor = new AtomicLong();
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong slow = new AtomicLong();
    private final AtomicLong nanos = new AtomicLong();

    CountRecorder(int size) {
        this.size = size;
        this.slots = new AtomicLongArray(size);
    }

    @Override
    public void record(boolean failure, boolean slow, long durationNanos, long nowNanos) {
        long entry = encode(failure, slow, durationNanos);
        int slot = (int) (cursor.getAndIncrement() % size);
        long evicted = slots.getAndSet(slot, entry);
        apply(entry, evicted);
    }

    @Override
    public Metric read(long nowNanos) {
        return metric(Duration.ofNanos(Math.max(nanos.get(), 0)));
    }

    @Override
    public Metric readCounts(long nowNanos) {
        return metric(Duration.ZERO);
    }

    private Metric metric(Duration totalDuration) {
        long failureCount = failures.get();
        long slowCount = slow.get();
        long totalCount = Math.min(Math.max(total.get(), 0), size);
        return new Metric(totalCount,
                Math.min(Math.max(failureCount, 0), totalCount),
                Math.min(Math.max(slowCount, 0), totalCount),
                totalDuration);
    }

    @Override
    public void reset() {
        for (int slot = 0; slot < size; slot++) {
            long evicted = slots.getAndSet(slot, 0);
            if (evicted != 0) {
                apply(0, evicted);
            }
        }
    }

    private void apply(long added, long evicted) {
        long totalDelta = (added & RECORDED) - (evicted & RECORDED);
        if (totalDelta > 0) {
            total.addAndGet(totalDelta);
        }
        addIfNonZero(failures, flag(added, FAILURE) - flag(evicted, FAILURE));
        addIfNonZero(slow, flag(added, SLOW) - flag(evicted, SLOW));
        addIfNonZero(nanos, (added >>> FLAG_BITS) - (evicted >>> FLAG_BITS));
        if (totalDelta < 0) {
            total.addAndGet(totalDelta);
        }
    }

    private static void addIfNonZero(AtomicLong aggregate, long delta) {
        if (delta != 0) {
            aggregate.addAndGet(delta);
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
