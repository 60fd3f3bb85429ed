package io.fluxgate;

import io.fluxgate.windows.Window;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One stay in one state: immutable except for its window, failure streak and (OPEN) whether its wait may be
 * over. A transition replaces the whole phase, so outcomes of calls that began in an earlier phase cannot reach
 * the new window, and a wake-up of an earlier OPEN stay cannot end the wait of a later one.
 */
final class Phase {

    final State state;
    final long epoch;
    final long enteredAtNanos;
    final Instant changedAt;
    final int reopens;
    /** Null in states that record nothing (OPEN, FORCED_OPEN, DISABLED). */
    final Window.Recorder recorder;
    final AtomicInteger consecutiveFailures;
    /** For OPEN: how long to wait before a probe, drawn once on entry. */
    final long waitNanos;
    /**
     * For OPEN: whether the wait may be over, so that a call must read the ticker to know. False only while a
     * wake-up is pending (or for {@code Retry.NEVER}); once true it stays true.
     */
    private volatile boolean waitMayBeOver;

    Phase(State state, long epoch, long enteredAtNanos, Instant changedAt, int reopens,
            Window.Recorder recorder, int consecutiveFailures, long waitNanos, boolean waitMayBeOver) {
        this.state = state;
        this.epoch = epoch;
        this.enteredAtNanos = enteredAtNanos;
        this.changedAt = changedAt;
        this.reopens = reopens;
        this.recorder = recorder;
        this.consecutiveFailures = new AtomicInteger(consecutiveFailures);
        this.waitNanos = waitNanos;
        this.waitMayBeOver = waitMayBeOver;
    }

    boolean waitMayBeOver() {
        return waitMayBeOver;
    }

    /** Marks the wait as possibly over: from now on each call reads the ticker to decide. */
    void wakeUp() {
        waitMayBeOver = true;
    }

    Metric metric(long nowNanos) {
        return recorder == null ? Metric.EMPTY : recorder.read(nowNanos);
    }
}
