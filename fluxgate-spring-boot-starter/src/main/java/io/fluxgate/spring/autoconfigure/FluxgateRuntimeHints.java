package io.fluxgate.spring.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * The reflection Fluxgate needs whatever the application's configuration: the field that the core windows'
 * striped counters reach through a {@code VarHandle}, and {@code SlackListener}, whose presence
 * {@link NamedListeners} checks by name (without the hint, a native image would report the module missing). The
 * hints that depend on the application (tracker classes,
 * {@code @CircuitBreaker} methods) come from {@link TrackerClassesAotProcessor} and the aspect's processor; the
 * endpoint's and health's JSON views from the actuator auto-configurations.
 */
final class FluxgateRuntimeHints implements RuntimeHintsRegistrar {

    /** The class whose {@code cells} field a {@code VarHandle} reads; package-private in the core. */
    static final TypeReference STRIPES = TypeReference.of("io.fluxgate.windows.Stripes");

    FluxgateRuntimeHints() {
    }

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        hints.reflection().registerType(STRIPES, type -> type.withField("cells"))
                .registerTypeIfPresent(classLoader, NamedListeners.SLACK_LISTENER_CLASS);
    }
}
