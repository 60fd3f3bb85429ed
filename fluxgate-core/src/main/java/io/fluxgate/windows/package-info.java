/**
 * Windows: which recent call outcomes a breaker looks at. {@link io.fluxgate.windows.CountWindow} keeps the
 * last N calls, {@link io.fluxgate.windows.TimeWindow} the calls of the last N seconds.
 */
package io.fluxgate.windows;
