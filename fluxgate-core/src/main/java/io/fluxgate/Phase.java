package io.fluxgate;

import io.fluxgate.windows.Window;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One stay in one state: immutable except for its window and failure streak. A transition replaces the
 * whole phase, so outcomes of calls that began in an earlier phase cannot reach the new window.
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

    Phase(State state, long epoch, long enteredAtNanos, Instant changedAt, int reopens,
            Window.Recorder recorder, int consecutiveFailures, long waitNanos) {
        this.state = state;
        this.epoch = epoch;
        this.enteredAtNanos = enteredAtNanos;
        this.changedAt = changedAt;
        this.reopens = reopens;
        this.recorder = recorder;
        this.consecutiveFailures = new AtomicInteger(consecutiveFailures);
        this.waitNanos = waitNanos;
    }

    Metric metric(long nowNanos) {
        return recorder == null ? Metric.EMPTY : recorder.read(nowNanos);
    }
}
