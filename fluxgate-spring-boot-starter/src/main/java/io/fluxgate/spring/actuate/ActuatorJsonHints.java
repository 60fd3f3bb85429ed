package io.fluxgate.spring.actuate;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * The JSON views of the {@code fluxgate} endpoint and health contributor, for a native image: Jackson reads
 * their records' components reflectively. The actuator registers the declared return type of each operation,
 * but {@code breaker(name)} and the write operations return {@code OperationResponseBody}, and health details
 * are a {@code Map<String, Object>}, so the records behind them are registered here with all they contain; so are
 * the dashboard's records and its page, a class-path resource.
 */
final class ActuatorJsonHints implements RuntimeHintsRegistrar {

    private final BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();

    ActuatorJsonHints() {
    }

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        bindings.registerReflectionHints(hints.reflection(), BreakersDescriptor.class, BreakerDescriptor.class,
                FamilyDescriptor.class, FluxgateEndpointWebExtension.BadRequest.class,
                FluxgateHealthIndicator.BreakerHealth.class, FluxgateHealthIndicator.FamilyHealth.class,
                DashboardDescriptor.class, TrafficDescriptor.class);
        hints.resources().registerPattern(FluxgateDashboardEndpoint.PAGE);
    }
}
