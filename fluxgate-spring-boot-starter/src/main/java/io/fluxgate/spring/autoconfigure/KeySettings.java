package io.fluxgate.spring.autoconfigure;

import io.fluxgate.KeyedCircuitBreaker;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One keyed breaker's validated {@code keys} settings; {@code null} where nothing was configured, so that the
 * defaults, then the core's builder decide.
 */
record KeySettings(@Nullable Integer max, @Nullable Duration idleEviction, @Nullable Boolean metricsTag) {

    /** Nothing configured. */
    static final KeySettings NONE = new KeySettings(null, null, null);

    /** These settings where set, {@code base} elsewhere. */
    KeySettings over(KeySettings base) {
        return new KeySettings(max != null ? max : base.max,
                idleEviction != null ? idleEviction : base.idleEviction,
                metricsTag != null ? metricsTag : base.metricsTag);
    }

    /** Sets every configured bound on the builder. */
    KeyedCircuitBreaker.Builder applyTo(KeyedCircuitBreaker.Builder builder) {
        if (max != null) {
            builder.maxKeys(max);
        }
        if (idleEviction != null) {
            builder.idleEviction(idleEviction);
        }
        return builder;
    }

    /** Whether meters carry a {@code key} tag; off unless set. */
    boolean keyTag() {
        return Boolean.TRUE.equals(metricsTag);
    }
}
