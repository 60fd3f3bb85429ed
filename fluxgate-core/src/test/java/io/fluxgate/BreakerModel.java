package io.fluxgate;

import io.fluxgate.ModelConfig.Fault;
import io.fluxgate.ModelConfig.Seen;
import io.fluxgate.ModelConfig.TripperSpec;
import io.fluxgate.retries.Retry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * A small, pure, single-threaded reference model of SPEC §3–§4: what a breaker must do, written as plainly as
 * possible (the window is a list, arithmetic is exact) and sharing no code with the engine. A count window
 * keeps the last {@code size} entries; a time window keeps every entry with the second it was recorded in and
 * a read at time t sees the entries of t's second and the {@code seconds − 1} before it (SPEC §4). Randomised
 * retries and permits draw from generators seeded like the breaker's, in the order SPEC gives: a retry once per
 * OPEN stay, a permit once per HALF_OPEN call that reaches it.
 */
final class BreakerModel {

    /** What an acquire gave: a rejection ({@code rejectedIn != null}) or a ticket for one call. */
    record Ticket(State rejectedIn, long epoch, boolean holdsSlot) {
        boolean permitted() {
            return rejectedIn == null;
        }
    }

    record Entry(boolean failure, boolean slow, long durationNanos, long second) {
    }

    /** One signal: old and new state, when (wall nanos since the epoch) and why. */
    record Sig(State from, State to, long wallNanos, String reason) {
    }

    private final ModelConfig config;
    private final ArrayDeque<Entry> window = new ArrayDeque<>();
    final List<Sig> signals = new ArrayList<>();
    /** What this run went through (transitions, kinds of rejection, stale outcomes), for coverage checks. */
    final Set<String> events = new TreeSet<>();
    /** Cumulative counts per outcome and slowness, indexed like {@link #statIndex}. */
    final long[] statistics = new long[CallOutcome.values().length * 2];

    long now;
    long wall;
    State state = State.CLOSED;
    long epoch;
    long enteredAt;
    long changedAtWall;
    int reopens;
    int streak;
    long waitNanos;
    /** Calls of the current HALF_OPEN stay running with a slot; a new stay starts with none. */
    int probes;

    private final RandomGenerator retryRandom;
    private final RandomGenerator permitRandom;

    BreakerModel(ModelConfig config) {
        this.config = config;
        this.retryRandom = config.retryRandom();
        this.permitRandom = config.permitRandom();
        this.now = config.startNanos();
        this.enteredAt = now;
    }

    static int statIndex(CallOutcome outcome, boolean slow) {
        return outcome.ordinal() * 2 + (slow ? 1 : 0);
    }

    void advance(long nanos) {
        now += nanos;
        wall += nanos;
    }

    Ticket acquire() {
        while (true) {
            if (state == State.OPEN) {
                if (waitNanos == Retry.NEVER || now - enteredAt < waitNanos) {
                    return reject(State.OPEN);
                }
                transition(State.HALF_OPEN, null);
            } else if (state == State.HALF_OPEN && probes > 0 && now - enteredAt >= config.halfOpenBoundNanos()) {
                // maxHalfOpenDuration: probes outstanding for too long without a decision; back to OPEN, a reopen.
                events.add("half-open bound passed");
                transition(State.OPEN, null);
            } else {
                break;
            }
        }
        return switch (state) {
            case CLOSED, METRICS_ONLY, DISABLED -> new Ticket(null, epoch, false);
            case FORCED_OPEN -> reject(State.FORCED_OPEN);
            case HALF_OPEN -> {
                boolean admitted = config.permit().admits(now - enteredAt, permitRandom);
                if (config.permit() instanceof ModelConfig.PermitSpec.RandomPermit
                        || config.permit() instanceof ModelConfig.PermitSpec.Ramp) {
                    events.add(admitted ? "random permit admitted" : "random permit refused");
                }
                if (!admitted) {
                    events.add("permit refused");
                    yield reject(State.HALF_OPEN);
                }
                if (probes >= config.maxHalfOpenCalls()) {
                    events.add("probe limit");
                    yield reject(State.HALF_OPEN);
                }
                probes++;
                yield new Ticket(null, epoch, true);
            }
            case OPEN -> throw new AssertionError("left OPEN above");
        };
    }

    private Ticket reject(State in) {
        statistics[statIndex(CallOutcome.REJECTED, false)]++;
        return new Ticket(in, -1, false);
    }

    void success(Ticket ticket, long measuredNanos) {
        long durationNanos = config.recorded(measuredNanos);
        boolean slow = config.isSlow(durationNanos);
        statistics[statIndex(CallOutcome.SUCCESS, slow)]++;
        if (recordsFor(ticket)) {
            record(new Entry(false, slow, durationNanos, second()));
            streak = 0;
            evaluate(false);
        }
        release(ticket);
    }

    /** Returns whether the tracker counted the fault as a failure. */
    boolean error(Ticket ticket, Fault fault, long measuredNanos) {
        long durationNanos = config.recorded(measuredNanos);
        boolean failure = config.tracker().tracks(fault);
        boolean slow = config.isSlow(durationNanos);
        statistics[statIndex(failure ? CallOutcome.FAILURE : CallOutcome.IGNORED, slow)]++;
        if (failure && recordsFor(ticket)) {
            record(new Entry(true, slow, durationNanos, second()));
            streak++;
            evaluate(true);
        }
        release(ticket);
        return failure;
    }

    void release(Ticket ticket) {
        if (ticket.holdsSlot() && ticket.epoch() == epoch) {
            probes--;
        }
    }

    void manual(State target, String reason) {
        if (state != target || target == State.CLOSED) {
            transition(target, reason);
        }
    }

    /** A call is recorded only in the phase that admitted it, and only in states that record. */
    private boolean recordsFor(Ticket ticket) {
        if (ticket.epoch() != epoch) {
            events.add("stale outcome");
        }
        return ticket.epoch() == epoch
                && (state == State.CLOSED || state == State.HALF_OPEN || state == State.METRICS_ONLY);
    }

    private long second() {
        return Math.floorDiv(now, ModelConfig.NANOS_PER_SECOND);
    }

    private void record(Entry entry) {
        if (!config.measureDurations()) {
            events.add("unmeasured call recorded");
        }
        window.addLast(entry);
        if (!config.timeWindow() && window.size() > config.windowSize()) {
            window.removeFirst();
        }
    }

    /** What a read at {@code now} sees; for a time window, notes when it leaves out expired entries. */
    private List<Entry> visible(String expiredEvent) {
        if (!config.timeWindow()) {
            return List.copyOf(window);
        }
        long newest = second();
        long oldest = newest - config.windowSize() + 1;
        List<Entry> seen = window.stream().filter(e -> e.second() >= oldest && e.second() <= newest).toList();
        if (seen.size() < window.size()) {
            events.add(expiredEvent);
        }
        return seen;
    }

    private Seen seen(List<Entry> entries) {
        return new Seen(entries.size(), entries.stream().filter(Entry::failure).count(),
                entries.stream().filter(Entry::slow).count(),
                entries.stream().mapToLong(Entry::durationNanos).sum(), state, streak);
    }

    private void evaluate(boolean failed) {
        if (state != State.CLOSED && state != State.HALF_OPEN) {
            return;
        }
        Seen seen = seen(visible("bucket expired before evaluation"));
        if (firesAvgLatency(config.tripper(), seen)) {
            events.add("AvgLatency fired");
        }
        boolean fires = config.tripper().test(seen);
        if (state == State.CLOSED && fires) {
            transition(State.OPEN, null);
        } else if (state == State.HALF_OPEN && fires) {
            events.add(failed ? "failed probe reopened" : "successful probe reopened");
            transition(State.OPEN, null);
        } else if (state == State.HALF_OPEN && !failed && !fires) {
            transition(State.CLOSED, null);
        }
    }

    private void transition(State target, String reason) {
        State from = state;
        if (target == State.CLOSED) {
            reopens = 0;
        } else if (target == State.OPEN && from == State.HALF_OPEN) {
            reopens++;
        }
        if (target == State.CLOSED || target == State.HALF_OPEN) {
            streak = 0;
        }
        waitNanos = target == State.OPEN ? config.retry().waitNanos(reopens, retryRandom) : 0;
        if (target == State.OPEN && config.retry().jittered()) {
            events.add("jittered wait drawn");
        }
        state = target;
        epoch++;
        probes = 0;
        enteredAt = now;
        changedAtWall = wall;
        window.clear();
        signals.add(new Sig(from, target, wall, reason));
        events.add(from + "->" + target);
    }

    private static boolean firesAvgLatency(TripperSpec tripper, Seen seen) {
        if (tripper instanceof TripperSpec.Avg avg) {
            return avg.test(seen);
        }
        if (tripper instanceof TripperSpec.And and) {
            return firesAvgLatency(and.left(), seen) || firesAvgLatency(and.right(), seen);
        }
        if (tripper instanceof TripperSpec.Or or) {
            return firesAvgLatency(or.left(), seen) || firesAvgLatency(or.right(), seen);
        }
        return false;
    }

    /** The window as a read at {@code now} sees it. */
    Metric metric() {
        Seen seen = seen(visible("bucket expired on read"));
        return new Metric(seen.total(), seen.failures(), seen.slow(), Duration.ofNanos(seen.nanos()));
    }

    /**
     * How long until OPEN allows a probe, or until HALF_OPEN reaches {@code maxHalfOpenDuration}; -1 when
     * neither applies.
     */
    long remainingWait() {
        if (state == State.HALF_OPEN && probes > 0) {
            return Math.max(0, config.halfOpenBoundNanos() - (now - enteredAt));
        }
        if (state != State.OPEN || waitNanos == Retry.NEVER) {
            return -1;
        }
        return Math.max(0, waitNanos - (now - enteredAt));
    }
}
