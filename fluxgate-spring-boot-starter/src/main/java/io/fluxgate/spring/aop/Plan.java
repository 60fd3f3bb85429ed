package io.fluxgate.spring.aop;

import io.fluxgate.CircuitBreaker;
import org.jspecify.annotations.Nullable;

/**
 * Everything the interceptor needs for one annotated method, resolved once.
 *
 * @param breaker  the registered breaker
 * @param kind     how the method returns
 * @param fallback the fallback overloads, or {@code null} when there is no fallback
 */
record Plan(CircuitBreaker breaker, ReturnKind kind, @Nullable Fallback fallback) {
}
