package io.fluxgate.spring.autoconfigure;

import io.fluxgate.CircuitBreaker;
import io.fluxgate.KeyedCircuitBreaker;
import io.fluxgate.listeners.Listener;
import io.fluxgate.spring.autoconfigure.FluxgateProperties.Breaker;
import io.fluxgate.expression.ExpressionException;
import io.fluxgate.expression.Expressions;
import io.fluxgate.expression.TrackerContext;
import io.fluxgate.trippers.Tripper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Turns one {@link Breaker} of the properties, over the defaults, into {@link BreakerSettings}, parsing each
 * expression and checking each value with the core's own constructors and builder. A bad value becomes an
 * {@link InvalidConfigurationPropertyValueException} naming its property path, so Spring Boot's failure
 * analysis reports the path, the value, and the component's own explanation.
 */
final class SettingsReader {

    /** The property path of the settings every breaker starts from. */
    static final String DEFAULTS = "fluxgate.defaults";

    private final TrackerContext trackers;
    private final NamedListeners listeners;

    SettingsReader(TrackerContext trackers, NamedListeners listeners) {
        this.trackers = trackers;
        this.listeners = listeners;
    }

    /**
     * Reads one breaker's settings and puts them over the defaults, checking the values that only the whole
     * breaker can judge, wherever each one is set.
     *
     * @param name     the breaker's name, for the builder's messages
     * @param prefix   the property path of the breaker, e.g. {@code fluxgate.breakers.payment_api}
     * @param breaker  the bound properties
     * @param defaults the settings of {@code fluxgate.defaults}; {@link BreakerSettings#NONE} when reading those
     */
    BreakerSettings read(String name, String prefix, Breaker breaker, BreakerSettings defaults) {
        BreakerSettings own = readOwn(name, prefix, breaker);
        BreakerSettings settings = own.over(defaults);
        if (Boolean.FALSE.equals(settings.measureDurations())) {
            checkUntimed(name, prefix, own, settings);
        }
        return settings;
    }

    /**
     * Reads one breaker's {@code keys} block and puts it over the defaults' block.
     *
     * @param name     the breaker's name, for the builder's messages
     * @param prefix   the property path of the breaker
     * @param keys     the bound block, or {@code null}
     * @param defaults the block of {@code fluxgate.defaults}; {@link KeySettings#NONE} when reading those
     */
    static KeySettings readKeys(String name, String prefix, FluxgateProperties.@Nullable Keys keys,
            KeySettings defaults) {
        if (keys == null) {
            return defaults;
        }
        Integer max = keys.max();
        Duration idleEviction = keys.idleEviction();
        if (max != null) {
            check(prefix + ".keys.max", max, () -> keyed(name).maxKeys(max));
        }
        if (idleEviction != null) {
            check(prefix + ".keys.idle-eviction", idleEviction, () -> keyed(name).idleEviction(idleEviction));
        }
        return new KeySettings(max, idleEviction, keys.metricsTag()).over(defaults);
    }

    private static KeyedCircuitBreaker.Builder keyed(String name) {
        return KeyedCircuitBreaker.builder(probe(name));
    }

    private BreakerSettings readOwn(String name, String prefix, Breaker breaker) {
        Duration slowThreshold = breaker.slowThreshold();
        Integer maxHalfOpenCalls = breaker.maxHalfOpenCalls();
        Duration maxHalfOpenDuration = breaker.maxHalfOpenDuration();
        if (maxHalfOpenDuration != null) {
            check(prefix + ".max-half-open-duration", maxHalfOpenDuration,
                    () -> probe(name).maxHalfOpenDuration(maxHalfOpenDuration));
        }
        if (slowThreshold != null) {
            check(prefix + ".slow-threshold", slowThreshold, () -> probe(name).slowThreshold(slowThreshold));
        }
        if (maxHalfOpenCalls != null) {
            check(prefix + ".max-half-open-calls", maxHalfOpenCalls,
                    () -> probe(name).maxHalfOpenCalls(maxHalfOpenCalls));
        }
        return new BreakerSettings(
                parse(prefix + ".window", breaker.window(), Expressions::window),
                parse(prefix + ".tracker", breaker.tracker(), text -> Expressions.tracker(text, trackers)),
                parse(prefix + ".tripper", breaker.tripper(), Expressions::tripper),
                parse(prefix + ".retry", breaker.retry(), Expressions::retry),
                parse(prefix + ".permit", breaker.permit(), Expressions::permit),
                slowThreshold, maxHalfOpenCalls, maxHalfOpenDuration, breaker.measureDurations(),
                listeners(prefix + ".listeners", breaker.listeners()));
    }

    /**
     * The builder rejects measureDurations(false) with a slow threshold or a tripper that reads durations. The
     * three values may come from the breaker or the defaults, so the reason names the property of each, and the
     * breaker's own measure-durations as the one change that affects no other breaker.
     */
    private static void checkUntimed(String name, String prefix, BreakerSettings own, BreakerSettings settings) {
        String untimed = origin(prefix, own.measureDurations(), "measure-durations");
        String keepTimed = " or set '" + prefix + ".measure-durations' to true.";
        Duration slowThreshold = settings.slowThreshold();
        if (slowThreshold != null) {
            check(untimed, false, () -> probe(name).measureDurations(false).slowThreshold(slowThreshold).build(),
                    " Remove '" + origin(prefix, own.slowThreshold(), "slow-threshold") + "'" + keepTimed);
        }
        Tripper tripper = settings.tripper();
        if (tripper != null) {
            check(untimed, false, () -> probe(name).measureDurations(false).tripper(tripper).build(),
                    " Change '" + origin(prefix, own.tripper(), "tripper") + "'" + keepTimed);
        }
    }

    private static String origin(String prefix, @Nullable Object own, String key) {
        return (own != null ? prefix : DEFAULTS) + "." + key;
    }

    private @Nullable List<Listener> listeners(String path, @Nullable List<String> names) {
        if (names == null) {
            return null;
        }
        List<Listener> resolved = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            resolved.add(listeners.resolve(path + "[" + i + "]", names.get(i)));
        }
        return List.copyOf(resolved);
    }

    private static <T> @Nullable T parse(String path, @Nullable String text, Function<String, T> parser) {
        if (text == null) {
            return null;
        }
        try {
            return parser.apply(text);
        } catch (ExpressionException ex) {
            throw new InvalidConfigurationPropertyValueException(path, text, sentence(ex.getMessage()));
        }
    }

    private static void check(String path, Object value, Runnable check) {
        check(path, value, check, "");
    }

    /** Runs the check; its message, as a sentence followed by {@code more}, is the reason when it fails. */
    private static void check(String path, Object value, Runnable check, String more) {
        try {
            check.run();
        } catch (IllegalArgumentException ex) {
            throw new InvalidConfigurationPropertyValueException(path, value, sentence(ex.getMessage()) + more);
        }
    }

    // Only for validation: the builder checks each value the way every breaker will.
    private static CircuitBreaker.Builder probe(String name) {
        return CircuitBreaker.builder(name);
    }

    /** Boot's reasons start with an upper-case letter and end with a dot. */
    static String sentence(@Nullable String message) {
        if (message == null || message.isEmpty()) {
            return "Invalid value.";
        }
        String capitalised = message.substring(0, 1).toUpperCase(Locale.ROOT) + message.substring(1);
        return capitalised.endsWith(".") ? capitalised : capitalised + ".";
    }
}
