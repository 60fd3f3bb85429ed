/**
 * The actuator side of Fluxgate: the {@code fluxgate} endpoint, which lists breakers and steers their state,
 * and the {@code fluxgate} health contributor.
 *
 * <pre>{@code
 * GET  /actuator/fluxgate                 every breaker
 * GET  /actuator/fluxgate/payment_api     one breaker (404 when unknown)
 * POST /actuator/fluxgate/payment_api     {"state": "FORCED_OPEN"}
 * }</pre>
 *
 * <p>Both are auto-configured when Spring Boot's actuator is on the class path: the endpoint only when it is
 * available ({@code management.endpoints.web.exposure.include=fluxgate}), the health contributor unless
 * {@code management.health.fluxgate.enabled=false}.
 */
@NullMarked
package io.fluxgate.spring.actuate;

import org.jspecify.annotations.NullMarked;
