package io.fluxgate.spring.cloud;

import io.fluxgate.CallNotPermittedException;
import io.fluxgate.CircuitBreaker;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreaker;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Spring Cloud's {@code ReactiveCircuitBreaker} over a Fluxgate breaker. Each subscription is one call: permission
 * is asked for when it subscribes, the outcome is recorded when the publisher completes or fails, and the permission
 * is given back, unrecorded, when the subscriber cancels. No time limit is added and no scheduler: the publisher
 * runs where it would without the breaker. A rejection reaches the fallback as {@link CallNotPermittedException}.
 */
final class ReactiveBreaker implements ReactiveCircuitBreaker {

    private final CircuitBreaker breaker;

    ReactiveBreaker(CircuitBreaker breaker) {
        this.breaker = breaker;
    }

    @Override
    public <T> Mono<T> run(Mono<T> toRun, Function<Throwable, Mono<T>> fallback) {
        return Mono.defer(() -> {
            Call call;
            try {
                call = new Call(breaker);
            } catch (CallNotPermittedException rejected) {
                return Mono.<T>error(rejected);
            }
            return toRun.doOnSuccess(value -> call.end(null)).doOnError(call::end).doOnCancel(call::cancel);
        }).onErrorResume(fallback);
    }

    @Override
    public <T> Flux<T> run(Flux<T> toRun, Function<Throwable, Flux<T>> fallback) {
        return Flux.defer(() -> {
            Call call;
            try {
                call = new Call(breaker);
            } catch (CallNotPermittedException rejected) {
                return Flux.<T>error(rejected);
            }
            return toRun.doOnComplete(() -> call.end(null)).doOnError(call::end).doOnCancel(call::cancel);
        }).onErrorResume(fallback);
    }

    @Override
    public String toString() {
        return "Spring Cloud reactive circuit breaker on " + breaker;
    }

    /** One subscription's permission, reported exactly once whichever signal comes first. */
    private static final class Call {

        private final CircuitBreaker breaker;
        private final long permission;
        private final long start;
        private final AtomicBoolean ended = new AtomicBoolean();

        Call(CircuitBreaker breaker) {
            this.breaker = breaker;
            this.permission = breaker.acquirePermission();
            this.start = breaker.startCall(permission);
        }

        void end(Throwable error) {
            if (ended.compareAndSet(false, true)) {
                breaker.endCall(permission, error, start);
            }
        }

        void cancel() {
            if (ended.compareAndSet(false, true)) {
                breaker.releasePermission(permission);
            }
        }
    }
}
