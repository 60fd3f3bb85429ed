package io.fluxgate.spring.actuate;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fluxgate.CircuitBreaker;
import io.fluxgate.CircuitBreakerInfo;
import io.fluxgate.KeyedCircuitBreaker;
import io.fluxgate.State;
import io.fluxgate.expression.Expressions;
import io.fluxgate.spring.actuate.BreakerDescriptor.ConfigDescriptor;
import io.fluxgate.spring.actuate.BreakerDescriptor.MetricDescriptor;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * A keyed breaker family as the {@code fluxgate} endpoint shows it: the template's configuration, the bounds, how
 * many keys are in each state, and, for {@code GET /actuator/fluxgate/{name}}, each live key.
 *
 * <pre>{@code
 * {"config": {"window": "CountWindow(100)", ...}, "maxKeys": 1000, "idleEviction": "10m", "size": 2,
 *  "states": {"CLOSED": 1, "OPEN": 1},
 *  "overflow": {"state": "CLOSED", ...},
 *  "keys": {"host-a": {"state": "CLOSED", "changedAt": "2026-03-01T10:15:30Z", "reopens": 0, "metric": {...}},
 *           "host-b": {"state": "OPEN", ...}}}
 * }</pre>
 *
 * @param config       the configuration every key's breaker is built with
 * @param maxKeys      how many keys may have a breaker at once
 * @param idleEviction how long a CLOSED key may go unused before it may be dropped
 * @param size         how many keys have a breaker now
 * @param states       how many of those are in each state; states no key is in are left out
 * @param overflow     the breaker that guards new keys while the family is full and no key can be dropped
 * @param keys         each key's breaker by key ({@code toString()}), ordered by breaker name; {@code null} in
 *                     {@code GET /actuator/fluxgate}, which lists families without their keys
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FamilyDescriptor(ConfigDescriptor config, int maxKeys, String idleEviction, int size,
        Map<State, Integer> states, KeyDescriptor overflow, @Nullable Map<String, KeyDescriptor> keys)
        implements OperationResponseBody {

    /**
     * Describes a family.
     *
     * @param family   the family
     * @param withKeys whether to list every key
     * @return its description
     */
    public static FamilyDescriptor of(KeyedCircuitBreaker<?> family, boolean withKeys) {
        Map<State, Integer> states = new EnumMap<>(State.class);
        Map<String, KeyDescriptor> keys = new LinkedHashMap<>();
        family.breakers().forEach((key, breaker) -> {
            KeyDescriptor view = KeyDescriptor.of(breaker);
            states.merge(view.state(), 1, Integer::sum);
            keys.put(String.valueOf(key), view);
        });
        return new FamilyDescriptor(ConfigDescriptor.of(family.overflow().config()), family.maxKeys(),
                Expressions.format(family.idleEviction()), keys.size(), states,
                KeyDescriptor.of(family.overflow()), withKeys ? keys : null);
    }

    /**
     * One key's breaker in a family's description; {@code GET /actuator/fluxgate/{name}/{key}} shows it in full.
     *
     * @param state     the current state
     * @param changedAt when it last changed state (or was built), ISO-8601
     * @param reopens   how often it went from HALF_OPEN back to OPEN since it was last CLOSED
     * @param metric    what its window holds now
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record KeyDescriptor(State state, String changedAt, int reopens, MetricDescriptor metric) {

        static KeyDescriptor of(CircuitBreaker breaker) {
            CircuitBreakerInfo info = breaker.info();
            return new KeyDescriptor(info.state(), info.changedAt().toString(), info.reopens(),
                    MetricDescriptor.of(info.metric()));
        }
    }
}
