package io.fluxgate.spring.actuate;

import io.fluxgate.State;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * What answers the {@code fluxgate} endpoint's requests with {@code scope=fleet}: every live instance of the
 * application, not only this one. {@code io.fluxgate:fluxgate-redis} provides it when
 * {@code fluxgate.fleet.enabled} is true; without a bean of this type such a request gets a {@code 400} saying
 * that fleet mode is not enabled.
 *
 * <pre>{@code
 * GET  /actuator/fluxgate/payment_api?scope=fleet                    describe("payment_api")
 * POST /actuator/fluxgate/payment_api {"state": "FORCED_OPEN", "scope": "fleet"}
 *                                                                    change("payment_api", FORCED_OPEN)
 * }</pre>
 *
 * <p>Implementations are thread-safe. Either method may throw {@link IllegalStateException} when the fleet cannot
 * be reached; the endpoint answers {@code 503} with its message.
 */
public interface FleetScope {

    /**
     * Describes one breaker on every live instance.
     *
     * @param name the breaker's name, exactly as registered
     * @return the fleet's view, or {@code null} (404) when this instance has no breaker of that name
     * @throws IllegalStateException when the fleet cannot be reached now
     */
    @Nullable OperationResponseBody describe(String name);

    /**
     * Moves one breaker to a state on every live instance, and on instances that join while the command stands.
     *
     * @param name  the breaker's name, exactly as registered
     * @param state {@code CLOSED} (reset, also of instances cut off when it was sent), {@code FORCED_OPEN},
     *              {@code DISABLED} or {@code METRICS_ONLY}
     * @return the command as sent, or {@code null} (404) when this instance has no breaker of that name
     * @throws IllegalStateException when the fleet cannot be reached now
     */
    @Nullable OperationResponseBody change(String name, State state);
}
