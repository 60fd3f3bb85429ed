package io.fluxgate.spring.aop;

import io.fluxgate.CircuitBreaker;

/**
 * Times a permitted call with its breaker's ticker, and not at all for a breaker that measures no durations.
 */
final class CallTimer {

    private CallTimer() {
    }

    /**
     * The ticker time at which a call holding {@code permission} starts, 0 when it is not timed. If the ticker
     * throws, the permission is given back before the exception propagates.
     */
    static long start(CircuitBreaker breaker, long permission) {
        if (!breaker.measuresDurations()) {
            return 0;
        }
        try {
            return breaker.ticker().read();
        } catch (RuntimeException | Error e) {
            breaker.releasePermission(permission);
            throw e;
        }
    }

    /** How long the call that started at {@code start} took, 0 when it is not timed. */
    static long elapsed(CircuitBreaker breaker, long start) {
        return breaker.measuresDurations() ? breaker.ticker().read() - start : 0;
    }
}
