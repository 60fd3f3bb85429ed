package io.fluxgate.spring.actuate;

import io.fluxgate.CircuitBreaker;
import io.fluxgate.CircuitBreakerInfo;
import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.KeyedCircuitBreaker;
import io.fluxgate.State;
import io.fluxgate.spring.KeyedBreakers;
import io.fluxgate.spring.autoconfigure.FluxgateProperties;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code fluxgate} health contributor: each breaker's state, last change and reopens in the details.
 *
 * <pre>{@code
 * {"status": "UP", "details": {"payment_api": {"state": "OPEN", "changedAt": "2026-03-01T10:15:30Z", "reopens": 0}}}
 * }</pre>
 *
 * <p>An open breaker is the application protecting itself, not the application failing, so OPEN, HALF_OPEN
 * and FORCED_OPEN are reported without turning the status DOWN unless asked:
 * {@code fluxgate.health.down-when-open: true} for every breaker, or
 * {@code fluxgate.breakers.<name>.health.down-when-open} for one (the per-breaker value wins).
 *
 * <p>A keyed family is one entry with a count of keys per state, {@code {"hosts": {"keys": 3, "states":
 * {"CLOSED": 2, "OPEN": 1}}}}, since it may hold a thousand keys; with {@code down-when-open} for its name, one
 * open key turns the status DOWN.
 */
public class FluxgateHealthIndicator implements HealthIndicator {

    private static final Set<State> OPEN_STATES = EnumSet.of(State.OPEN, State.HALF_OPEN, State.FORCED_OPEN);

    private final CircuitBreakerRegistry registry;
    private final @Nullable KeyedBreakers keyed;
    private final FluxgateProperties properties;

    /**
     * Creates the indicator for plain breakers only.
     *
     * @param registry   the breakers to report
     * @param properties where {@code down-when-open} is read from
     */
    public FluxgateHealthIndicator(CircuitBreakerRegistry registry, FluxgateProperties properties) {
        this(registry, null, properties);
    }

    /**
     * Creates the indicator.
     *
     * @param registry   the breakers to report
     * @param keyed      the keyed families to report, or {@code null} for none
     * @param properties where {@code down-when-open} is read from
     */
    public FluxgateHealthIndicator(CircuitBreakerRegistry registry, @Nullable KeyedBreakers keyed,
            FluxgateProperties properties) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.keyed = keyed;
        this.properties = Objects.requireNonNull(properties, "properties");
    }

    @Override
    public Health health() {
        boolean down = false;
        Map<String, Object> details = new LinkedHashMap<>();
        for (CircuitBreaker breaker : registry.all()) {
            CircuitBreakerInfo info = breaker.info();
            down |= OPEN_STATES.contains(info.state()) && downWhenOpen(info.name());
            details.put(info.name(), new BreakerHealth(info.state(), info.changedAt().toString(), info.reopens()));
        }
        for (KeyedCircuitBreaker<Object> family : keyed == null ? List.<KeyedCircuitBreaker<Object>>of()
                : keyed.all()) {
            Map<State, Integer> states = new EnumMap<>(State.class);
            family.breakers().values().forEach(breaker -> states.merge(breaker.state(), 1, Integer::sum));
            down |= states.keySet().stream().anyMatch(OPEN_STATES::contains) && downWhenOpen(family.name());
            details.put(family.name(), new FamilyHealth(states.values().stream().mapToInt(Integer::intValue).sum(),
                    states));
        }
        return (down ? Health.down() : Health.up()).withDetails(details).build();
    }

    /** The breaker's own setting, else {@code fluxgate.defaults.health}, else {@code fluxgate.health}. */
    private boolean downWhenOpen(String name) {
        Boolean own = downWhenOpen(properties.breakers().get(name));
        if (own != null) {
            return own;
        }
        Boolean defaults = downWhenOpen(properties.defaults());
        return defaults != null ? defaults : properties.health().downWhenOpen();
    }

    private static @Nullable Boolean downWhenOpen(FluxgateProperties.@Nullable Breaker breaker) {
        return breaker == null || breaker.health() == null ? null : breaker.health().downWhenOpen();
    }

    /**
     * One breaker in the health details.
     *
     * @param state     its state
     * @param changedAt when it last changed state, ISO-8601
     * @param reopens   how often it went from HALF_OPEN back to OPEN since it was last CLOSED
     */
    public record BreakerHealth(State state, String changedAt, int reopens) {
    }

    /**
     * One keyed family in the health details: how many keys have a breaker, and how many are in each state
     * (states no key is in are left out), not every key.
     *
     * @param keys   how many keys have a breaker
     * @param states how many of those are in each state
     */
    public record FamilyHealth(int keys, Map<State, Integer> states) {
    }
}
