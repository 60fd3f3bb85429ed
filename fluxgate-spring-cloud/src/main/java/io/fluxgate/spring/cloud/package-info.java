/**
 * Spring Cloud Circuit Breaker on Fluxgate: {@link io.fluxgate.spring.cloud.FluxgateCircuitBreakerFactory},
 * {@link io.fluxgate.spring.cloud.FluxgateReactiveCircuitBreakerFactory} and Spring Cloud Gateway's
 * {@code CircuitBreaker} filter, over the starter's breakers.
 */
@NullMarked
package io.fluxgate.spring.cloud;

import org.jspecify.annotations.NullMarked;
