package io.fluxgate.spring.actuate;

import java.util.Map;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * Every registered breaker, as {@code GET /actuator/fluxgate} shows them: {@code {"breakers": {"payment_api":
 * {...}}}}.
 *
 * @param breakers each breaker's description by name, ordered by name
 */
public record BreakersDescriptor(Map<String, BreakerDescriptor> breakers) implements OperationResponseBody {
}
