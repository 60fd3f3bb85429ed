package io.fluxgate;

/**
 * How a permission is encoded in the {@code long} that {@link CircuitBreaker#acquirePermission()} returns, so that
 * handing one out allocates nothing. A permission is the epoch of the stay that granted it, shifted left by two,
 * with the low bit set when it holds a HALF_OPEN probe slot and the next one when the breaker measured durations
 * when it granted the call, so that a call started before a reconfiguration ends as it started; it is never
 * negative. A rejection is negative and
 * encodes the state that rejected: {@code -1 - state.ordinal()}.
 */
final class Permission {

    private Permission() {
    }

    static long granted(long epoch, boolean probe, boolean timed) {
        return epoch << 2 | (timed ? 2 : 0) | (probe ? 1 : 0);
    }

    static long rejectedIn(State state) {
        return -1 - state.ordinal();
    }

    static boolean isPermitted(long permission) {
        return permission >= 0;
    }

    static boolean holdsProbeSlot(long permission) {
        return (permission & 1) != 0;
    }

    /** Whether the call is timed: the breaker measured durations when it granted it. */
    static boolean timed(long permission) {
        return (permission & 2) != 0;
    }

    /** The epoch of the stay that granted a permission. */
    static long epoch(long permission) {
        return permission >>> 2;
    }

    /** The state that rejected, for a negative value. */
    static int rejectingStateOrdinal(long rejection) {
        return (int) (-1 - rejection);
    }
}
