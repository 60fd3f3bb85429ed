package io.fluxgate.spring.autoconfigure;

import io.fluxgate.expression.ExpressionException;
import io.fluxgate.expression.Expressions;
import io.fluxgate.expression.TrackerContext;
import io.fluxgate.spring.autoconfigure.FluxgateProperties.Breaker;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * The classes that the {@code TypeOf(...)} terms of the tracker expressions name, in {@code fluxgate.defaults}
 * and every {@code fluxgate.breakers} entry. Each expression is parsed by the core's own parser, as start-up
 * parses it, through a class loader that records what the parser loads; a {@code Custom(name)} term needs only
 * a bean of that name. An expression that does not parse is reported as start-up reports it.
 */
final class TrackerClasses {

    private TrackerClasses() {
    }

    /**
     * Parses every tracker expression of {@code properties}.
     *
     * @param properties  the bound properties
     * @param classLoader where the named classes are loaded from, as at start-up
     * @param isBean      whether a bean of that name exists, for {@code Custom(name)}
     * @return the named classes, in the order they are first named
     * @throws InvalidConfigurationPropertyValueException naming the property of an expression that does not parse
     */
    static Set<Class<?>> named(FluxgateProperties properties, ClassLoader classLoader, Predicate<String> isBean) {
        Recording recording = new Recording(classLoader);
        TrackerContext context = TrackerContext.of(recording)
                .withCustoms(name -> isBean.test(name) ? error -> false : null);
        parse(SettingsReader.DEFAULTS + ".tracker", properties.defaults().tracker(), context);
        Map<String, Breaker> breakers = properties.breakers();
        if (breakers != null) {
            breakers.forEach((name, breaker) ->
                    parse(PropertiesCircuitBreakerFactory.path(name) + ".tracker", breaker.tracker(), context));
        }
        return Collections.unmodifiableSet(recording.loaded);
    }

    private static void parse(String path, @Nullable String text, TrackerContext context) {
        if (text == null) {
            return;
        }
        try {
            Expressions.tracker(text, context);
        } catch (ExpressionException ex) {
            throw new InvalidConfigurationPropertyValueException(path, text, SettingsReader.sentence(ex.getMessage()));
        }
    }

    /** Delegates every load to the application's class loader and remembers what was loaded. */
    private static final class Recording extends ClassLoader {

        private final Set<Class<?>> loaded = new LinkedHashSet<>();

        Recording(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            Class<?> type = super.loadClass(name, resolve);
            loaded.add(type);
            return type;
        }
    }
}
