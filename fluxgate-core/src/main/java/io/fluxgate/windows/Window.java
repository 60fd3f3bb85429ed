package io.fluxgate.windows;

import io.fluxgate.Metric;

/**
 * Which recent call outcomes a breaker looks at. A window is an immutable description
 * ({@link CountWindow}, {@link TimeWindow}); each breaker state gets a fresh {@link Recorder} from it, so one
 * window value can serve many breakers.
 *
 * <p>The hierarchy is sealed: a window's recorder is on every call's path, where the breaker reads it in ways
 * shaped for the JIT compiler (without allocating, with the lag {@link TimeWindow} allows after a success), and
 * those reads are not something an application should have to implement. The two built-ins cover counting by
 * calls and by time; docs/windows.md says how to choose.
 */
public sealed interface Window permits CountWindow, TimeWindow {

    /**
     * Creates an empty, thread-safe store for the outcomes of one breaker state.
     *
     * @return a new recorder
     */
    Recorder newRecorder();

    /**
     * Whether the recorder needs the ticker time of each call ({@code nowNanos}). A {@link CountWindow} does
     * not, so a breaker that measures no durations need not read the clock at all on its call path.
     *
     * @return {@code false} for a {@link CountWindow}, {@code true} for a {@link TimeWindow}
     */
    default boolean usesTime() {
        return true;
    }

    /**
     * The mutable store behind a window, thread-safe and non-blocking. Sealed with {@link Window}: the breaker
     * reads its built-in recorders through internal methods besides these.
     */
    sealed interface Recorder permits CountRecorder, TimeRecorder {

        /**
         * Records one call.
         *
         * @param failure       whether the tracker counted the call as a failure
         * @param slow          whether the call reached the slow threshold
         * @param durationNanos how long the call took, {@code >= 0}
         * @param nowNanos      ticker time at which the call ended
         */
        void record(boolean failure, boolean slow, long durationNanos, long nowNanos);

        /**
         * Reads what the window covers at a ticker time.
         *
         * @param nowNanos ticker time of the read
         * @return the counts of the calls the window covers
         */
        Metric read(long nowNanos);

        /** Forgets every recorded call. */
        void reset();
    }
}
