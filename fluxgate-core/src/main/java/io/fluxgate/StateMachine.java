package io.fluxgate;

import io.fluxgate.permits.Permit;
import io.fluxgate.retries.Retry;
import io.fluxgate.trackers.Tracker;
import io.fluxgate.trippers.Tripper;
import io.fluxgate.windows.Window;
import io.fluxgate.internal.Durations;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The breaker's engine: state, permissions, outcomes and transitions (SPEC §3).
 *
 * <p>The call path reads one volatile field and takes no lock. A permission is a {@code long}: the phase's
 * epoch shifted left by one, with the low bit set when the call holds a HALF_OPEN slot; a negative value is
 * a rejection that encodes the rejecting state. Transitions take a lock (they are rare) so that the phase
 * change and the queueing of its signal happen in one order; listeners run after the lock is released.
 *
 * <p>An OPEN call reads the ticker only once its phase's wait may be over. With {@link WakeUps} (the system
 * ticker) a one-shot wake-up per OPEN stay says when; without, the wait may be over from the start, and every
 * OPEN call reads the ticker.
 *
 * <p>User components are guarded like listeners: whatever they throw (checked exceptions thrown sneakily, as
 * Kotlin code may, and {@link Error}s other than {@link VirtualMachineError} included) is logged and handled as
 * each guard says; it never replaces the caller's own outcome.
 */
final class StateMachine {

    private static final System.Logger LOG = System.getLogger("io.fluxgate");
    private static final State[] STATES = State.values();
    /** From {@link #tryAcquireProbe}: the HALF_OPEN stay ended meanwhile; neither a permission nor a rejection. */
    private static final long STAY_ENDED = Long.MIN_VALUE;
    private static final long SLOTS = 0xFFFF_FFFFL;
    private static final long DEFAULT_WAIT_NANOS = Duration.ofSeconds(60).toNanos();

    private final String name;
    private final Window window;
    private final Tracker tracker;
    private final Tripper tripper;
    private final Retry retry;
    private final Permit permit;
    private final boolean tripperUsesDurations;
    private final long slowThresholdNanos;
    private final int maxHalfOpenCalls;
    private final long maxHalfOpenNanos;
    /** Whether a HALF_OPEN acquire needs the time: for the permit or for {@code maxHalfOpenNanos}. */
    private final boolean halfOpenUsesTime;
    private final Ticker ticker;
    /** Null when the ticker is not one they keep time with. */
    private final WakeUps wakeUps;
    private final AtomicBoolean wakeUpFailureLogged = new AtomicBoolean();
    private final Clock clock;
    private final SignalDispatcher dispatcher;
    private final ReentrantLock transitionLock = new ReentrantLock();
    /**
     * The current phase's HALF_OPEN slots in use (low 32 bits) and the low 32 bits of its epoch (high bits). A
     * transition stamps its epoch here with no slot in use before it publishes its phase, so a slot taken with a
     * compare-and-set of a word stamped with a phase's epoch is taken while that phase is current (an acquire
     * that read the phase just before it ended cannot take a slot for it), and a slot belongs to the stay that
     * admitted it: a probe that never ends cannot keep a later stay from probing.
     */
    private final AtomicLong probeSlots = new AtomicLong();
    private final CallStatistics statistics = new CallStatistics();
    private final CallNotPermittedException[] rejections = new CallNotPermittedException[STATES.length];
    private volatile Phase phase;

    StateMachine(CircuitBreaker.Config config, Ticker ticker, WakeUps wakeUps, Clock clock,
            SignalDispatcher dispatcher) {
        this.name = config.name();
        this.window = config.window();
        this.tracker = config.tracker();
        this.tripper = config.tripper();
        this.tripperUsesDurations = tripper.usesDurations();
        this.retry = config.retry();
        this.permit = config.permit();
        this.slowThresholdNanos = config.slowThreshold() == null ? Long.MAX_VALUE : config.slowThreshold().toNanos();
        this.maxHalfOpenCalls = config.maxHalfOpenCalls();
        this.maxHalfOpenNanos = config.maxHalfOpenDuration() == null ? Long.MAX_VALUE
                : config.maxHalfOpenDuration().toNanos();
        this.halfOpenUsesTime = permit.usesTime() || maxHalfOpenNanos != Long.MAX_VALUE;
        this.ticker = ticker;
        this.wakeUps = wakeUps;
        this.clock = clock;
        this.dispatcher = dispatcher;
        for (State state : new State[] {State.OPEN, State.HALF_OPEN, State.FORCED_OPEN}) {
            rejections[state.ordinal()] = new CallNotPermittedException(name, state);
        }
        this.phase = new Phase(State.CLOSED, 0, ticker.read(), clock.instant(), 0, window.newRecorder(), 0, 0, true);
    }

    Phase phase() {
        return phase;
    }

    CallStatistics statistics() {
        return statistics;
    }

    int halfOpenCalls() {
        return (int) probeSlots.get();
    }

    static boolean isPermitted(long permission) {
        return permission >= 0;
    }

    static boolean holdsProbeSlot(long permission) {
        return (permission & 1) != 0;
    }

    /** The exception for a rejection; shared, as it is immutable and carries no stack trace. */
    CallNotPermittedException rejection(long permission) {
        return rejections[(int) (-1 - permission)];
    }

    private long rejection(State state) {
        statistics.rejected();
        return -1 - state.ordinal();
    }

    long tryAcquire() {
        Phase p = phase;
        while (true) {
            switch (p.state) {
                case CLOSED, METRICS_ONLY, DISABLED:
                    return p.epoch << 1;
                case FORCED_OPEN:
                    return rejection(State.FORCED_OPEN);
                case OPEN: {
                    if (!p.waitMayBeOver()) {
                        return rejection(State.OPEN);
                    }
                    long elapsed = ticker.read() - p.enteredAtNanos;
                    if (elapsed < p.waitNanos) {
                        return rejection(State.OPEN);
                    }
                    transition(p, State.HALF_OPEN, () -> retry + " allowed a probe after "
                            + Durations.formatApproximate(Duration.ofNanos(elapsed)) + " OPEN");
                    p = phase;
                    break;
                }
                case HALF_OPEN: {
                    long elapsed = halfOpenUsesTime ? ticker.read() - p.enteredAtNanos : 0;
                    if (elapsed < maxHalfOpenNanos || halfOpenCalls() == 0) {
                        long permission = tryAcquireProbe(p, elapsed);
                        if (permission != STAY_ENDED) {
                            return permission;
                        }
                        Thread.onSpinWait();
                        p = phase;
                        break;
                    }
                    int running = halfOpenCalls();
                    transition(p, State.OPEN, () -> "no decision after "
                            + Durations.formatApproximate(Duration.ofNanos(elapsed)) + " HALF_OPEN (maxHalfOpenDuration "
                            + Durations.format(Duration.ofNanos(maxHalfOpenNanos)) + ", " + running
                            + " probe(s) still running)");
                    p = phase;
                    break;
                }
                default:
                    throw new AssertionError(p.state);
            }
        }
    }

    private long tryAcquireProbe(Phase p, long elapsedNanos) {
        if (!admits(elapsedNanos)) {
            return rejection(State.HALF_OPEN);
        }
        long stamp = stamp(p.epoch);
        while (true) {
            long slots = probeSlots.get();
            if ((slots & ~SLOTS) != stamp) {
                // The stay ended after we read it (e.g. the running probe closed the breaker): decide again.
                return STAY_ENDED;
            }
            if ((int) slots >= maxHalfOpenCalls) {
                return rejection(State.HALF_OPEN);
            }
            if (probeSlots.compareAndSet(slots, slots + 1)) {
                return (p.epoch << 1) | 1;
            }
        }
    }

    private static long stamp(long epoch) {
        return epoch << 32;
    }

    private boolean admits(long elapsedNanos) {
        try {
            return permit.admit(elapsedNanos);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            LOG.log(Level.WARNING, () -> "Permit " + permit + " of circuit breaker '" + name
                    + "' threw; the call is rejected", e);
            return false;
        }
    }

    void onSuccess(long permission, long durationNanos, long nowNanos) {
        try {
            boolean slow = durationNanos >= slowThresholdNanos;
            statistics.record(CallOutcome.SUCCESS, slow, durationNanos);
            Phase p = phase;
            if (p.epoch == permission >>> 1 && p.recorder != null) {
                if (p.consecutiveFailures.get() != 0) {
                    p.consecutiveFailures.set(0);
                }
                recordAndEvaluate(p, false, slow, durationNanos, nowNanos);
            }
        } finally {
            release(permission);
        }
    }

    boolean onError(long permission, Throwable error, long durationNanos, long nowNanos) {
        try {
            boolean failure = tracks(error);
            boolean slow = durationNanos >= slowThresholdNanos;
            statistics.record(failure ? CallOutcome.FAILURE : CallOutcome.IGNORED, slow, durationNanos);
            Phase p = phase;
            if (failure && p.epoch == permission >>> 1 && p.recorder != null) {
                p.consecutiveFailures.incrementAndGet();
                recordAndEvaluate(p, true, slow, durationNanos, nowNanos);
            }
            return failure;
        } finally {
            release(permission);
        }
    }

    void release(long permission) {
        if (holdsProbeSlot(permission)) {
            // Only into the stay that admitted it, and never below zero, so a permission reported twice or late
            // cannot raise the probe cap.
            long stamp = stamp(permission >>> 1);
            probeSlots.updateAndGet(slots -> (slots & ~SLOTS) == stamp && (int) slots > 0 ? slots - 1 : slots);
        }
    }

    private boolean tracks(Throwable error) {
        try {
            return tracker.test(error);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            LOG.log(Level.WARNING, () -> "Tracker " + tracker + " of circuit breaker '" + name
                    + "' threw on " + error.getClass().getName() + "; the call counts as a failure", e);
            return true;
        }
    }

    /**
     * Records a call into the phase's window and asks the tripper. After a success in CLOSED the window may
     * see other threads' latest calls a little late ({@link Window.Recorder#readAfterSuccess}); after a
     * failed or slow call, and in HALF_OPEN, where a handful of probes decide, it reads exactly. The two reads
     * are separate calls of {@link #evaluate}, so that C2 can remove each one's {@link Metric}.
     */
    private void recordAndEvaluate(Phase p, boolean failed, boolean slow, long durationNanos, long nowNanos) {
        p.recorder.record(failed, slow, durationNanos, nowNanos);
        if (p.state == State.CLOSED && !failed && !slow) {
            evaluate(p, false, p.recorder.readAfterSuccess(nowNanos, tripperUsesDurations));
        } else if (p.state == State.CLOSED || p.state == State.HALF_OPEN) {
            evaluate(p, failed, tripperUsesDurations ? p.recorder.read(nowNanos) : p.recorder.readCounts(nowNanos));
        }
    }

    private void evaluate(Phase p, boolean failed, Metric metric) {
        int streak = p.consecutiveFailures.get();
        boolean fires;
        try {
            fires = tripper.test(metric, p.state, streak);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            LOG.log(Level.WARNING, () -> "Tripper " + tripper + " of circuit breaker '" + name
                    + "' threw; treated as not firing", e);
            fires = false;
        }
        if (p.state == State.CLOSED && fires) {
            transition(p, State.OPEN, explanation("", metric, State.CLOSED, streak));
        } else if (p.state == State.HALF_OPEN && failed && fires) {
            transition(p, State.OPEN, explanation("probe failed: ", metric, State.HALF_OPEN, streak));
        } else if (p.state == State.HALF_OPEN && !failed && !fires) {
            transition(p, State.CLOSED, () -> "probe succeeded and " + tripper + " no longer fires");
        }
    }

    /**
     * Why the tripper fired, described when the transition happens. It captures the metric's values, not the
     * metric, so that the metric does not escape the call path (C2 then removes it) even where this branch has
     * been taken before.
     */
    private java.util.function.Supplier<String> explanation(String prefix, Metric metric, State state, int streak) {
        long total = metric.totalCount();
        long failures = metric.failureCount();
        long slow = metric.slowCount();
        Duration duration = metric.totalDuration();
        return () -> prefix + tripper.explain(new Metric(total, failures, slow, duration), state, streak);
    }

    /** Manual control: moves to {@code target} from whatever state the breaker is in. */
    void force(State target, String reason) {
        while (!transition(phase, target, () -> reason)) {
            Thread.onSpinWait();
        }
    }

    private boolean transition(Phase expected, State target, java.util.function.Supplier<String> reason) {
        Phase next;
        transitionLock.lock();
        try {
            if (phase != expected) {
                return false;
            }
            long now = ticker.read();
            next = next(expected, target, now);
            probeSlots.set(stamp(next.epoch));
            phase = next;
            dispatcher.enqueue(new Signal(name, expected.state, target, next.changedAt, describe(reason)));
        } finally {
            transitionLock.unlock();
        }
        if (!next.waitMayBeOver() && next.state == State.OPEN && next.waitNanos != Retry.NEVER) {
            // Before the listeners run: a slow listener must not delay the end of the wait.
            scheduleWakeUp(next);
        }
        dispatcher.drain();
        return true;
    }

    private void scheduleWakeUp(Phase open) {
        try {
            wakeUps.after(open.waitNanos, open::wakeUp);
        } catch (Throwable e) {
            open.wakeUp();
            if (e instanceof VirtualMachineError error) {
                throw error;
            }
            if (wakeUpFailureLogged.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, () -> "Circuit breaker '" + name + "' could not schedule the end of an OPEN"
                        + " wait; while OPEN it reads the ticker on every call instead (logged once)", e);
            }
        }
    }

    private String describe(java.util.function.Supplier<String> reason) {
        try {
            return reason.get();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            LOG.log(Level.WARNING, "Could not describe a transition of circuit breaker '" + name + "'", e);
            return "(no reason: " + e.getClass().getName() + " while describing it)";
        }
    }

    private Phase next(Phase from, State target, long now) {
        int reopens = switch (target) {
            case CLOSED -> 0;
            case OPEN -> from.state == State.HALF_OPEN ? from.reopens + 1 : from.reopens;
            default -> from.reopens;
        };
        int streak = target == State.CLOSED || target == State.HALF_OPEN ? 0 : from.consecutiveFailures.get();
        Window.Recorder recorder = switch (target) {
            case CLOSED, HALF_OPEN, METRICS_ONLY -> window.newRecorder();
            default -> null;
        };
        long wait = target == State.OPEN ? waitNanos(reopens) : 0;
        boolean waitMayBeOver = wait != Retry.NEVER && (wakeUps == null || wait == 0);
        return new Phase(target, from.epoch + 1, now, clock.instant(), reopens, recorder, streak, wait,
                waitMayBeOver);
    }

    private long waitNanos(int reopens) {
        try {
            return Math.max(0, retry.waitNanos(reopens));
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            LOG.log(Level.WARNING, () -> "Retry " + retry + " of circuit breaker '" + name
                    + "' threw; waiting 60s instead", e);
            return DEFAULT_WAIT_NANOS;
        }
    }
}
