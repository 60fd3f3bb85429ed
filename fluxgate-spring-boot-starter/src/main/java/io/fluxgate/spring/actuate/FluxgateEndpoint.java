package io.fluxgate.spring.actuate;

import io.fluxgate.CircuitBreaker;
import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.KeyedCircuitBreaker;
import io.fluxgate.State;
import io.fluxgate.spring.KeyedBreakers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code fluxgate} actuator endpoint: lists the breakers of a {@link CircuitBreakerRegistry} and the keyed
 * families of {@link KeyedBreakers}, and steers their state. It never creates a breaker, a family or a key.
 *
 * <pre>{@code
 * GET  /actuator/fluxgate                 {"breakers": {"payment_api": {...}},
 *                                          "families": {"hosts": {...}}}
 * GET  /actuator/fluxgate/payment_api     {"state": "CLOSED", ...}, 404 when unknown
 * POST /actuator/fluxgate/payment_api     {"state": "FORCED_OPEN"} -> the breaker after the change
 * GET  /actuator/fluxgate/hosts           {"config": {...}, "states": {"OPEN": 1},
 *                                          "keys": {"host-b": {...}}}
 * GET  /actuator/fluxgate/hosts/host-b    {"state": "OPEN", ...}, 404 for a key without a breaker
 * POST /actuator/fluxgate/hosts/host-b    {"state": "CLOSED"} -> that key's breaker after the change
 * }</pre>
 *
 * <p>A breaker, and one key's breaker, is described by {@link BreakerDescriptor}; a family by
 * {@link FamilyDescriptor}. A key in the path matches a live key's {@code toString()}. The states a client may
 * set are {@code CLOSED}
 * ({@link CircuitBreaker#reset()}), {@code FORCED_OPEN}, {@code DISABLED} and {@code METRICS_ONLY}.
 *
 * <p>Read-only unless the application opts in: exposing the endpoint lets clients read it, and only
 * {@code management.endpoint.fluxgate.access: unrestricted} also maps the {@code POST} that changes a state.
 */
@Endpoint(id = "fluxgate", defaultAccess = Access.READ_ONLY)
public class FluxgateEndpoint {

    /** The states {@link #changeState(String, String)} accepts, in the order error messages list them. */
    static final List<State> SETTABLE = List.of(State.CLOSED, State.FORCED_OPEN, State.DISABLED,
            State.METRICS_ONLY);

    /** How much of a rejected value a 400 answer quotes. */
    static final int QUOTED_LENGTH = 64;

    private final CircuitBreakerRegistry registry;
    private final KeyedBreakers keyed;
    private final TransitionHistory history;

    /**
     * Creates the endpoint for plain breakers only.
     *
     * @param registry the breakers to show
     * @param history  where their recent transitions come from
     */
    public FluxgateEndpoint(CircuitBreakerRegistry registry, TransitionHistory history) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.keyed = new KeyedBreakers(name -> {
            throw new IllegalStateException("No keyed families");
        });
        this.history = Objects.requireNonNull(history, "history");
    }

    /**
     * Creates the endpoint, and has the history {@linkplain TransitionHistory#forgetDroppedKeys forget} the keys
     * the families drop, so that it stays bounded however many keys come and go.
     *
     * @param registry the breakers to show
     * @param keyed    the keyed families to show
     * @param history  where their recent transitions come from
     */
    public FluxgateEndpoint(CircuitBreakerRegistry registry, KeyedBreakers keyed, TransitionHistory history) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.keyed = Objects.requireNonNull(keyed, "keyed");
        this.history = Objects.requireNonNull(history, "history");
        history.forgetDroppedKeys(keyed);
    }

    /**
     * Describes every registered breaker and every keyed family (without its keys).
     *
     * @return the breakers and the families by name, ordered by name
     */
    @ReadOperation
    public BreakersDescriptor breakers() {
        Map<String, BreakerDescriptor> breakers = new LinkedHashMap<>();
        for (CircuitBreaker breaker : registry.all()) {
            breakers.put(breaker.name(), describe(breaker));
        }
        Map<String, FamilyDescriptor> families = new LinkedHashMap<>();
        for (KeyedCircuitBreaker<Object> family : keyed.all()) {
            families.put(family.name(), FamilyDescriptor.of(family, false));
        }
        return new BreakersDescriptor(breakers, families);
    }

    /**
     * Describes one breaker, or one keyed family with its keys.
     *
     * @param name the breaker's or family's name, exactly as registered
     * @return a {@link BreakerDescriptor} or a {@link FamilyDescriptor}, or {@code null} (404 over HTTP) when
     *         nothing has that name
     */
    @ReadOperation
    public @Nullable OperationResponseBody breaker(@Selector String name) {
        CircuitBreaker breaker = registry.get(name).orElse(null);
        if (breaker != null) {
            return describe(breaker);
        }
        return keyed.find(name).map(family -> FamilyDescriptor.of(family, true)).orElse(null);
    }

    /**
     * Describes one key's breaker of a keyed family.
     *
     * @param name the family's name
     * @param key  the key, as its {@code toString()}
     * @return its description, or {@code null} (404 over HTTP) when there is no such family or the key has no
     *         breaker now; never creates one
     */
    @ReadOperation
    public @Nullable BreakerDescriptor key(@Selector String name, @Selector String key) {
        CircuitBreaker breaker = keyBreaker(name, key);
        return breaker == null ? null : describe(breaker);
    }

    /**
     * Moves one key's breaker of a keyed family to a state, as {@link #changeState(String, String)} does for a
     * plain breaker.
     *
     * @param name  the family's name
     * @param key   the key, as its {@code toString()}
     * @param state {@code CLOSED} (reset), {@code FORCED_OPEN}, {@code DISABLED} or {@code METRICS_ONLY}
     * @return the key's breaker after the change, or {@code null} when there is no such family or key
     * @throws InvalidEndpointRequestException when {@code state} is missing or not one of those
     */
    @WriteOperation
    public @Nullable BreakerDescriptor changeKeyState(@Selector String name, @Selector String key,
            @Nullable String state) {
        CircuitBreaker breaker = keyBreaker(name, key);
        return breaker == null ? null : change(breaker, state);
    }

    /** The keyed families this endpoint shows, for the dashboard. */
    KeyedBreakers keyed() {
        return keyed;
    }

    /** One key's breaker, found as {@link #key(String, String)} finds it; never creates one. */
    @Nullable CircuitBreaker keyBreaker(String name, String key) {
        KeyedCircuitBreaker<Object> family = keyed.find(name).orElse(null);
        if (family == null) {
            return null;
        }
        CircuitBreaker breaker = family.get(key).orElse(null);
        if (breaker != null) {
            return breaker;
        }
        for (Map.Entry<Object, CircuitBreaker> entry : family.breakers().entrySet()) {
            if (String.valueOf(entry.getKey()).equals(key)) { // keys that are not strings
                return entry.getValue();
            }
        }
        return null;
    }

    /**
     * Moves a breaker to a state.
     *
     * @param name  the breaker's name, exactly as registered
     * @param state {@code CLOSED} (reset), {@code FORCED_OPEN}, {@code DISABLED} or {@code METRICS_ONLY}
     * @return the breaker after the change, or {@code null} when no breaker has that name
     * @throws InvalidEndpointRequestException when {@code state} is missing or not one of those
     */
    @WriteOperation
    public @Nullable BreakerDescriptor changeState(@Selector String name, @Nullable String state) {
        CircuitBreaker breaker = registry.get(name).orElse(null);
        if (breaker == null) {
            if (keyed.find(name).isPresent()) {
                String message = "Circuit breaker '" + name + "' is keyed; change one key's state with POST "
                        + "/actuator/fluxgate/" + name + "/{key}";
                throw new InvalidEndpointRequestException(message, message);
            }
            return null;
        }
        return change(breaker, state);
    }

    private BreakerDescriptor change(CircuitBreaker breaker, @Nullable String state) {
        String name = breaker.name();
        switch (settable(name, state)) {
            case FORCED_OPEN -> breaker.forceOpen();
            case DISABLED -> breaker.disable();
            case METRICS_ONLY -> breaker.metricsOnly();
            default -> breaker.reset();
        }
        return describe(breaker);
    }

    /**
     * The state a request names, as {@link #changeState(String, String)} accepts it.
     *
     * @throws InvalidEndpointRequestException when {@code state} is missing or not one it accepts
     */
    static State settable(String name, @Nullable String state) {
        for (State candidate : SETTABLE) {
            if (candidate.name().equals(state)) {
                return candidate;
            }
        }
        String allowed = String.join(", ", SETTABLE.stream().map(State::name).toList());
        String message = state == null
                ? "Missing 'state' for circuit breaker '" + name + "'; expected one of " + allowed
                : "Cannot set circuit breaker '" + name + "' to state " + quote(state) + "; expected one of " + allowed;
        throw new InvalidEndpointRequestException(message, message);
    }

    /** The value in quotes, cut after {@value #QUOTED_LENGTH} characters: a request must not fill the answer. */
    static String quote(String value) {
        if (value.length() <= QUOTED_LENGTH) {
            return "'" + value + "'";
        }
        return "'" + value.substring(0, QUOTED_LENGTH) + "...' (" + value.length() + " characters)";
    }

    private BreakerDescriptor describe(CircuitBreaker breaker) {
        return BreakerDescriptor.of(breaker,
                history.isAttachedTo(breaker) ? history.recent(breaker.name()) : null,
                history.lastReconfiguration(breaker.name()).orElse(null));
    }
}
