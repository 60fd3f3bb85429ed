package io.fluxgate.spring.actuate;

/**
 * One breaker's calls per second over the last two minutes, as the dashboard charts them; each array holds one
 * count per second, oldest first, the last element being the second of the latest sample (still filling).
 *
 * @param successes  calls that returned normally
 * @param failures   calls that failed (as the tracker decides)
 * @param slow       calls, successful or failed, that reached the slow threshold
 * @param rejections calls the breaker did not let run
 */
public record TrafficDescriptor(long[] successes, long[] failures, long[] slow, long[] rejections) {
}
