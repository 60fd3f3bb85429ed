package io.fluxgate.spring.aop;

import io.fluxgate.CircuitBreaker;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reports one permitted call to its breaker exactly once: the first of success, error or cancel wins. Used where
 * the end of a call is signalled by callbacks (reactive streams).
 */
final class Outcome {

    private final CircuitBreaker breaker;
    private final long permission;
    private final long start;
    private final AtomicBoolean reported = new AtomicBoolean();

    /** Starts timing a call that holds {@code permission}. */
    Outcome(CircuitBreaker breaker, long permission) {
        this.breaker = breaker;
        this.permission = permission;
        this.start = breaker.startCall(permission);
    }

    void success() {
        if (reported.compareAndSet(false, true)) {
            breaker.endCall(permission, null, start);
        }
    }

    void error(Throwable error) {
        if (reported.compareAndSet(false, true)) {
            breaker.endCall(permission, error, start);
        }
    }

    void cancel() {
        if (reported.compareAndSet(false, true)) {
            breaker.releasePermission(permission);
        }
    }
}
