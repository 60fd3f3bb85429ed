package io.fluxgate.spring.actuate;

import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The HTTP face of {@link FluxgateEndpoint}'s write operation: {@code 404} for an unknown breaker (a write
 * operation returning nothing would otherwise be {@code 204}), and {@code 400} with the reason in the body,
 * which Spring Boot's error page hides by default ({@code server.error.include-message=never}).
 *
 * <p>It also takes a {@code scope}: {@code local} (the default: this instance, the endpoint's own answer) or
 * {@code fleet} (every live instance, through the {@link FleetScope} that {@code io.fluxgate:fluxgate-redis}
 * provides): {@code GET /actuator/fluxgate/payment_api?scope=fleet} and
 * {@code POST /actuator/fluxgate/payment_api {"state": "FORCED_OPEN", "scope": "fleet"}}. Without fleet mode a
 * {@code scope=fleet} request gets {@code 400}; a fleet that cannot be reached, {@code 503}.
 */
@EndpointWebExtension(endpoint = FluxgateEndpoint.class)
public class FluxgateEndpointWebExtension {

    /** The value of {@code scope} that addresses every live instance. */
    static final String FLEET = "fleet";

    /** The value of {@code scope} that addresses this instance, as no scope does. */
    static final String LOCAL = "local";

    private static final int STATUS_UNAVAILABLE = 503;

    private final FluxgateEndpoint delegate;
    private final @Nullable FleetScope fleet;

    /**
     * Creates the extension without fleet mode.
     *
     * @param delegate the endpoint it extends
     */
    public FluxgateEndpointWebExtension(FluxgateEndpoint delegate) {
        this(delegate, null);
    }

    /**
     * Creates the extension.
     *
     * @param delegate the endpoint it extends
     * @param fleet    what answers {@code scope=fleet} requests, or {@code null} without fleet mode
     */
    public FluxgateEndpointWebExtension(FluxgateEndpoint delegate, @Nullable FleetScope fleet) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.fleet = fleet;
    }

    /**
     * {@code GET /actuator/fluxgate/{name}}, optionally {@code ?scope=fleet}.
     *
     * @param name  the breaker's or keyed family's name
     * @param scope {@code local} or {@code null} for this instance, {@code fleet} for every live instance
     * @return {@code 200} with the endpoint's answer (or the fleet's view), {@code 404} for an unknown name,
     *         {@code 400} for an unknown scope or {@code scope=fleet} without fleet mode, {@code 503} when the fleet
     *         cannot be reached
     */
    @ReadOperation
    public WebEndpointResponse<OperationResponseBody> breaker(@Selector String name, @Nullable String scope) {
        try {
            OperationResponseBody body = isFleet(scope) ? fleet(name).describe(name) : delegate.breaker(name);
            return body == null ? new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND)
                    : new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_OK);
        } catch (InvalidEndpointRequestException ex) {
            return badRequest(ex);
        } catch (IllegalStateException ex) {
            return unavailable(ex);
        }
    }

    /**
     * {@code POST /actuator/fluxgate/{name}} with {@code {"state": "FORCED_OPEN"}}, optionally with
     * {@code "scope": "fleet"}.
     *
     * @param name  the breaker's name
     * @param state the state to move to
     * @param scope {@code local} or {@code null} for this instance, {@code fleet} for every live instance
     * @return {@code 200} with the breaker's {@link BreakerDescriptor} (or the fleet command as sent), {@code 404}
     *         for an unknown breaker, {@code 400} with a {@link BadRequest} for a missing or unknown state or scope,
     *         for a keyed family's name or for {@code scope=fleet} without fleet mode, or {@code 503} when the fleet
     *         cannot be reached
     */
    @WriteOperation
    public WebEndpointResponse<OperationResponseBody> changeState(@Selector String name, @Nullable String state,
            @Nullable String scope) {
        try {
            if (!isFleet(scope)) {
                return answer(() -> delegate.changeState(name, state));
            }
            FleetScope target = fleet(name);
            OperationResponseBody sent = target.change(name, FluxgateEndpoint.settable(name, state));
            return sent == null ? new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND)
                    : new WebEndpointResponse<>(sent, WebEndpointResponse.STATUS_OK);
        } catch (InvalidEndpointRequestException ex) {
            return badRequest(ex);
        } catch (IllegalStateException ex) {
            return unavailable(ex);
        }
    }

    /**
     * {@code POST /actuator/fluxgate/{name}} with {@code {"state": "FORCED_OPEN"}} and no scope: this instance.
     *
     * @param name  the breaker's name
     * @param state the state to move to
     * @return as {@link #changeState(String, String, String)} with no scope
     */
    public WebEndpointResponse<OperationResponseBody> changeState(String name, @Nullable String state) {
        return changeState(name, state, null);
    }

    private static boolean isFleet(@Nullable String scope) {
        if (scope == null || LOCAL.equals(scope)) {
            return false;
        }
        if (FLEET.equals(scope)) {
            return true;
        }
        String message = "Unknown scope " + FluxgateEndpoint.quote(scope) + "; expected " + LOCAL + " or " + FLEET;
        throw new InvalidEndpointRequestException(message, message);
    }

    private FleetScope fleet(String name) {
        if (fleet == null) {
            String message = "Cannot use scope=fleet for circuit breaker '" + name + "': fleet mode is not enabled;"
                    + " add io.fluxgate:fluxgate-redis and set fluxgate.fleet.enabled=true";
            throw new InvalidEndpointRequestException(message, message);
        }
        return fleet;
    }

    /**
     * {@code POST /actuator/fluxgate/{name}/{key}} with {@code {"state": "FORCED_OPEN"}}: one key of a keyed
     * family.
     *
     * @param name  the family's name
     * @param key   the key
     * @param state the state to move to
     * @return {@code 200} with the key's {@link BreakerDescriptor}, {@code 404} for an unknown family or key, or
     *         {@code 400} with a {@link BadRequest} for a missing or unknown state
     */
    @WriteOperation
    public WebEndpointResponse<OperationResponseBody> changeKeyState(@Selector String name, @Selector String key,
            @Nullable String state) {
        return answer(() -> delegate.changeKeyState(name, key, state));
    }

    private static WebEndpointResponse<OperationResponseBody> answer(Supplier<@Nullable BreakerDescriptor> change) {
        try {
            BreakerDescriptor breaker = change.get();
            return breaker == null
                    ? new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND)
                    : new WebEndpointResponse<>(breaker, WebEndpointResponse.STATUS_OK);
        } catch (InvalidEndpointRequestException ex) {
            return badRequest(ex);
        }
    }

    private static WebEndpointResponse<OperationResponseBody> badRequest(InvalidEndpointRequestException ex) {
        return new WebEndpointResponse<>(new BadRequest(WebEndpointResponse.STATUS_BAD_REQUEST, ex.getReason()),
                WebEndpointResponse.STATUS_BAD_REQUEST);
    }

    private static WebEndpointResponse<OperationResponseBody> unavailable(IllegalStateException ex) {
        return new WebEndpointResponse<>(new BadRequest(STATUS_UNAVAILABLE, String.valueOf(ex.getMessage())),
                STATUS_UNAVAILABLE);
    }

    /**
     * The body of a {@code 400} (or {@code 503}) response:
     * {@code {"status": 400, "message": "Cannot set circuit breaker ..."}}.
     *
     * @param status  {@code 400}, or {@code 503} when the fleet cannot be reached
     * @param message what was wrong and which states are allowed
     */
    public record BadRequest(int status, String message) implements OperationResponseBody {
    }
}
