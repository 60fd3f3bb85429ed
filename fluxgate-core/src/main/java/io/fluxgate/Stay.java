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
 * <p>A reconfiguration replaces the stay too, with one that keeps its state, epoch, times, reopens, failure streak
 * and wait but runs under new {@link Settings} (and the window kept, migrated or reset): as the epoch is the same,
 * calls permitted before it still report into the current stay, and their probe slots stay theirs.
 *
 * <p>Stays also form the queue of events: each one carries the {@link Signal} of the transition that entered it, or
 * the {@link Reconfiguration} that replaced its predecessor, and, once it has been left, the stay that followed
 * ({@link #successor}). Publishing a stay and queueing its event is one reference write, which allocates nothing
 * and cannot fail halfway.
 */
final class Stay {

    final State state;
    /** Whether every call is permitted in this stay without further checks (CLOSED, METRICS_ONLY, DISABLED). */
    final boolean permitsEveryCall;
    final long epoch;
    /** The configuration calls of this stay run under. */
    final Settings settings;
    /** The permission of a call that holds no probe slot, granted in this stay. */
    final long grant;
    final long enteredAtNanos;
    final Instant changedAt;
    final int reopens;
    /** Null in states that record nothing (OPEN, FORCED_OPEN, DISABLED). */
    final Window.Recorder recorder;
    final AtomicInteger consecutiveFailures;
    /** For OPEN: how long to wait before a probe, drawn once on entry. */
    final long waitNanos;
    /** The transition that entered this stay; null for the first stay of a breaker and for a reconfigured one. */
    final Signal signal;
    /** The reconfiguration that replaced the previous stay with this one; null otherwise. */
    final Reconfiguration reconfiguration;
    /** The stay that followed this one, once this one has been left. */
    volatile Stay successor;
    /**
     * For OPEN: whether the wait may be over, so that a call must read the ticker to know. False only while a
     * wake-up is pending (or for {@code Retry.NEVER}); once true it stays true.
     */
    private volatile boolean waitMayBeOver;
    /** For OPEN: the pending wake-up, cancelled when the stay ends first. */
    private volatile Future<?> wakeUp;

    Stay(State state, long epoch, Settings settings, long enteredAtNanos, Instant changedAt, int reopens,
            Window.Recorder recorder, int consecutiveFailures, long waitNanos, boolean waitMayBeOver, Signal signal) {
        this(state, epoch, settings, enteredAtNanos, changedAt, reopens, recorder,
                new AtomicInteger(consecutiveFailures), waitNanos, waitMayBeOver, signal, null);
    }

    private Stay(State state, long epoch, Settings settings, long enteredAtNanos, Instant changedAt, int reopens,
            Window.Recorder recorder, AtomicInteger consecutiveFailures, long waitNanos, boolean waitMayBeOver,
            Signal signal, Reconfiguration reconfiguration) {
        this.state = state;
        this.permitsEveryCall = state == State.CLOSED || state == State.METRICS_ONLY || state == State.DISABLED;
        this.epoch = epoch;
        this.settings = settings;
        this.grant = Permission.granted(epoch, false, settings.config.measureDurations());
        this.enteredAtNanos = enteredAtNanos;
        this.changedAt = changedAt;
        this.reopens = reopens;
        this.recorder = recorder;
        this.consecutiveFailures = consecutiveFailures;
        this.waitNanos = waitNanos;
        this.waitMayBeOver = waitMayBeOver;
        this.signal = signal;
        this.reconfiguration = reconfiguration;
    }

    /**
     * This stay under other settings: the same state, epoch, times, reopens and failure streak (the same counter,
     * so calls still reporting into this stay count in it), with {@code recorder} and {@code waitNanos}.
     */
    Stay reconfigured(Settings next, Window.Recorder nextRecorder, long nextWaitNanos, boolean nextWaitMayBeOver,
            Reconfiguration event) {
        return new Stay(state, epoch, next, enteredAtNanos, changedAt, reopens, nextRecorder, consecutiveFailures,
                nextWaitNanos, nextWaitMayBeOver, null, event);
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
