package io.fluxgate.spring.autoconfigure;

import io.fluxgate.CircuitBreaker;
import io.fluxgate.listeners.Listener;
import io.fluxgate.permits.Permit;
import io.fluxgate.retries.Retry;
import io.fluxgate.trackers.Tracker;
import io.fluxgate.trippers.Tripper;
import io.fluxgate.windows.Window;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One breaker's validated settings; {@code null} where nothing was configured, so that the next layer (the
 * defaults, then the core's builder) decides.
 */
record BreakerSettings(@Nullable Window window, @Nullable Tracker tracker, @Nullable Tripper tripper,
        @Nullable Retry retry, @Nullable Permit permit, @Nullable Duration slowThreshold,
        @Nullable Integer maxHalfOpenCalls, @Nullable Duration maxHalfOpenDuration,
        @Nullable Boolean measureDurations, @Nullable List<Listener> listeners) {

    /** Nothing configured: every value comes from the core's defaults. */
    static final BreakerSettings NONE = new BreakerSettings(null, null, null, null, null, null, null, null, null,
            null);

    /** These settings where set, {@code base} elsewhere. */
    BreakerSettings over(BreakerSettings base) {
        return new BreakerSettings(pick(window, base.window), pick(tracker, base.tracker), pick(tripper, base.tripper),
                pick(retry, base.retry), pick(permit, base.permit), pick(slowThreshold, base.slowThreshold),
                pick(maxHalfOpenCalls, base.maxHalfOpenCalls), pick(maxHalfOpenDuration, base.maxHalfOpenDuration),
                pick(measureDurations, base.measureDurations), pick(listeners, base.listeners));
    }

    /** Sets every configured value on the builder. */
    CircuitBreaker.Builder applyTo(CircuitBreaker.Builder builder) {
        if (window != null) {
            builder.window(window);
        }
        if (tracker != null) {
            builder.tracker(tracker);
        }
        if (tripper != null) {
            builder.tripper(tripper);
        }
        if (retry != null) {
            builder.retry(retry);
        }
        if (permit != null) {
            builder.permit(permit);
        }
        if (slowThreshold != null) {
            builder.slowThreshold(slowThreshold);
        }
        if (maxHalfOpenCalls != null) {
            builder.maxHalfOpenCalls(maxHalfOpenCalls);
        }
        if (maxHalfOpenDuration != null) {
            builder.maxHalfOpenDuration(maxHalfOpenDuration);
        }
        if (measureDurations != null) {
            builder.measureDurations(measureDurations);
        }
        if (listeners != null) {
            builder.listeners(listeners);
        }
        return builder;
    }

    private static <T> @Nullable T pick(@Nullable T value, @Nullable T fallback) {
        return value != null ? value : fallback;
    }
}
