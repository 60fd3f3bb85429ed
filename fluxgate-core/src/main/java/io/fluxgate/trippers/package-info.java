/**
 * Trippers: when a breaker opens. Leaves test the state ({@link io.fluxgate.trippers.Closed},
 * {@link io.fluxgate.trippers.HalfOpened}), the window's {@link io.fluxgate.Metric}
 * ({@link io.fluxgate.trippers.MinRequests}, {@link io.fluxgate.trippers.FailureRate},
 * {@link io.fluxgate.trippers.SlowRate}, {@link io.fluxgate.trippers.AvgLatency}) or the failure streak
 * ({@link io.fluxgate.trippers.FailureStreak}); combine them with {@code and} and {@code or}.
 */
package io.fluxgate.trippers;
