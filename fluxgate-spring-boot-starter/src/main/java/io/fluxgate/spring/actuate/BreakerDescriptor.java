package io.fluxgate.spring.actuate;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fluxgate.CircuitBreaker;
import io.fluxgate.CircuitBreakerInfo;
import io.fluxgate.Metric;
import io.fluxgate.Reconfiguration;
import io.fluxgate.Signal;
import io.fluxgate.State;
import io.fluxgate.expression.Expressions;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * One breaker as the {@code fluxgate} endpoint shows it. Numbers are numbers; what is undefined is
 * {@code null} (written as {@code null}, not left out); times are ISO-8601 text.
 *
 * <pre>{@code
 * {"state": "OPEN", "changedAt": "2026-03-01T10:15:30Z", "reopens": 0,
 *  "metric": {"totalCount": 20, "failureCount": 12, "slowCount": 0, "failureRate": 0.6, "slowRate": 0.0,
 *             "avgDurationMs": 12.5},
 *  "config": {"window": "CountWindow(100)", "tracker": "All()", "tripper": "MinRequests(20) & FailureRate(0.5)",
 *             "retry": "Cooldown(60s)", "permit": "RampUp(0.1, 1.0, 60s)", "slowThreshold": "2s",
 *             "maxHalfOpenCalls": 10},
 *  "recentTransitions": [{"from": "CLOSED", "to": "OPEN", "time": "2026-03-01T10:15:30Z",
 *                         "reason": "FailureRate(0.5): 0.6 over 20 calls"}],
 *  "lastReconfiguration": null}
 * }</pre>
 *
 * @param state             the current state
 * @param changedAt         when the breaker last changed state (or was built)
 * @param reopens           how often it went from HALF_OPEN back to OPEN since it was last CLOSED
 * @param metric            what its window holds now
 * @param config            how it is configured
 * @param recentTransitions its latest transitions, latest first; {@code null} when the breaker was built
 *                          without the {@link TransitionHistory}, so they are unknown
 * @param lastReconfiguration when and how its configuration last changed at run time; {@code null} when it did
 *                          not since it was built (or the {@link TransitionHistory} does not hear it)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record BreakerDescriptor(State state, String changedAt, int reopens, MetricDescriptor metric,
        ConfigDescriptor config, @Nullable List<TransitionDescriptor> recentTransitions,
        @Nullable ReconfigurationDescriptor lastReconfiguration) implements OperationResponseBody {

    /**
     * Describes a breaker.
     *
     * @param breaker     the breaker
     * @param transitions its latest transitions, latest first, or {@code null} when unknown
     * @param reconfiguration its latest reconfiguration, or {@code null} when none is known
     * @return its description
     */
    public static BreakerDescriptor of(CircuitBreaker breaker, @Nullable List<Signal> transitions,
            @Nullable Reconfiguration reconfiguration) {
        CircuitBreakerInfo info = breaker.info();
        return new BreakerDescriptor(info.state(), info.changedAt().toString(), info.reopens(),
                MetricDescriptor.of(info.metric()), ConfigDescriptor.of(breaker.config()),
                transitions == null ? null : transitions.stream().map(TransitionDescriptor::of).toList(),
                reconfiguration == null ? null : ReconfigurationDescriptor.of(reconfiguration));
    }

    /**
     * What a breaker's window holds.
     *
     * @param totalCount    recorded calls
     * @param failureCount  recorded failures
     * @param slowCount     recorded slow calls
     * @param failureRate   {@code failureCount / totalCount}, {@code null} when no call was recorded
     * @param slowRate      {@code slowCount / totalCount}, {@code null} when no call was recorded
     * @param avgDurationMs mean duration of a recorded call in milliseconds, {@code null} when no call was
     *                      recorded
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record MetricDescriptor(long totalCount, long failureCount, long slowCount, @Nullable Double failureRate,
            @Nullable Double slowRate, @Nullable Double avgDurationMs) {

        static MetricDescriptor of(Metric metric) {
            return new MetricDescriptor(metric.totalCount(), metric.failureCount(), metric.slowCount(),
                    orNull(metric.failureRate()), orNull(metric.slowRate()),
                    metric.avgDuration().map(average -> average.toNanos() / 1e6).orElse(null));
        }

        private static @Nullable Double orNull(OptionalDouble value) {
            return value.isPresent() ? value.getAsDouble() : null;
        }
    }

    /**
     * A breaker's configuration, components in the expression form that {@code fluxgate.*} properties accept.
     * Listeners and their settings are not shown.
     *
     * @param window           e.g. {@code CountWindow(100)}
     * @param tracker          e.g. {@code TypeOf(java.net.ConnectException)}
     * @param tripper          e.g. {@code MinRequests(20) & FailureRate(0.5)}
     * @param retry            e.g. {@code Cooldown(60s)}
     * @param permit           e.g. {@code RampUp(0.1, 1.0, 60s)}
     * @param slowThreshold    e.g. {@code 2s}, {@code null} when no call is slow
     * @param maxHalfOpenCalls how many probes may run at once
     * @param maxHalfOpenDuration e.g. {@code 1m} (the default), {@code null} when HALF_OPEN has no time bound
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ConfigDescriptor(String window, String tracker, String tripper, String retry, String permit,
            @Nullable String slowThreshold, int maxHalfOpenCalls, @Nullable String maxHalfOpenDuration) {

        static ConfigDescriptor of(CircuitBreaker.Config config) {
            return new ConfigDescriptor(describe(config.window()), describe(config.tracker()),
                    describe(config.tripper()), describe(config.retry()), describe(config.permit()),
                    format(config.slowThreshold()), config.maxHalfOpenCalls(), format(config.maxHalfOpenDuration()));
        }

        /**
         * A component's expression form. A user's component whose {@code toString()} throws is shown by its class
         * name only: its message could carry anything, and the endpoint must still answer.
         */
        private static String describe(Object component) {
            try {
                return String.valueOf(component.toString());
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                return component.getClass().getName() + " (its toString() threw " + e.getClass().getName() + ")";
            }
        }

        private static @Nullable String format(@Nullable Duration duration) {
            return duration == null ? null : Expressions.format(duration);
        }
    }

    /**
     * One transition.
     *
     * @param from   the state before
     * @param to     the state after
     * @param time   when it happened
     * @param reason why, e.g. {@code FailureRate(0.5): 0.6 over 20 calls} or {@code forceOpen()}
     */
    public record TransitionDescriptor(State from, State to, String time, String reason) {

        static TransitionDescriptor of(Signal signal) {
            return new TransitionDescriptor(signal.oldState(), signal.newState(), signal.timestamp().toString(),
                    signal.reason());
        }
    }

    /**
     * A change of configuration at run time ({@link CircuitBreaker#reconfigure}), not a transition.
     *
     * @param time   when it happened
     * @param reason what changed and what became of the window, e.g.
     *               {@code tripper FailureRate(0.5) -> FailureRate(0.2); window CountWindow(100) kept}
     */
    public record ReconfigurationDescriptor(String time, String reason) {

        static ReconfigurationDescriptor of(Reconfiguration reconfiguration) {
            return new ReconfigurationDescriptor(reconfiguration.timestamp().toString(), reconfiguration.reason());
        }
    }
}
