/**
 * Micrometer meters for every breaker of the application's {@link io.fluxgate.CircuitBreakerRegistry}, tagged
 * {@code name} with the breaker's name:
 *
 * <ul>
 * <li>{@code fluxgate.calls} — function timer per {@code outcome} ({@code success}, {@code failure},
 * {@code ignored}, {@code rejected}) and {@code slow} ({@code true}, {@code false}; rejected calls are never
 * slow);</li>
 * <li>{@code fluxgate.state} — gauge per {@code state} ({@code closed}, {@code open}, {@code half_open},
 * {@code metrics_only}, {@code disabled}, {@code forced_open}): 1 for the current state, else 0;</li>
 * <li>{@code fluxgate.transitions} — counter per {@code from} and {@code to} state seen;</li>
 * <li>{@code fluxgate.failure.rate}, {@code fluxgate.slow.rate} — gauges over the current window, NaN while it
 * is empty.</li>
 * </ul>
 *
 * <p>Auto-configured when Micrometer is on the class path and there is a {@code MeterRegistry} bean.
 */
@NullMarked
package io.fluxgate.spring.metrics;

import org.jspecify.annotations.NullMarked;
