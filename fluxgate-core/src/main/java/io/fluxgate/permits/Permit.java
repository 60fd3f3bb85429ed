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

    /**
     * Whether {@link #admit} reads its {@code elapsedNanos}. A breaker whose permit ignores it (and that has
     * no {@code maxHalfOpenDuration}) does not read the clock to hand out a probe slot.
     *
     * @return {@code true} unless the permit is known to ignore time (the safe default)
     */
    default boolean usesTime() {
        return true;
    }
}
