package io.fluxgate;

import io.fluxgate.internal.Durations;
import io.fluxgate.internal.WindowReads;
import io.fluxgate.retries.Retry;
import io.fluxgate.trippers.Tripper;
import io.fluxgate.windows.CountWindow;
import io.fluxgate.windows.Window;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The breaker's engine, as in SPEC §3's state diagram: CLOSED trips to OPEN when the tripper fires; OPEN moves to
 * HALF_OPEN on the first call after the retry's wait; HALF_OPEN closes after a probe when the tripper no longer fires,
 * and reopens after a probe when it fires (or when {@code maxHalfOpenDuration} passes without a decision); manual
 * control moves anywhere.
 *
 * <p>The call path reads one volatile field (the current {@link Stay}) and takes no lock. A transition first does
 * everything that runs user code or reads time — the reason (the tripper's explanation), the wait (the retry), the new
 * window, the ticker and the clock — and only then, under a lock that runs nothing else, checks that the stay it left
 * is still current and publishes the new one, whose signal is queued by the same write. So user code never runs under
 * the lock: it may call back into the breaker, and a slow explanation holds up no other thread's transition; and
 * whatever it throws, no stay is published without its signal. Listeners run after the lock is released
 * ({@link SignalDispatcher}).
 *
 * <p>An OPEN call reads the ticker only once its stay's wait may be over; with an {@link OpenWaitTimer} (the system
 * ticker) a wake-up per stay says when, and without one every OPEN call reads the ticker. HALF_OPEN does the same for
 * {@code maxHalfOpenDuration}.
 */
final class StateMachine {

    private static final long DEFAULT_WAIT_NANOS = Duration.ofSeconds(60).toNanos();
    /** Not a permission: {@link #decide} reads the stay again (a rejection is -1 - a state's ordinal). */
    private static final long DECIDE_AGAIN = Long.MIN_VALUE;

    private final String name;
    private final Ticker ticker;
    /** Null when the ticker is not one it keeps time with. */
    private final OpenWaitTimer timer;
    private final AtomicBoolean timerFailureLogged = new AtomicBoolean();
    private final Clock clock;
    private final SignalDispatcher dispatcher;
    private final ReentrantLock publishLock = new ReentrantLock();
    private final ProbeSlots probeSlots = new ProbeSlots();
    private final CallStatistics statistics = new CallStatistics();
    private final CallNotPermittedException[] rejections = new CallNotPermittedException[State.values().length];
    private volatile Stay stay;

    StateMachine(Settings settings, Ticker ticker, OpenWaitTimer timer, Clock clock) {
        this.name = settings.config.name();
        this.ticker = ticker;
        this.timer = timer;
        this.clock = clock;
        for (State state : new State[] {State.OPEN, State.HALF_OPEN, State.FORCED_OPEN}) {
            rejections[state.ordinal()] = new CallNotPermittedException(name, state);
        }
        this.stay = new Stay(State.CLOSED, 0, settings, ticker.read(), clock.instant(), 0,
                settings.window.newRecorder(), 0, 0, true, null);
        this.dispatcher = new SignalDispatcher(stay);
    }

    Stay stay() {
        return stay;
    }

    CallStatistics statistics() {
        return statistics;
    }

    /** The probes of the current HALF_OPEN stay that have not reported yet. */
    int halfOpenCalls() {
        return probeSlots.inUse();
    }

    /** The exception for a rejection; shared, as it is immutable and carries no stack trace. */
    CallNotPermittedException rejection(long permission) {
        return rejections[Permission.rejectingStateOrdinal(permission)];
    }

    private long rejection(State state) {
        statistics.rejected();
        return Permission.rejectedIn(state);
    }

    long tryAcquire() {
        Stay p = stay;
        if (p.permitsEveryCall) {
            return p.grant;
        }
        if (p.state == State.OPEN && !p.waitMayBeOver()) {
            return rejection(State.OPEN);
        }
        return decide(p);
    }

    /**
     * The rest of {@link #tryAcquire}, kept out of it so that the common paths above stay small enough to be
     * inlined into every caller.
     */
    private long decide(Stay p) {
        while (true) {
            long permission = switch (p.state) {
                case CLOSED, METRICS_ONLY, DISABLED -> p.grant;
                case FORCED_OPEN -> rejection(State.FORCED_OPEN);
                case OPEN -> fromOpen(p);
                case HALF_OPEN -> fromHalfOpen(p);
            };
            if (permission != DECIDE_AGAIN) {
                return permission;
            }
            p = stay;
        }
    }

    private long fromOpen(Stay p) {
        if (!p.waitMayBeOver()) {
            return rejection(State.OPEN);
        }
        long elapsed = ticker.read() - p.enteredAtNanos;
        if (elapsed < p.waitNanos) {
            return rejection(State.OPEN);
        }
        transition(p, State.HALF_OPEN, () -> p.settings.retry + " allowed a probe after "
                + Durations.formatApproximate(Duration.ofNanos(elapsed)) + " OPEN");
        return DECIDE_AGAIN;
    }

    private long fromHalfOpen(Stay p) {
        Settings settings = p.settings;
        long elapsed = settings.permitUsesTime || p.waitMayBeOver() ? ticker.read() - p.enteredAtNanos : 0;
        // The bound ends a stay only while probes are outstanding: with none, the next admitted call decides.
        if (elapsed < p.waitNanos || probeSlots.inUse() == 0) {
            if (!admits(settings, elapsed)) {
                return rejection(State.HALF_OPEN);
            }
            int taken = probeSlots.tryTake(p.epoch, settings.maxHalfOpenCalls);
            if (taken == ProbeSlots.TAKEN) {
                return p.grant | 1;
            }
            if (taken == ProbeSlots.FULL) {
                return rejection(State.HALF_OPEN);
            }
            // The stay ended after we read it (e.g. the running probe closed the breaker): decide again.
            Thread.onSpinWait();
            return DECIDE_AGAIN;
        }
        int running = probeSlots.inUse();
        transition(p, State.OPEN, () -> "no decision after "
                + Durations.formatApproximate(Duration.ofNanos(elapsed))
                + " HALF_OPEN (maxHalfOpenDuration "
                + Durations.format(Duration.ofNanos(p.waitNanos)) + ", " + running
                + " probe(s) still running)");
        return DECIDE_AGAIN;
    }

    private boolean admits(Settings settings, long elapsedNanos) {
        try {
            return settings.permit.admit(elapsedNanos);
        } catch (Throwable e) {
            UserCode.threw(e, () -> "Permit " + settings.permit + " of circuit breaker '" + name
                    + "' threw; the call is rejected");
            return false;
        }
    }

    /**
     * Reports the end of a permitted call into the current stay, reading the ticker at most once: for the duration
     * when the call was timed when it was permitted, and for the window when the current one uses time. A ticker
     * that throws gives the permission back before the exception propagates.
     *
     * @return whether the call counted as a failure
     */
    boolean end(long permission, Throwable error, long startNanos) {
        Stay p = stay;
        boolean timed = Permission.timed(permission);
        long now;
        try {
            now = timed || p.settings.clocked ? ticker.read() : 0;
        } catch (Throwable e) {
            release(permission);
            throw e;
        }
        long duration = timed ? Math.max(0, now - startNanos) : 0;
        if (error == null) {
            onSuccess(p, permission, duration, now);
            return false;
        }
        return onError(p, permission, error, duration, now);
    }

    private void onSuccess(Stay p, long permission, long durationNanos, long nowNanos) {
        try {
            boolean slow = durationNanos >= p.settings.slowThresholdNanos;
            statistics.record(CallOutcome.SUCCESS, slow, durationNanos);
            if (p.epoch == Permission.epoch(permission) && p.recorder != null) {
                boolean streakEnded = p.consecutiveFailures.get() != 0;
                if (streakEnded) {
                    p.consecutiveFailures.set(0);
                }
                recordAndEvaluate(p, false, slow, durationNanos, nowNanos, streakEnded);
            }
        } finally {
            release(permission);
        }
    }

    private boolean onError(Stay p, long permission, Throwable error, long durationNanos, long nowNanos) {
        try {
            boolean failure = tracks(p.settings, error);
            boolean slow = durationNanos >= p.settings.slowThresholdNanos;
            statistics.record(failure ? CallOutcome.FAILURE : CallOutcome.IGNORED, slow, durationNanos);
            if (failure && p.epoch == Permission.epoch(permission) && p.recorder != null) {
                p.consecutiveFailures.incrementAndGet();
                recordAndEvaluate(p, true, slow, durationNanos, nowNanos, true);
            }
            return failure;
        } finally {
            release(permission);
        }
    }

    void release(long permission) {
        if (Permission.holdsProbeSlot(permission)) {
            probeSlots.release(Permission.epoch(permission));
        }
    }

    private boolean tracks(Settings settings, Throwable error) {
        try {
            return settings.tracker.test(error);
        } catch (Throwable e) {
            UserCode.threw(e, () -> "Tracker " + settings.tracker + " of circuit breaker '" + name + "' threw on "
                    + error.getClass().getName() + "; the call counts as a failure");
            return true;
        }
    }

    /**
     * Records a call into the stay's window and asks the tripper. After a success in CLOSED the window is first
     * read lagging ({@link WindowReads#firesLagging}: a time window may see other threads' latest calls a little
     * late there); that read only rules a trip out, and a trip is decided on an exact read. The recorder hands the
     * counts to the tripper as primitives, so that the call path builds no {@link Metric}.
     *
     * <p>In CLOSED a firing tripper opens the breaker. In HALF_OPEN the probe decides whatever its outcome: the
     * breaker reopens when the tripper fires (a slow success too, as CLOSED trips on slow successes), and closes after
     * a success when it does not; after a failure that does not fire, it stays HALF_OPEN for the next probe.
     *
     * <p>In CLOSED the tripper is not asked again when nothing it reads has changed: a record that changed no
     * count ({@link WindowReads#recordChangingCounts}), of a tripper that reads no durations, by a call that ended
     * no failure streak. The call that last changed what the tripper reads asked it after its own record.
     */
    private void recordAndEvaluate(Stay p, boolean failed, boolean slow, long durationNanos, long nowNanos,
            boolean streakChanged) {
        boolean countsChanged = ((WindowReads) p.recorder).recordChangingCounts(failed, slow, durationNanos, nowNanos);
        if (p.state != State.CLOSED && p.state != State.HALF_OPEN) {
            return;
        }
        if (p.state == State.CLOSED && !countsChanged && !streakChanged && !p.settings.tripperUsesDurations) {
            return;
        }
        evaluate(p, failed, slow, nowNanos);
    }

    /**
     * Asks the tripper after a call and makes the transition it calls for. When a reconfiguration replaced the stay
     * meanwhile (same epoch), the call is evaluated again under the new settings, so that no trip is lost to it.
     */
    private void evaluate(Stay p, boolean failed, boolean slow, long nowNanos) {
        while (true) {
            int streak = p.consecutiveFailures.get();
            boolean made;
            if (fires(p, p.state == State.CLOSED && !failed && !slow, nowNanos, streak)) {
                made = tripped(p, failed, slow, nowNanos, streak);
            } else if (p.state == State.HALF_OPEN && !failed) {
                Tripper tripper = p.settings.tripper;
                made = transition(p, State.CLOSED, () -> "probe succeeded and " + tripper + " no longer fires");
            } else {
                return;
            }
            Stay current = stay;
            if (made || current.epoch != p.epoch || current.recorder == null) {
                return;
            }
            p = current;
        }
    }

    private boolean fires(Stay p, boolean lagging, long nowNanos, int streak) {
        WindowReads reads = (WindowReads) p.recorder;
        Settings settings = p.settings;
        try {
            return (!lagging || reads.firesLagging(nowNanos, settings.tripperUsesDurations, settings.tripper,
                    p.state, streak))
                    && reads.firesExact(nowNanos, settings.tripperUsesDurations, settings.tripper, p.state, streak);
        } catch (Throwable e) {
            UserCode.threw(e, () -> "Tripper " + settings.tripper + " of circuit breaker '" + name
                    + "' threw; treated as not firing");
            return false;
        }
    }

    /**
     * Opens the breaker because the tripper fired; the reason is described from a read of the window made now (other
     * threads' calls since the tripper's own read may show).
     *
     * @return whether this call made the transition
     */
    private boolean tripped(Stay p, boolean failed, boolean slow, long nowNanos, int streak) {
        String prefix = p.state == State.CLOSED ? ""
                : failed ? "probe failed: " : slow ? "probe was slow: " : "probe succeeded, yet ";
        Metric seen = p.recorder.read(nowNanos);
        Tripper tripper = p.settings.tripper;
        return transition(p, State.OPEN, () -> prefix + tripper.explain(seen, p.state, streak));
    }

    /**
     * Manual control: moves to {@code target} from whatever state the breaker is in. A breaker already held in
     * {@code target} by manual control is left alone, with no signal; only {@code reset()} (a {@code target} of
     * CLOSED) always starts a new stay, so that it clears the window.
     */
    void force(State target, String reason) {
        for (Stay current = stay; !(current.state == target && target != State.CLOSED); current = stay) {
            if (transition(current, target, () -> reason)) {
                return;
            }
            Thread.onSpinWait();
        }
    }

    /**
     * Leaves {@code from} for a new stay in {@code target}, unless another transition left it first.
     *
     * @return whether this call made the transition
     */
    private boolean transition(Stay from, State target, Supplier<String> reason) {
        if (stay != from) {
            return false;
        }
        Stay next = next(from, target, describe(reason));
        publishLock.lock();
        try {
            if (stay != from) {
                return false;
            }
            probeSlots.restamp(next.epoch);
            from.successor = next;
            stay = next;
        } finally {
            publishLock.unlock();
        }
        from.left();
        if (!next.waitMayBeOver() && next.waitNanos != Retry.NEVER) {
            // Before the listeners run: a slow listener must not delay the end of the wait.
            scheduleWakeUp(next, next.waitNanos);
        }
        dispatcher.drain();
        return true;
    }

    private void scheduleWakeUp(Stay waiting, long delayNanos) {
        try {
            waiting.scheduled(timer.after(delayNanos, waiting::wakeUp));
        } catch (Throwable e) {
            waiting.wakeUp();
            if (e instanceof VirtualMachineError error) {
                throw error;
            }
            if (timerFailureLogged.compareAndSet(false, true)) {
                UserCode.threw(e, () -> "Circuit breaker '" + name + "' could not schedule the end of a wait; while"
                        + " OPEN or HALF_OPEN it reads the ticker on every call instead (logged once)");
            }
        }
    }

    private String describe(Supplier<String> reason) {
        try {
            return reason.get();
        } catch (Throwable e) {
            UserCode.threw(e, () -> "Could not describe a transition of circuit breaker '" + name + "'");
            return "(no reason: " + e.getClass().getName() + " while describing it)";
        }
    }

    /** The stay that {@code target} would start now; runs the user code a transition needs, outside the lock. */
    private Stay next(Stay from, State target, String reason) {
        int reopens = switch (target) {
            case CLOSED -> 0;
            case OPEN -> from.state == State.HALF_OPEN ? from.reopens + 1 : from.reopens;
            default -> from.reopens;
        };
        int streak = target == State.CLOSED || target == State.HALF_OPEN ? 0 : from.consecutiveFailures.get();
        Settings settings = from.settings;
        long wait = switch (target) {
            case OPEN -> waitNanos(settings.retry, reopens);
            case HALF_OPEN -> settings.maxHalfOpenNanos;
            default -> 0;
        };
        boolean waitMayBeOver = wait != Retry.NEVER && (timer == null || wait == 0);
        Window.Recorder recorder = recordsIn(target) ? settings.window.newRecorder() : null;
        long now = ticker.read();
        Instant changedAt = clock.instant();
        return new Stay(target, from.epoch + 1, settings, now, changedAt, reopens, recorder, streak, wait,
                waitMayBeOver, new Signal(name, from.state, target, changedAt, reason));
    }

    private static boolean recordsIn(State state) {
        return state == State.CLOSED || state == State.HALF_OPEN || state == State.METRICS_ONLY;
    }

    private long waitNanos(Retry retry, int reopens) {
        try {
            return Math.max(0, retry.waitNanos(reopens));
        } catch (Throwable e) {
            UserCode.threw(e, () -> "Retry " + retry + " of circuit breaker '" + name + "' threw; waiting 60s instead");
            return DEFAULT_WAIT_NANOS;
        }
    }

    /**
     * Replaces the current stay with one under {@code next} (see {@link Stay}): the state, epoch, times, reopens,
     * failure streak and statistics stay; an OPEN stay keeps the wait it drew on entry (the new retry draws the
     * next one), a HALF_OPEN stay gets the new {@code maxHalfOpenDuration}, counted from its entry; the window is
     * kept when it is the same, migrated between windows of one kind, reset otherwise ({@link #windowFor}). Retries
     * when a transition publishes first, so it applies to whatever stay is current.
     */
    Reconfiguration reconfigure(Settings next) {
        while (true) {
            Stay from = stay;
            long now = ticker.read();
            StringBuilder reason = new StringBuilder(Settings.changes(from.settings, next));
            Window.Recorder recorder = windowFor(from, next, now, reason);
            long wait = switch (from.state) {
                case OPEN -> from.waitNanos;
                case HALF_OPEN -> next.maxHalfOpenNanos;
                default -> 0;
            };
            long remaining = wait == Retry.NEVER ? Retry.NEVER : Math.max(0, wait - (now - from.enteredAtNanos));
            boolean waitMayBeOver = wait != Retry.NEVER && (timer == null || remaining == 0);
            Reconfiguration event = new Reconfiguration(name, from.state, clock.instant(), from.settings.config,
                    next.config, reason.toString());
            Stay replacement = from.reconfigured(next, recorder, wait, waitMayBeOver, event);
            publishLock.lock();
            try {
                if (stay != from) {
                    continue;
                }
                from.successor = replacement;
                stay = replacement;
            } finally {
                publishLock.unlock();
            }
            from.left();
            if (!waitMayBeOver && wait != Retry.NEVER) {
                scheduleWakeUp(replacement, remaining);
            }
            dispatcher.drain();
            return event;
        }
    }

    /** The recorder of the reconfigured stay, and what became of the window, appended to {@code reason}. */
    private static Window.Recorder windowFor(Stay from, Settings next, long nowNanos, StringBuilder reason) {
        Window before = from.settings.window;
        Window after = next.window;
        reason.append(reason.isEmpty() ? "" : "; ").append("window ");
        if (from.recorder == null) {
            reason.append(before.equals(after) ? before + " kept" : before + " -> " + after)
                    .append(" (" + from.state + " records nothing; the next state starts with an empty window)");
            return null;
        }
        if (before.equals(after)) {
            reason.append(before).append(" kept");
            return from.recorder;
        }
        Window.Recorder migrated = ((WindowReads) from.recorder).migrated(after, nowNanos);
        reason.append(before).append(" -> ").append(after);
        if (migrated == null) {
            reason.append(" reset: the outcomes of a ").append(kind(before)).append(" do not carry over to a ")
                    .append(kind(after));
            return after.newRecorder();
        }
        reason.append(after instanceof CountWindow ? " keeps the newest outcomes" : " keeps the newest seconds");
        return migrated;
    }

    private static String kind(Window window) {
        return window instanceof CountWindow ? "count window" : "time window";
    }
}
