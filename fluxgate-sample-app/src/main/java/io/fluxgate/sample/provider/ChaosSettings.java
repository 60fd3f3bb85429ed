package io.fluxgate.sample.provider;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What the chaos switch does to the payment provider's calls.
 *
 * @param failureRate share of calls that fail, from 0.0 (none) to 1.0 (all)
 * @param latencyMs   delay added to every call, in milliseconds, at least 0
 * @param errorKind   how a failing call fails
 */
public record ChaosSettings(double failureRate, long latencyMs, ErrorKind errorKind) {

    /** A healthy provider: no failures, no added latency, failures (if switched on) answer 5xx. */
    public static final ChaosSettings HEALTHY = new ChaosSettings(0.0, 0, ErrorKind.SERVER_ERROR);

    /** Checks the ranges. */
    public ChaosSettings {
        if (!(failureRate >= 0.0 && failureRate <= 1.0)) {
            throw new IllegalArgumentException("failureRate must be in [0.0, 1.0], was " + failureRate);
        }
        if (latencyMs < 0 || latencyMs > 60_000) {
            throw new IllegalArgumentException("latencyMs must be in [0, 60000], was " + latencyMs);
        }
        if (errorKind == null) {
            throw new IllegalArgumentException("errorKind must be one of 5xx, reset, timeout");
        }
    }

    /**
     * The added delay.
     *
     * @return {@link #latencyMs()} as a duration
     */
    public Duration latency() {
        return Duration.ofMillis(this.latencyMs);
    }

    /**
     * These settings with the given fields replaced; {@code null} keeps a field as it is.
     *
     * @param update the fields to change
     * @return the merged settings
     */
    public ChaosSettings with(Update update) {
        return new ChaosSettings(update.failureRate() != null ? update.failureRate() : this.failureRate,
                update.latencyMs() != null ? update.latencyMs() : this.latencyMs,
                update.errorKind() != null ? update.errorKind() : this.errorKind);
    }

    /**
     * A partial change, as posted to {@code /chaos}: fields left out keep their current value.
     *
     * @param failureRate new failure rate, or {@code null}
     * @param latencyMs   new added latency in milliseconds, or {@code null}
     * @param errorKind   new error kind ({@code 5xx}, {@code reset}, {@code timeout}), or {@code null}
     */
    public record Update(@Nullable Double failureRate, @Nullable Long latencyMs, @Nullable ErrorKind errorKind) {
    }
}
