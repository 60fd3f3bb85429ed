package io.fluxgate;

import io.fluxgate.listeners.LogListener;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;

/**
 * Says, at most once a minute of ticker time, that a full {@link KeyedCircuitBreaker} sent a new key's call through its
 * overflow breaker, with how many such calls there were since the last warning. Used under the family's lock.
 */
final class OverflowWarning {

    static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private static final System.Logger LOG = System.getLogger(LogListener.LOGGER_NAME);

    private final String family;
    private final int maxKeys;
    private final String overflowName;
    private boolean warned;
    private long warnedAt;
    private long overflowedSinceWarning;

    OverflowWarning(String family, int maxKeys, String overflowName) {
        this.family = family;
        this.maxKeys = maxKeys;
        this.overflowName = overflowName;
    }

    void overflowed(Object key, long now) {
        overflowedSinceWarning++;
        if (warned && now - warnedAt < INTERVAL_NANOS) {
            return;
        }
        long calls = overflowedSinceWarning;
        LOG.log(Level.WARNING, () -> message(key, calls));
        warned = true;
        warnedAt = now;
        overflowedSinceWarning = 0;
    }

    private String message(Object key, long calls) {
        return "Keyed circuit breaker '" + family + "' is full: all " + maxKeys + " keys (maxKeys) have a breaker "
                + "that is not CLOSED, so none can be evicted; calls for new keys (this one: '" + key
                + "') run through the shared breaker '" + overflowName + "' until a key's breaker is CLOSED again ("
                + calls + " such call(s) since the last warning; logged at most once a minute)";
    }
}
