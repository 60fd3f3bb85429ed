package io.fluxgate.redis;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fluxgate.State;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * One breaker across the fleet, the answer to {@code GET /actuator/fluxgate/{name}?scope=fleet}:
 *
 * <pre>{@code
 * {"name": "payment_api", "fleet": "payments", "liveInstances": 3,
 *  "states": {"CLOSED": 2, "FORCED_OPEN": 1},
 *  "instances": {"payments-1": {"state": "FORCED_OPEN", "changedAt": "...",
 *                               "reason": "fleet: FORCED_OPEN by payments-2"}},
 *  "command": {"state": "FORCED_OPEN", "by": "payments-2", "sentAt": "..."}}
 * }</pre>
 *
 * @param name          the breaker's name
 * @param fleet         the fleet's name
 * @param liveInstances how many instances that heartbeat within their TTL report this breaker
 * @param states        how many of them are in each state
 * @param instances     each of them by instance id, ordered by id
 * @param command       the standing fleet-wide command for this breaker, or {@code null} when none stands
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FleetBreakerDescriptor(String name, String fleet, int liveInstances, Map<State, Integer> states,
        Map<String, InstanceDescriptor> instances, @Nullable CommandDescriptor command)
        implements OperationResponseBody {

    /**
     * One instance's view of the breaker, as of its last heartbeat or transition.
     *
     * @param state     its state
     * @param changedAt when it entered that state
     * @param reason    why, e.g. {@code FailureRate(0.5): 0.62 over 100 calls} or {@code fleet: FORCED_OPEN by a}
     */
    public record InstanceDescriptor(State state, Instant changedAt, String reason) {
    }

    /**
     * A fleet-wide command: the answer to {@code POST /actuator/fluxgate/{name}} with {@code "scope": "fleet"}, and
     * the standing command in a fleet view.
     *
     * @param name   the breaker's name
     * @param state  the state it sets on every instance
     * @param by     the instance that sent it
     * @param sentAt when it was sent
     * @param reason the reason each instance's transition carries, {@code fleet: <state> by <instance>}
     */
    public record CommandDescriptor(String name, State state, String by, Instant sentAt, String reason)
            implements OperationResponseBody {
    }
}
