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
 * <p>A keyed family ({@link io.fluxgate.spring.KeyedBreakers}) is measured as one, tagged {@code name} with the
 * family's name and no {@code key} tag: {@code fluxgate.calls} and {@code fluxgate.transitions} summed over its
 * keys (live and dropped, so they never go backwards) and its overflow breaker, and instead of
 * {@code fluxgate.state}, which stays 1 or 0 for one breaker:
 * <ul>
 * <li>{@code fluxgate.keys} — gauge per {@code state}: how many live keys are in it.</li>
 * </ul>
 * A family has no {@code fluxgate.failure.rate} or {@code fluxgate.slow.rate}: each key trips on its own window,
 * and a rate over all of them would hide the one bad key. With
 * {@code fluxgate.breakers.<name>.keys.metrics-tag: true}, each live key also has {@code fluxgate.key.calls},
 * {@code fluxgate.key.state}, {@code fluxgate.key.failure.rate} and {@code fluxgate.key.slow.rate}, tagged
 * {@code name} and {@code key}, removed when the key is dropped. They have names of their own because Prometheus
 * needs every meter of one name to have the same tag keys.
 *
 * <p>Auto-configured when Micrometer is on the class path and there is a {@code MeterRegistry} bean.
 */
@NullMarked
package io.fluxgate.spring.metrics;

import org.jspecify.annotations.NullMarked;
