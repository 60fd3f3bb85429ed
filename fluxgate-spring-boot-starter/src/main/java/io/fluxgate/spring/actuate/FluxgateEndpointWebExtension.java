package io.fluxgate.spring.actuate;

import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The HTTP face of {@link FluxgateEndpoint}'s write operation: {@code 404} for an unknown breaker (a write
 * operation returning nothing would otherwise be {@code 204}), and {@code 400} with the reason in the body,
 * which Spring Boot's error page hides by default ({@code server.error.include-message=never}).
 */
@EndpointWebExtension(endpoint = FluxgateEndpoint.class)
public class FluxgateEndpointWebExtension {

    private final FluxgateEndpoint delegate;

    /**
     * Creates the extension.
     *
     * @param delegate the endpoint it extends
     */
    public FluxgateEndpointWebExtension(FluxgateEndpoint delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /**
     * {@code POST /actuator/fluxgate/{name}} with {@code {"state": "FORCED_OPEN"}}.
     *
     * @param name  the breaker's name
     * @param state the state to move to
     * @return {@code 200} with the breaker's {@link BreakerDescriptor}, {@code 404} for an unknown breaker, or
     *         {@code 400} with a {@link BadRequest} for a missing or unknown state, or for a keyed family's name
     */
    @WriteOperation
    public WebEndpointResponse<OperationResponseBody> changeState(@Selector String name, @Nullable String state) {
        return answer(() -> delegate.changeState(name, state));
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
            return new WebEndpointResponse<>(new BadRequest(WebEndpointResponse.STATUS_BAD_REQUEST, ex.getReason()),
                    WebEndpointResponse.STATUS_BAD_REQUEST);
        }
    }

    /**
     * The body of a {@code 400} response: {@code {"status": 400, "message": "Cannot set circuit breaker ..."}}.
     *
     * @param status  always {@code 400}
     * @param message what was wrong and which states are allowed
     */
    public record BadRequest(int status, String message) implements OperationResponseBody {
    }
}
