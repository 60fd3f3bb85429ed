package io.fluxgate;

import io.fluxgate.ModelConfig.Fault;
import io.fluxgate.retries.Retry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A small, pure, single-threaded reference model of SPEC §3–§4: what a breaker must do, written as plainly as
 * possible (the window is a list, arithmetic is exact) and sharing no code with the engine.
 */
final class BreakerModel {

    /** What an acquire gave: a rejection ({@code rejectedIn != null}) or a ticket for one call. */
    record Ticket(State rejectedIn, long epoch, boolean holdsSlot) {
        boolean permitted() {
            return rejectedIn == null;
        }
    }

    record Entry(boolean failure, boolean slow, long durationNanos) {
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
    /** Calls running with a HALF_OPEN slot, whichever HALF_OPEN episode admitted them. */
    int probes;

    BreakerModel(ModelConfig config) {
        this.config = config;
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
        if (state == State.OPEN) {
            if (waitNanos == Retry.NEVER || now - enteredAt < waitNanos) {
                return reject(State.OPEN);
            }
            transition(State.HALF_OPEN, null);
        }
        return switch (state) {
            case CLOSED, METRICS_ONLY, DISABLED -> new Ticket(null, epoch, false);
            case FORCED_OPEN -> reject(State.FORCED_OPEN);
            case HALF_OPEN -> {
                if (!config.permit().admits(now - enteredAt)) {
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

    void success(Ticket ticket, long durationNanos) {
        boolean slow = config.isSlow(durationNanos);
        statistics[statIndex(CallOutcome.SUCCESS, slow)]++;
        if (recordsFor(ticket)) {
            record(new Entry(false, slow, durationNanos));
            streak = 0;
            evaluate(false);
        }
        release(ticket);
    }

    /** Returns whether the tracker counted the fault as a failure. */
    boolean error(Ticket ticket, Fault fault, long durationNanos) {
        boolean failure = config.tracker().tracks(fault);
        boolean slow = config.isSlow(durationNanos);
        statistics[statIndex(failure ? CallOutcome.FAILURE : CallOutcome.IGNORED, slow)]++;
        if (failure && recordsFor(ticket)) {
            record(new Entry(true, slow, durationNanos));
            streak++;
            evaluate(true);
        }
        release(ticket);
        return failure;
    }

    void release(Ticket ticket) {
        if (ticket.holdsSlot()) {
            probes--;
        }
    }

    void manual(State target, String reason) {
        transition(target, reason);
    }

    /** A call is recorded only in the phase that admitted it, and only in states that record. */
    private boolean recordsFor(Ticket ticket) {
        if (ticket.epoch() != epoch) {
            events.add("stale outcome");
        }
        return ticket.epoch() == epoch
                && (state == State.CLOSED || state == State.HALF_OPEN || state == State.METRICS_ONLY);
    }

    private void record(Entry entry) {
        window.addLast(entry);
        if (window.size() > config.windowSize()) {
            window.removeFirst();
        }
    }

    private void evaluate(boolean failed) {
        if (state != State.CLOSED && state != State.HALF_OPEN) {
            return;
        }
        boolean fires = config.tripper().test(total(), failures(), slow(), state, streak);
        if (state == State.CLOSED && fires) {
            transition(State.OPEN, null);
        } else if (state == State.HALF_OPEN && failed && fires) {
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
        waitNanos = target == State.OPEN ? config.retry().waitNanos(reopens) : 0;
        state = target;
        epoch++;
        enteredAt = now;
        changedAtWall = wall;
        window.clear();
        signals.add(new Sig(from, target, wall, reason));
        events.add(from + "->" + target);
    }

    long total() {
        return window.size();
    }

    long failures() {
        return window.stream().filter(Entry::failure).count();
    }

    long slow() {
        return window.stream().filter(Entry::slow).count();
    }

    Metric metric() {
        long nanos = window.stream().mapToLong(Entry::durationNanos).sum();
        return new Metric(total(), failures(), slow(), Duration.ofNanos(nanos));
    }

    /** How long until OPEN allows a probe, or -1 when not OPEN or never. */
    long remainingWait() {
        if (state != State.OPEN || waitNanos == Retry.NEVER) {
            return -1;
        }
        return Math.max(0, waitNanos - (now - enteredAt));
    }
}
