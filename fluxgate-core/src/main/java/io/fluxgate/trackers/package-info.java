/**
 * Trackers: which exceptions count as failures. {@link io.fluxgate.trackers.All} takes every
 * {@code Exception}, {@link io.fluxgate.trackers.TypeOf} chosen types, {@link io.fluxgate.trackers.Custom} a
 * predicate; combine them with {@code and}, {@code or} and {@code negate}.
 */
package io.fluxgate.trackers;
