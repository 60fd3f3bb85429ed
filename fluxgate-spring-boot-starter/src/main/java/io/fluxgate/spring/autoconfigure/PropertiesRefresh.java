package io.fluxgate.spring.autoconfigure;

import io.fluxgate.CircuitBreaker;
import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.KeyedCircuitBreaker;
import io.fluxgate.Reconfiguration;
import io.fluxgate.spring.KeyedBreakers;
import io.fluxgate.spring.autoconfigure.FluxgateProperties.Breaker;
import io.fluxgate.spring.autoconfigure.PropertiesCircuitBreakerFactory.Refresh;
import io.fluxgate.spring.autoconfigure.PropertiesCircuitBreakerFactory.Snapshot;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Applies changed {@code fluxgate.*} properties to running breakers, in place ({@link CircuitBreaker#reconfigure}):
 * the starter calls it on Spring Cloud's {@code EnvironmentChangeEvent} ({@code /actuator/refresh}, Spring Cloud
 * Config, Kubernetes config maps).
 *
 * <p>The properties are bound and read as at start-up, with the same checks. What a refresh does:
 * <ul>
 *   <li>every breaker the starter built whose settings changed (its {@code fluxgate.breakers} entry, or the
 *       {@code fluxgate.defaults} it reads) is reconfigured, keeping its state and statistics;</li>
 *   <li>a bad value of one breaker is logged at WARN with what start-up would have reported, and that breaker keeps
 *       its configuration; the other breakers still change. A value that cannot be bound at all, or bad
 *       {@code fluxgate.defaults}, change nothing;</li>
 *   <li>a new {@code fluxgate.breakers} entry becomes a breaker; a removed one keeps its breaker (annotated methods
 *       and clients still hold it), reconfigured to the defaults, with a WARN;</li>
 *   <li>a keyed family the starter built whose settings changed is reconfigured with every key's breaker
 *       ({@link KeyedCircuitBreaker#reconfigure});</li>
 *   <li>what cannot change in a running application is logged at WARN and applies at the next start: a family's
 *       {@code keys} bounds, a name becoming keyed or plain, {@code fluxgate.slack.*}, {@code fluxgate.aspect-*},
 *       {@code fluxgate.health.*} and {@code fluxgate.strict-names}.</li>
 * </ul>
 */
final class PropertiesRefresh {

    private static final Log logger = LogFactory.getLog(PropertiesRefresh.class);
    private static final String PREFIX = "fluxgate.";

    private final Environment environment;
    private final PropertiesCircuitBreakerFactory factory;
    private final CircuitBreakerRegistry registry;
    private final KeyedBreakers keyed;

    PropertiesRefresh(Environment environment, PropertiesCircuitBreakerFactory factory,
            CircuitBreakerRegistry registry, KeyedBreakers keyed) {
        this.environment = environment;
        this.factory = factory;
        this.registry = registry;
        this.keyed = keyed;
    }

    /**
     * Applies the properties as they are now, if any of {@code changedKeys} is a {@code fluxgate.*} property.
     *
     * @param changedKeys the property names that changed
     */
    synchronized void changed(Collection<String> changedKeys) {
        List<String> ours = changedKeys.stream().filter(key -> key.startsWith(PREFIX)).sorted().toList();
        if (ours.isEmpty()) {
            return;
        }
        Refresh refresh;
        try {
            FluxgateProperties properties = Binder.get(environment).bindOrCreate("fluxgate",
                    Bindable.of(FluxgateProperties.class), new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
            Map<String, Breaker> breakers = BreakerNames.settle(properties.breakers(), environment).breakers();
            refresh = factory.refresh(properties, breakers);
        } catch (RuntimeException ex) {
            logger.warn("Fluxgate did not apply the changed properties " + ours + "; every circuit breaker keeps its "
                    + "configuration. " + describe(ex));
            return;
        }
        refresh.problems().forEach((name, problem) -> logger.warn("Circuit breaker '" + name + "' keeps its "
                + "configuration: the changed properties are not valid. " + describe(problem)));
        reconfigure(refresh);
        reconfigureFamilies(refresh);
        register(refresh);
        warnAboutWhatAppliesAtTheNextStart(ours);
    }

    private void reconfigure(Refresh refresh) {
        Snapshot before = refresh.before();
        Snapshot after = refresh.after();
        for (CircuitBreaker breaker : registry.all()) {
            String configured = factory.configuredNameOf(breaker.name());
            if (configured == null || before.settingsOf(configured).equals(after.settingsOf(configured))) {
                continue;
            }
            if (before.breakers().containsKey(configured) && !after.breakers().containsKey(configured)) {
                logger.warn(PropertiesCircuitBreakerFactory.path(configured) + " was removed; circuit breaker '"
                        + breaker.name() + "' keeps running, now on fluxgate.defaults, as annotated methods and"
                        + " clients still use it");
            }
            try {
                Reconfiguration change = breaker.reconfigure(
                        current -> Objects.requireNonNull(factory.rebuild(breaker.name())));
                logger.info("Circuit breaker '" + breaker.name() + "' follows the changed properties in "
                        + change.state() + ": " + change.reason());
            } catch (IllegalArgumentException ex) {
                logger.warn("Circuit breaker '" + breaker.name() + "' keeps its configuration: " + ex.getMessage());
            }
        }
    }

    private void reconfigureFamilies(Refresh refresh) {
        Snapshot before = refresh.before();
        Snapshot after = refresh.after();
        for (KeyedCircuitBreaker<Object> family : keyed.all()) {
            String name = family.name();
            if (!factory.built(family)) {
                continue;
            }
            if (!before.keysOf(name).equals(after.keysOf(name))) {
                logger.warn("Keyed circuit breaker '" + name + "' keeps its keys bounds until the next start: "
                        + PropertiesCircuitBreakerFactory.path(name) + ".keys and fluxgate.defaults.keys do not"
                        + " change a running family");
            }
            if (before.keyed().contains(name) && !after.keyed().contains(name)) {
                logger.warn("Keyed circuit breaker '" + name + "' stays keyed until the next start: its keys block"
                        + " was removed, and a running family cannot become a plain breaker");
            }
            if (before.settingsOf(name).equals(after.settingsOf(name))) {
                continue;
            }
            try {
                List<Reconfiguration> changes = family.reconfigure(template -> factory.template(name));
                logger.info("Keyed circuit breaker '" + name + "' follows the changed properties with its "
                        + (changes.size() - 1) + " keys: " + changes.get(changes.size() - 1).reason());
            } catch (IllegalArgumentException ex) {
                logger.warn("Keyed circuit breaker '" + name + "' keeps its configuration: " + ex.getMessage());
            }
        }
        for (String name : after.keyed()) {
            if (!before.keyed().contains(name) && keyed.find(name).isEmpty()) {
                logger.warn("Circuit breaker '" + name + "' becomes keyed at the next start: a keys block was added"
                        + " under " + PropertiesCircuitBreakerFactory.path(name) + ", and a running breaker cannot"
                        + " become a family");
            }
        }
    }

    private void register(Refresh refresh) {
        for (String name : refresh.after().breakers().keySet()) {
            if (!refresh.before().breakers().containsKey(name) && !refresh.after().keyed().contains(name)
                    && keyed.find(name).isEmpty() && registry.get(name).isEmpty()) {
                registry.getOrCreate(name, () -> factory.create(name));
            }
        }
    }

    private static void warnAboutWhatAppliesAtTheNextStart(List<String> changed) {
        List<String> atNextStart = changed.stream()
                .filter(key -> !key.startsWith("fluxgate.defaults.") && !key.startsWith("fluxgate.breakers"))
                .toList();
        if (!atNextStart.isEmpty()) {
            logger.warn("Changed properties " + atNextStart + " apply at the next start; running breakers follow"
                    + " only fluxgate.defaults.* and fluxgate.breakers.*");
        }
    }

    /** What start-up's failure analysis would say about {@code problem}. */
    private static String describe(RuntimeException problem) {
        FailureAnalysis unknown = new UnknownPropertyFailureAnalyzer().analyze(problem);
        if (unknown != null) {
            return unknown.getDescription() + " " + unknown.getAction();
        }
        InvalidConfigurationPropertyValueException invalid = findCause(problem,
                InvalidConfigurationPropertyValueException.class);
        if (invalid != null) {
            return "Invalid value '" + invalid.getValue() + "' for configuration property '" + invalid.getName()
                    + "'. Validation failed for the following reason: " + invalid.getReason();
        }
        StringBuilder messages = new StringBuilder(String.valueOf(problem.getMessage()));
        for (Throwable cause = problem.getCause(); cause != null; cause = cause.getCause()) {
            messages.append(": ").append(cause.getMessage());
        }
        return messages.toString();
    }

    private static <E extends Throwable> @Nullable E findCause(Throwable failure, Class<E> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
