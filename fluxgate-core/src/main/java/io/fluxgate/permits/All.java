package io.fluxgate.permits;

/**
 * Admits every HALF_OPEN call (up to the breaker's {@code maxHalfOpenCalls}). In expressions: {@code All()}.
 */
public record All() implements Permit {

    @Override
    public boolean admit(long elapsedNanos) {
        return true;
    }

    /**
     * Ignores the time spent HALF_OPEN.
     *
     * @return {@code false}
     */
    @Override
    public boolean usesTime() {
        return false;
    }

    /**
     * The expression form.
     *
     * @return {@code All()}
     */
    @Override
    public String toString() {
        return "All()";
    }
}
