package io.fluxgate;

/**
 * One key's breaker in a {@link KeyedCircuitBreaker}, with the latest time at which the key may have been used.
 *
 * <p>Invariant: unless {@link #markUsed()} was called since the last {@link #sweep(long)}, the key was last looked up
 * no later than {@link #lastUseBound()}. So a key found idle by a sweep was really unused for that long: the bound
 * only errs late, by up to the time between two sweeps.
 *
 * <p>Why a mark and not a time: {@code forKey} is the hit path and must not read the ticker (a
 * {@code System.nanoTime()} costs about as much as the whole lookup). It reads one volatile flag and writes it only
 * when it was clear, so a key used by many threads costs one write per sweep, not one per call. Sweeps run holding the
 * family's lock; they turn the mark into the sweep's time. A mark set just after a sweep read the flag is seen by the
 * next sweep; meanwhile that sweep may drop the key, which leaves the caller with a breaker no longer listed but still
 * guarding its call.
 */
final class KeyedBreaker {

    final CircuitBreaker breaker;
    private volatile boolean used;
    /** Ticker time; read and written only under the family's lock. */
    private long lastUseBound;

    KeyedBreaker(CircuitBreaker breaker, long createdAt) {
        this.breaker = breaker;
        this.lastUseBound = createdAt;
    }

    void markUsed() {
        if (!used) {
            used = true;
        }
    }

    /** Folds a use marked since the last sweep into the bound; under the family's lock. */
    long sweep(long now) {
        if (used) {
            used = false;
            lastUseBound = now;
        }
        return lastUseBound;
    }

    long lastUseBound() {
        return lastUseBound;
    }

    /** Only a CLOSED breaker may be dropped: the others carry a decision (OPEN, HALF_OPEN) or an operator's. */
    boolean evictable() {
        return breaker.state() == State.CLOSED;
    }
}
