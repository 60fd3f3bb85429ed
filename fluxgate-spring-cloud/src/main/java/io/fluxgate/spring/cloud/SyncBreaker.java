package io.fluxgate.spring.cloud;

import io.fluxgate.CallNotPermittedException;
import io.fluxgate.CircuitBreaker;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Spring Cloud's blocking {@code CircuitBreaker} over a Fluxgate breaker: on the caller's thread, with no time
 * limit, recording exactly as {@code @CircuitBreaker} does (the tracker decides what is a failure, the duration
 * decides what is slow). A rejection reaches the fallback as {@link CallNotPermittedException}; so does whatever the
 * supplier threw, tracked or not.
 */
final class SyncBreaker implements org.springframework.cloud.client.circuitbreaker.CircuitBreaker {

    private final CircuitBreaker breaker;

    SyncBreaker(CircuitBreaker breaker) {
        this.breaker = breaker;
    }

    boolean wraps(CircuitBreaker breaker) {
        return this.breaker == breaker;
    }

    @Override
    public <T> T run(Supplier<T> toRun, Function<Throwable, T> fallback) {
        long permission;
        try {
            permission = breaker.acquirePermission();
        } catch (CallNotPermittedException rejected) {
            return fallback.apply(rejected);
        }
        long start = breaker.startCall(permission);
        T result;
        try {
            result = toRun.get();
        } catch (Throwable error) {
            breaker.endCall(permission, error, start);
            return fallback.apply(error);
        }
        breaker.endCall(permission, null, start);
        return result;
    }

    @Override
    public String toString() {
        return "Spring Cloud circuit breaker on " + breaker;
    }
}
