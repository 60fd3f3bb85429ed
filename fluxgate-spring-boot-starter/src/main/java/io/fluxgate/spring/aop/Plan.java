package io.fluxgate.spring.aop;

import io.fluxgate.CircuitBreaker;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * Everything the interceptor needs for one annotated method, resolved once.
 *
 * @param breaker  the registered breaker, or {@code null} when the method is keyed
 * @param key      how a call finds its key's breaker, or {@code null} when the method is not keyed
 * @param kind     how the method returns
 * @param fallback the fallback overloads, or {@code null} when there is no fallback
 */
record Plan(@Nullable CircuitBreaker breaker, @Nullable BreakerKey key, ReturnKind kind, @Nullable Fallback fallback) {

    /** The breaker of this call: the method's one, or its key's. */
    CircuitBreaker breaker(MethodInvocation invocation) {
        return key == null ? breaker : key.breaker(invocation);
    }
}
