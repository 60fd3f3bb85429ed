/**
 * Retries: when an OPEN breaker lets a probe through. {@link io.fluxgate.retries.Always},
 * {@link io.fluxgate.retries.Never}, a fixed {@link io.fluxgate.retries.Cooldown} or an exponential
 * {@link io.fluxgate.retries.Backoff}, both with optional jitter.
 */
package io.fluxgate.retries;
