package io.fluxgate.spring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of Fluxgate under {@code fluxgate}. Component values are expressions
 * ({@code MinRequests(20) & FailureRate(0.5)}); unknown keys are start-up errors.
 *
 * @param defaults    what every breaker starts from
 * @param breakers    breakers by name, names kept exactly as written
 * @param aspectOrder the order of the {@code @CircuitBreaker} advisor; lowest precedence when unset
 * @param health      the health contributor's options
 * @param slack       settings of the {@code slack} listener
 */
@ConfigurationProperties(prefix = "fluxgate", ignoreUnknownFields = false)
public record FluxgateProperties(@DefaultValue Breaker defaults, Map<String, Breaker> breakers, Integer aspectOrder,
        @DefaultValue Health health, @DefaultValue Slack slack) {

    /** Binds missing maps as empty. */
    public FluxgateProperties {
        breakers = breakers == null ? Map.of() : breakers;
    }

    /**
     * One breaker's settings; anything unset falls back to {@code fluxgate.defaults}, then to the core's
     * defaults.
     *
     * @param window           window expression, e.g. {@code CountWindow(100)}
     * @param tracker          tracker expression, e.g. {@code TypeOf(java.net.ConnectException)}
     * @param tripper          tripper expression, e.g. {@code MinRequests(20) & FailureRate(0.5)}
     * @param retry            retry expression, e.g. {@code Backoff(10s)}
     * @param permit           permit expression, e.g. {@code RampUp(0.1, 0.5, 60s)}
     * @param slowThreshold    from which duration a call is slow
     * @param maxHalfOpenCalls how many probes may run at once in HALF_OPEN
     * @param listeners        named listeners: {@code log}, {@code slack}
     * @param health           this breaker's health options
     */
    public record Breaker(String window, String tracker, String tripper, String retry, String permit,
            Duration slowThreshold, Integer maxHalfOpenCalls, List<String> listeners, BreakerHealth health) {
    }

    /**
     * Health contributor options.
     *
     * @param downWhenOpen report DOWN while any breaker is OPEN, HALF_OPEN or FORCED_OPEN
     */
    public record Health(@DefaultValue("false") boolean downWhenOpen) {
    }

    /**
     * Per-breaker health options.
     *
     * @param downWhenOpen report DOWN while this breaker is OPEN, HALF_OPEN or FORCED_OPEN; unset follows
     *                     {@code fluxgate.health.down-when-open}
     */
    public record BreakerHealth(Boolean downWhenOpen) {
    }

    /**
     * Settings of the {@code slack} listener.
     *
     * @param channel        channel to post to, e.g. {@code #alerts}
     * @param token          bot token; never logged or shown
     * @param baseUrl        Slack Web API base URL
     * @param requestTimeout timeout of one post
     */
    public record Slack(String channel, String token, @DefaultValue("https://slack.com/api/") String baseUrl,
            @DefaultValue("10s") Duration requestTimeout) {
    }
}
