package io.fluxgate.redis;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * The {@code scope=fleet} answers of the {@code fluxgate} endpoint, for a native image: the endpoint's operations
 * return {@code OperationResponseBody}, so the records Jackson writes for a fleet view or command are registered
 * here with all they contain.
 */
final class FleetJsonHints implements RuntimeHintsRegistrar {

    private final BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();

    FleetJsonHints() {
    }

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        bindings.registerReflectionHints(hints.reflection(), FleetBreakerDescriptor.class,
                FleetBreakerDescriptor.CommandDescriptor.class);
    }
}
