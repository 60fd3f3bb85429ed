package io.fluxgate.spring.actuate;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fluxgate.spring.actuate.FamilyDescriptor.KeyDescriptor;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * What the dashboard page polls, {@code GET /actuator/fluxgatedashboard/data?breaker=payment_api} (or
 * {@code ?breaker=hosts&key=host-b} for one key of a keyed family): every breaker and family as
 * {@code GET /actuator/fluxgate} shows them, when each OPEN breaker's wait ends, where each breaker trips in its
 * current state, each family's busiest keys, and the selected breaker's or key's per-second traffic.
 *
 * <pre>{@code
 * {"time": "2026-03-01T10:15:42Z", "writable": false,
 *  "breakers": {"payment_api": {"state": "OPEN", ...}}, "families": {"hosts": {...}},
 *  "openWaits": {"payment_api": {"endsAt": "2026-03-01T10:15:54Z", "never": false}},
 *  "thresholds": {"payment_api": {"appliesIn": "HALF_OPEN", "failureRate": 0.5, "slowRate": null,
 *                                 "minCalls": 10}},
 *  "keys": {"hosts": {"host-b": {"state": "OPEN", ...}, "host-a": {"state": "CLOSED", ...}}},
 *  "selected": "payment_api", "key": null,
 *  "traffic": {"successes": [0, 3, ...], "failures": [...], "slow": [...], "rejections": [...]}}
 * }</pre>
 *
 * @param time       when this answer was made, ISO-8601, so the page can count down without trusting its own clock
 * @param writable   whether the {@code fluxgate} endpoint maps its {@code POST}
 *                   ({@code management.endpoint.fluxgate.access: unrestricted}), so the page shows its controls
 * @param breakers   each plain breaker's description by name
 * @param families   each keyed family's description by name, without its keys
 * @param openWaits  for each OPEN breaker, when its wait ends
 * @param thresholds for each plain breaker, where its tripper fires in the state whose rule applies now
 * @param keys       for each family, its first {@value FluxgateDashboardEndpoint#TOP_KEYS} keys: those not
 *                   CLOSED first (OPEN, FORCED_OPEN, HALF_OPEN, METRICS_ONLY, DISABLED), then by calls in the
 *                   window, most first, then by key; the family's {@code size} says how many there are in all
 * @param selected   the breaker or family whose traffic or key follows, or {@code null} when none was asked for or
 *                   it is unknown
 * @param key        the selected key of the selected family, or {@code null} when none was asked for or it has no
 *                   breaker now
 * @param traffic    the selected breaker's traffic, or the selected key's, or {@code null}
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DashboardDescriptor(String time, boolean writable, Map<String, BreakerDescriptor> breakers,
        Map<String, FamilyDescriptor> families, Map<String, OpenWait> openWaits, Map<String, Thresholds> thresholds,
        Map<String, Map<String, KeyDescriptor>> keys, @Nullable String selected, @Nullable KeyDetail key,
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

    /**
     * One key's breaker of a family in full, as {@code GET /actuator/fluxgate/{family}/{key}} shows it, with what
     * the page shows for a plain breaker beside it.
     *
     * @param name       the key, as its {@code toString()}; {@code POST /actuator/fluxgate/{family}/{name}} steers it
     * @param breaker    its description
     * @param thresholds where its tripper fires in the state whose rule applies now
     * @param openWait   when its wait ends, {@code null} unless it is OPEN
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record KeyDetail(String name, BreakerDescriptor breaker, Thresholds thresholds,
            @Nullable OpenWait openWait) {
    }
}
