/**
 * Support for {@link io.fluxgate.spring.CircuitBreaker @CircuitBreaker}: an advisor and a
 * {@code MethodInterceptor}, in the manner of {@code @Transactional}, that resolve everything about an
 * annotated method once — breaker, return kind, fallback overloads — and keep the call path free of
 * reflection. Fallbacks are checked and every annotated breaker is registered at start-up.
 *
 * <p>Only {@link io.fluxgate.spring.aop.FluxgateAspectAutoConfiguration} is public; the rest is
 * implementation.
 */
@NullMarked
package io.fluxgate.spring.aop;

import org.jspecify.annotations.NullMarked;
