package io.fluxgate.spring.actuate;

import io.fluxgate.CircuitBreaker;
import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.State;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code fluxgate} actuator endpoint: lists the breakers of a {@link CircuitBreakerRegistry} and steers
 * their state. It never creates a breaker.
 *
 * <pre>{@code
 * GET  /actuator/fluxgate                 {"breakers": {"payment_api": {...}}}
 * GET  /actuator/fluxgate/payment_api     {"state": "CLOSED", ...}, 404 when unknown
 * POST /actuator/fluxgate/payment_api     {"state": "FORCED_OPEN"} -> the breaker after the change
 * }</pre>
 *
 * <p>A breaker is described by {@link BreakerDescriptor}. The states a client may set are {@code CLOSED}
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
    private final TransitionHistory history;

    /**
     * Creates the endpoint.
     *
     * @param registry the breakers to show
     * @param history  where their recent transitions come from
     */
    public FluxgateEndpoint(CircuitBreakerRegistry registry, TransitionHistory history) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.history = Objects.requireNonNull(history, "history");
    }

    /**
     * Describes every registered breaker.
     *
     * @return the breakers by name, ordered by name
     */
    @ReadOperation
    public BreakersDescriptor breakers() {
        Map<String, BreakerDescriptor> breakers = new LinkedHashMap<>();
        for (CircuitBreaker breaker : registry.all()) {
            breakers.put(breaker.name(), describe(breaker));
        }
        return new BreakersDescriptor(breakers);
    }

    /**
     * Describes one breaker.
     *
     * @param name the breaker's name, exactly as registered
     * @return its description, or {@code null} (404 over HTTP) when no breaker has that name
     */
    @ReadOperation
    public @Nullable BreakerDescriptor breaker(@Selector String name) {
        return registry.get(name).map(this::describe).orElse(null);
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
            return null;
        }
        switch (settable(name, state)) {
            case FORCED_OPEN -> breaker.forceOpen();
            case DISABLED -> breaker.disable();
            case METRICS_ONLY -> breaker.metricsOnly();
            default -> breaker.reset();
        }
        return describe(breaker);
    }

    private static State settable(String name, @Nullable String state) {
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
                history.isAttachedTo(breaker) ? history.recent(breaker.name()) : null);
    }
}
