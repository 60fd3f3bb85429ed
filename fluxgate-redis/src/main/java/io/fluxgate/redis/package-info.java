/**
 * Fleet mode on the application's Redis: every instance publishes its breakers' states to Redis, the
 * {@code fluxgate} endpoint answers {@code scope=fleet} for all live instances, a fleet-wide forced state reaches
 * every instance, and followed breakers open when enough peers are OPEN.
 * {@link io.fluxgate.redis.FleetAutoConfiguration} sets it up when {@code fluxgate.fleet.enabled} is true. A
 * breaker's per-call decision never touches Redis.
 */
@NullMarked
package io.fluxgate.redis;

import org.jspecify.annotations.NullMarked;
