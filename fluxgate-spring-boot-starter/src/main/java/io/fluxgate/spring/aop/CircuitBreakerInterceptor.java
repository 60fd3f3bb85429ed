package io.fluxgate.spring.aop;

import io.fluxgate.CallNotPermittedException;
import io.fluxgate.CircuitBreaker;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * Runs an annotated method through its breaker according to its cached {@link Plan}. No reflection or annotation
 * lookup happens here once the plan exists. Thread-safe.
 */
final class CircuitBreakerInterceptor implements MethodInterceptor {

    private final Plans plans;

    CircuitBreakerInterceptor(Plans plans) {
        this.plans = plans;
    }

    @Override
    public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
        Object target = invocation.getThis();
        if (target == null) {
            return invocation.proceed();
        }
        Plan plan = plans.get(invocation.getMethod(), target.getClass());
        return switch (plan.kind()) {
            case VALUE -> call(plan, invocation);
            case STAGE -> StageCalls.call(plan, invocation);
            case MONO -> ReactorCalls.mono(plan, invocation);
            case FLUX -> ReactorCalls.flux(plan, invocation);
            case SUSPEND -> SuspendCalls.call(plan, invocation);
            case FLOW -> FlowCalls.call(plan, invocation);
        };
    }

    private static @Nullable Object call(Plan plan, MethodInvocation invocation) throws Throwable {
        CircuitBreaker breaker = plan.breaker(invocation);
        long permission;
        try {
            permission = breaker.acquirePermission();
        } catch (CallNotPermittedException rejected) {
            return fallback(plan, invocation, rejected);
        }
        long start = breaker.startCall(permission);
        Object result;
        try {
            result = invocation.proceed();
        } catch (Throwable e) {
            breaker.endCall(permission, e, start);
            return fallback(plan, invocation, e);
        }
        breaker.endCall(permission, null, start);
        return result;
    }

    private static @Nullable Object fallback(Plan plan, MethodInvocation invocation, Throwable error)
            throws Throwable {
        Fallback.Overload overload = plan.fallback() == null ? null : plan.fallback().select(error);
        if (overload == null) {
            throw error;
        }
        return overload.invoke(invocation.getThis(), invocation.getArguments(), error);
    }
}
