package io.fluxgate.windows;

import io.fluxgate.Metric;

/**
 * Which recent call outcomes a breaker looks at. A window is an immutable description
 * ({@link CountWindow}, {@link TimeWindow}); each breaker state gets a fresh {@link Recorder} from it, so one
 * window value can serve many breakers.
 */
public interface Window {

    /**
     * Creates an empty, thread-safe store for the outcomes of one breaker state.
     *
     * @return a new recorder
     */
    Recorder newRecorder();

    /**
     * The mutable store behind a window. Implementations are thread-safe and never block.
     */
    interface Recorder {

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
