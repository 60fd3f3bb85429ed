package io.fluxgate.spring.actuate;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * What the dashboard page polls, {@code GET /actuator/fluxgatedashboard/data?breaker=payment_api}: every breaker
 * and family as {@code GET /actuator/fluxgate} shows them, when each OPEN breaker's wait ends, and the selected
 * breaker's per-second traffic.
 *
 * <pre>{@code
 * {"time": "2026-03-01T10:15:42Z", "writable": false,
 *  "breakers": {"payment_api": {"state": "OPEN", ...}}, "families": {"hosts": {...}},
 *  "openWaits": {"payment_api": {"endsAt": "2026-03-01T10:15:54Z", "never": false}},
 *  "selected": "payment_api", "traffic": {"successes": [0, 3, ...], "failures": [...], "slow": [...],
 *                                         "rejections": [...]}}
 * }</pre>
 *
 * @param time      when this answer was made, ISO-8601, so the page can count down without trusting its own clock
 * @param writable  whether the {@code fluxgate} endpoint maps its {@code POST}
 *                  ({@code management.endpoint.fluxgate.access: unrestricted}), so the page shows its controls
 * @param breakers  each plain breaker's description by name
 * @param families  each keyed family's description by name, without its keys
 * @param openWaits for each OPEN breaker, when its wait ends
 * @param selected  the breaker whose traffic follows, or {@code null} when none was asked for or it is unknown
 * @param traffic   that breaker's traffic, or {@code null}
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DashboardDescriptor(String time, boolean writable, Map<String, BreakerDescriptor> breakers,
        Map<String, FamilyDescriptor> families, Map<String, OpenWait> openWaits, @Nullable String selected,
        @Nullable TrafficDescriptor traffic) implements OperationResponseBody {

    /**
     * When an OPEN breaker's wait ends: from then on, the next call moves it to HALF_OPEN (no timer does).
     *
     * @param endsAt when the wait ends, ISO-8601, or {@code null} when it never does; for a retry with jitter the
     *               jitter is drawn again here, so this is an estimate within the jitter
     * @param never  whether the retry never lets a probe through ({@code Never()})
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record OpenWait(@Nullable String endsAt, boolean never) {
    }
}
