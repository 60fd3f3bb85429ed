package io.fluxgate.permits;

/**
 * Decides whether a HALF_OPEN breaker admits a probe call (on top of the
 * {@code maxHalfOpenCalls} cap).
 */
@FunctionalInterface
public interface Permit {

    /**
     * Whether to admit this call.
     *
     * @param elapsedNanos time since the breaker entered HALF_OPEN
     * @return {@code true} to let the call run
     */
    boolean admit(long elapsedNanos);
}
