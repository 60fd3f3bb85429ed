package io.fluxgate;

import io.fluxgate.windows.Window;
import java.time.Instant;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One stay of a breaker in one state, from the transition that entered it to the one that leaves it: immutable except
 * for its window, failure streak and, for OPEN, whether its wait may be over. A transition replaces the whole stay,
 * so outcomes of calls that began in an earlier stay cannot reach the new window, and a wake-up of an earlier OPEN
 * stay cannot end the wait of a later one.
 *
 * <p>Stays also form the queue of signals: each one carries the {@link Signal} of the transition that entered it and,
 * once it has been left, the stay that followed ({@link #successor}). Publishing a stay and queueing its signal is one
 * reference write, which allocates nothing and cannot fail halfway.
 */
final class Stay {

    final State state;
    /** Whether every call is permitted in this stay without further checks (CLOSED, METRICS_ONLY, DISABLED). */
    final boolean permitsEveryCall;
    final long epoch;
    final long enteredAtNanos;
    final Instant changedAt;
    final int reopens;
    /** Null in states that record nothing (OPEN, FORCED_OPEN, DISABLED). */
    final Window.Recorder recorder;
    final AtomicInteger consecutiveFailures;
    /** For OPEN: how long to wait before a probe, drawn once on entry. */
    final long waitNanos;
    /** The transition that entered this stay; null for the first stay of a breaker. */
    final Signal signal;
    /** The stay that followed this one, once this one has been left. */
    volatile Stay successor;
    /**
     * For OPEN: whether the wait may be over, so that a call must read the ticker to know. False only while a
     * wake-up is pending (or for {@code Retry.NEVER}); once true it stays true.
     */
    private volatile boolean waitMayBeOver;
    /** For OPEN: the pending wake-up, cancelled when the stay ends first. */
    private volatile Future<?> wakeUp;

    Stay(State state, long epoch, long enteredAtNanos, Instant changedAt, int reopens, Window.Recorder recorder,
            int consecutiveFailures, long waitNanos, boolean waitMayBeOver, Signal signal) {
        this.state = state;
        this.permitsEveryCall = state == State.CLOSED || state == State.METRICS_ONLY || state == State.DISABLED;
        this.epoch = epoch;
        this.enteredAtNanos = enteredAtNanos;
        this.changedAt = changedAt;
        this.reopens = reopens;
        this.recorder = recorder;
        this.consecutiveFailures = new AtomicInteger(consecutiveFailures);
        this.waitNanos = waitNanos;
        this.waitMayBeOver = waitMayBeOver;
        this.signal = signal;
    }

    boolean waitMayBeOver() {
        return waitMayBeOver;
    }

    /** Marks the wait as possibly over: from now on each call reads the ticker to decide. */
    void wakeUp() {
        waitMayBeOver = true;
    }

    /** Remembers the pending wake-up; cancels it at once if this stay has already been left. */
    void scheduled(Future<?> pending) {
        wakeUp = pending;
        if (successor != null) {
            pending.cancel(false);
        }
    }

    /** Called once this stay has been left: a pending wake-up has nothing left to do. */
    void left() {
        Future<?> pending = wakeUp;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    Metric metric(long nowNanos) {
        return recorder == null ? Metric.EMPTY : recorder.read(nowNanos);
    }
}
