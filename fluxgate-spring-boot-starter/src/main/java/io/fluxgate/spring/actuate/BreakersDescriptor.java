package io.fluxgate.spring.actuate;

import java.util.Map;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * Every registered breaker and keyed family, as {@code GET /actuator/fluxgate} shows them:
 * {@code {"breakers": {"payment_api": {...}}, "families": {"hosts": {...}}}}.
 *
 * @param breakers each plain breaker's description by name, ordered by name
 * @param families each keyed family's description by name, ordered by name, without its keys
 */
public record BreakersDescriptor(Map<String, BreakerDescriptor> breakers, Map<String, FamilyDescriptor> families)
        implements OperationResponseBody {
}
