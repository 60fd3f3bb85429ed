/**
 * Permits: which calls a HALF_OPEN breaker admits as probes, on top of its {@code maxHalfOpenCalls} cap.
 * {@link io.fluxgate.permits.All} admits every call, {@link io.fluxgate.permits.Random} a fixed share,
 * {@link io.fluxgate.permits.RampUp} a share that grows with time.
 */
package io.fluxgate.permits;
