package io.fluxgate.spring.actuate;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fluxgate.Metric;
import io.fluxgate.State;
import io.fluxgate.trippers.Tripper;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Where a breaker's tripper fires in the state whose rule applies now, for the dashboard's "trips at": the
 * failure rate and the slow rate it opens at, and the fewest calls it needs. {@code Closed() & FailureRate(0.5) |
 * HalfOpened() & FailureRate(0.2)} trips at 0.5 in CLOSED and at 0.2 in HALF_OPEN (and while OPEN, whose next
 * evaluation is a HALF_OPEN one).
 *
 * <p>Read from the tripper's behaviour, not its text: the core's public API has no view of an expression's
 * tree ({@code &} and {@code |} are private combinators), but {@link Tripper#test} is public, so each point is
 * found by asking the tripper on made-up windows of {@value #CALLS} calls (more than any {@code MinRequests}) and
 * searching the count where it starts to fire. That is exact for every built-in tripper and also gives a user's
 * own tripper its thresholds, as long as more failures never make it fire less. A rate is searched with the
 * other rate at zero and, where it cannot fire so ({@code FailureRate(0.5) & SlowRate(0.5)}), with every call
 * also slow and very slow; with no streak ({@code FailureStreak} never counts). About a hundred evaluations.
 *
 * @param appliesIn   {@code CLOSED} or {@code HALF_OPEN}: the state whose rule these are
 * @param failureRate the lowest failure rate that fires, {@code null} when the failure rate alone never decides
 *                    (no {@code FailureRate} in that state's rule, or the rule fires whatever it is)
 * @param slowRate    the lowest slow rate that fires, {@code null} likewise
 * @param minCalls    the fewest calls in the window for it to fire at all, {@code null} when it never fires on
 *                    calls alone (e.g. only a {@code FailureStreak})
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Thresholds(State appliesIn, @Nullable Double failureRate, @Nullable Double slowRate,
        @Nullable Long minCalls) {

    /** How many calls the made-up windows hold: above {@code Integer.MAX_VALUE}, so any {@code MinRequests}. */
    static final long CALLS = 1L << 31;

    private static final Duration SLOWEST = Duration.ofSeconds(Long.MAX_VALUE);

    /**
     * The thresholds of a tripper for a breaker in a state.
     *
     * @param tripper the breaker's tripper
     * @param state   the breaker's state: HALF_OPEN and OPEN (whose next calls are probes) read the HALF_OPEN
     *                rule, every other state the CLOSED one (FORCED_OPEN and the others go to CLOSED on a reset)
     * @return its thresholds, every one {@code null} when the tripper threw
     */
    static Thresholds of(Tripper tripper, State state) {
        State rule = state == State.HALF_OPEN || state == State.OPEN ? State.HALF_OPEN : State.CLOSED;
        try {
            return new Thresholds(rule, rate(tripper, rule, true), rate(tripper, rule, false), minCalls(tripper, rule));
        } catch (RuntimeException e) { // a user's tripper that throws on a made-up window: the page shows no threshold
            return new Thresholds(rule, null, null, null);
        }
    }

    private static @Nullable Double rate(Tripper tripper, State rule, boolean failures) {
        for (boolean othersWorst : new boolean[] { false, true }) {
            long other = othersWorst ? CALLS : 0;
            Duration duration = othersWorst ? SLOWEST : Duration.ZERO;
            Probe probe = count -> tripper.test(failures ? new Metric(CALLS, count, other, duration)
                    : new Metric(CALLS, other, count, duration), rule, 0);
            if (probe.fires(0)) {
                return null; // fires whatever this rate is: it does not decide
            }
            if (probe.fires(CALLS)) {
                return Math.round((double) lowestFiring(probe, 0, CALLS) / CALLS * 1e6) / 1e6;
            }
        }
        return null;
    }

    private static @Nullable Long minCalls(Tripper tripper, State rule) {
        Probe probe = count -> tripper.test(new Metric(count, count, count, SLOWEST), rule, 0);
        if (probe.fires(1)) {
            return 1L;
        }
        return probe.fires(CALLS) ? lowestFiring(probe, 1, CALLS) : null;
    }

    /** The lowest count in {@code (below, firing]} that fires, where {@code below} does not and {@code firing} does. */
    private static long lowestFiring(Probe probe, long below, long firing) {
        long lo = below;
        long hi = firing;
        while (hi - lo > 1) {
            long mid = lo + (hi - lo) / 2;
            if (probe.fires(mid)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    @FunctionalInterface
    private interface Probe {
        boolean fires(long count);
    }
}
