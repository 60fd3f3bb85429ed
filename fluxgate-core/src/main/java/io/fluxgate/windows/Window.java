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
     * Whether the recorder needs the ticker time of each call ({@code nowNanos}). A {@link CountWindow} does
     * not, so a breaker that measures no durations need not read the clock at all on its call path.
     *
     * @return {@code true} unless the window is known to ignore time (the safe default)
     */
    default boolean usesTime() {
        return true;
    }

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

        /**
         * Like {@link #read}, for a reader that ignores durations: the returned total duration may be zero.
         * The breaker uses it to evaluate a tripper that reads no durations without building a
         * {@link java.time.Duration} per call.
         *
         * @param nowNanos ticker time of the read
         * @return the counts of the calls the window covers
         */
        default Metric readCounts(long nowNanos) {
            return read(nowNanos);
        }

        /**
         * Reads the window for the breaker's decision right after the calling thread recorded a successful,
         * not slow call in CLOSED (the breaker asks its tripper after every call; after other calls it reads
         * through {@link #read} or {@link #readCounts}). The read may see recent calls of other threads a
         * little late, so that a call need not pull every other thread's counters into its cache: a
         * {@link TimeWindow} sums them again after at most 1 ms of ticker time or 64 calls. The default reads
         * exactly.
         *
         * @param nowNanos      ticker time of the read, that of the call just recorded
         * @param withDurations whether the caller reads the total duration; if not, it may be zero
         * @return the counts of the calls the window covers
         */
        default Metric readAfterSuccess(long nowNanos, boolean withDurations) {
            return withDurations ? read(nowNanos) : readCounts(nowNanos);
        }

        /** Forgets every recorded call. */
        void reset();
    }
}
