package io.fluxgate.spring.aop;

import io.fluxgate.CallNotPermittedException;
import io.fluxgate.CircuitBreaker;
import java.util.function.Function;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Guards {@code Mono} and {@code Flux} methods with subscribe-time semantics: permission is asked for on
 * subscription, the outcome reported on completion or error, and the permission given back on cancellation.
 * The method itself runs when called, as it assembles the publisher. Only loaded when a method returns a Reactor
 * type, so the starter works without Reactor.
 */
final class ReactorCalls {

    private ReactorCalls() {
    }

    /** Returns a {@code Mono}; typed {@code Object} so that callers' bytecode never names a Reactor type. */
    static Object mono(Plan plan, MethodInvocation invocation) {
        return mono(plan, invocation, invocation.getArguments());
    }

    /**
     * Like {@link #mono(Plan, MethodInvocation)}, giving {@code fallbackArguments} (and the exception) to the
     * fallback.
     */
    static Object mono(Plan plan, MethodInvocation invocation, Object[] fallbackArguments) {
        Mono<Object> source = ReactorCalls.<Mono<Object>>source(invocation, Mono::error, Function.identity());
        CircuitBreaker breaker = plan.breaker(invocation);
        Mono<Object> guarded = Mono.defer(() -> {
            Outcome outcome;
            try {
                outcome = new Outcome(breaker, breaker.acquirePermission());
            } catch (CallNotPermittedException rejected) {
                return Mono.error(rejected);
            }
            return source.doOnSuccess(value -> outcome.success()).doOnError(outcome::error)
                    .doOnCancel(outcome::cancel);
        });
        Fallback fallback = plan.fallback();
        if (fallback == null) {
            return guarded;
        }
        Object target = invocation.getThis();
        return guarded.onErrorResume(error -> {
            Fallback.Overload overload = fallback.select(error);
            if (overload == null) {
                return Mono.error(error);
            }
            try {
                Object answer = overload.invoke(target, fallbackArguments, error);
                return overload.wrapped() ? monoOf(answer) : Mono.justOrEmpty(answer);
            } catch (Throwable fallbackError) {
                return Mono.error(fallbackError);
            }
        });
    }

    /** Returns a {@code Flux}; typed {@code Object} so that callers' bytecode never names a Reactor type. */
    static Object flux(Plan plan, MethodInvocation invocation) {
        return flux(plan, invocation, Function.identity());
    }

    /**
     * Like {@link #flux(Plan, MethodInvocation)} for a method whose result (and wrapped fallback answer)
     * {@code toPublisher} turns into a publisher.
     */
    static Flux<Object> flux(Plan plan, MethodInvocation invocation, Function<Object, Object> toPublisher) {
        Flux<Object> source = Flux.from(ReactorCalls.<Publisher<Object>>source(invocation, Flux::error, toPublisher));
        CircuitBreaker breaker = plan.breaker(invocation);
        Flux<Object> guarded = Flux.defer(() -> {
            Outcome outcome;
            try {
                outcome = new Outcome(breaker, breaker.acquirePermission());
            } catch (CallNotPermittedException rejected) {
                return Flux.error(rejected);
            }
            return source.doOnComplete(outcome::success).doOnError(outcome::error).doOnCancel(outcome::cancel);
        });
        Fallback fallback = plan.fallback();
        if (fallback == null) {
            return guarded;
        }
        Object target = invocation.getThis();
        Object[] arguments = invocation.getArguments();
        return guarded.onErrorResume(error -> {
            Fallback.Overload overload = fallback.select(error);
            if (overload == null) {
                return Flux.error(error);
            }
            try {
                Object answer = overload.invoke(target, arguments, error);
                return overload.wrapped() ? fluxOf(answer == null ? null : toPublisher.apply(answer))
                        : answer == null ? Flux.empty() : Flux.just(answer);
            } catch (Throwable fallbackError) {
                return Flux.error(fallbackError);
            }
        });
    }

    /** The method's publisher; an exception while assembling it becomes its error, seen at subscription. */
    @SuppressWarnings("unchecked")
    private static <P> P source(MethodInvocation invocation, Function<Throwable, P> error,
            Function<Object, Object> toPublisher) {
        Object publisher;
        try {
            publisher = invocation.proceed();
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            return error.apply(e);
        }
        if (publisher == null) {
            return error.apply(new NullPointerException(
                    invocation.getMethod().getName() + " returned null instead of a publisher"));
        }
        return (P) toPublisher.apply(publisher);
    }

    @SuppressWarnings("unchecked")
    private static Mono<Object> monoOf(@Nullable Object answer) {
        return answer == null ? Mono.empty() : (Mono<Object>) answer;
    }

    @SuppressWarnings("unchecked")
    private static Flux<Object> fluxOf(@Nullable Object answer) {
        return answer == null ? Flux.empty() : Flux.from((Publisher<Object>) answer);
    }
}
