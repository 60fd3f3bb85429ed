package io.fluxgate.internal;

import io.fluxgate.State;
import io.fluxgate.trippers.Tripper;
import io.fluxgate.windows.Window;

/**
 * The reads the engine makes after each recorded call, implemented by the built-in recorders next to the public
 * {@link io.fluxgate.windows.Window.Recorder} (a sealed type, so every recorder has them). A read hands the
 * window's counts to the tripper as primitives ({@link CountsTripper#test(Tripper, long, long, long, long, State,
 * int)}) inside the recorder, so that no object carries them, whatever C2 inlines. Not API.
 */
public interface WindowReads {

    /**
     * Records one call, as {@link io.fluxgate.windows.Window.Recorder#record} does, and says whether a tripper
     * that reads no durations could now answer differently than it did after the last call that changed the
     * window. A count window answers {@code false} for a record that left its call, failure and slow counts as
     * they were (a fast success evicting a fast success): every record that changes them is followed by its own
     * read, and the last of them to finish reads them all. A time window always answers {@code true}, as its
     * counts change with time alone.
     *
     * @param failure       whether the tracker counted the call as a failure
     * @param slow          whether the call reached the slow threshold
     * @param durationNanos how long the call took, {@code >= 0}
     * @param nowNanos      ticker time at which the call ended
     * @return {@code false} only when the counts a tripper without durations reads are unchanged
     */
    boolean recordChangingCounts(boolean failure, boolean slow, long durationNanos, long nowNanos);

    /**
     * Reads the window exactly (the window's Javadoc says what that guarantees while other threads record) and
     * asks the tripper.
     *
     * @param nowNanos            ticker time of the read, that of the call just recorded
     * @param withDurations       whether the tripper reads the total duration; if not, it gets 0
     * @param tripper             the breaker's tripper
     * @param state               the state it is evaluated in
     * @param consecutiveFailures recorded failures since the last recorded success
     * @return whether the tripper fires
     */
    boolean firesExact(long nowNanos, boolean withDurations, Tripper tripper, State state, int consecutiveFailures);

    /**
     * Like {@link #firesExact}, but the read may see other threads' newest calls a little late (docs/windows.md
     * says how late), and so may read a rate the window never had: the engine uses it after a successful, not
     * slow call in CLOSED only to rule a trip out.
     *
     * @param nowNanos            ticker time of the read, that of the call just recorded
     * @param withDurations       whether the tripper reads the total duration; if not, it gets 0
     * @param tripper             the breaker's tripper
     * @param state               the state it is evaluated in
     * @param consecutiveFailures recorded failures since the last recorded success
     * @return whether the tripper fires on the lagging read
     */
    boolean firesLagging(long nowNanos, boolean withDurations, Tripper tripper, State state, int consecutiveFailures);

    /**
     * A new recorder for {@code target} that holds what this one holds and {@code target} can: for a window of
     * the same kind, the newest outcomes (count) or seconds (time) that fit; {@code null} for a window of the other
     * kind, whose outcomes cannot be carried over. Calls recorded here meanwhile may be missing from the copy.
     *
     * @param target   the window of the new configuration, not equal to this recorder's
     * @param nowNanos ticker time of the copy
     * @return the new recorder, or {@code null}
     */
    Window.Recorder migrated(Window target, long nowNanos);
}
