package io.fluxgate.spring.autoconfigure;

import io.fluxgate.CircuitBreaker;
import io.fluxgate.KeyedCircuitBreaker;
import io.fluxgate.Ticker;
import io.fluxgate.listeners.Listener;
import io.fluxgate.spring.CircuitBreakerFactory;
import io.fluxgate.spring.autoconfigure.FluxgateProperties.Breaker;
import io.fluxgate.expression.TrackerContext;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The one place that turns {@link FluxgateProperties} into core builders: {@code fluxgate.breakers.<name>} over
 * {@code fluxgate.defaults} over the core's defaults, then the listener beans, ticker and clock. Every value is
 * parsed and checked when the factory is created, so a bad one fails start-up; {@link #create} never does.
 *
 * <p>Thread-safe. {@link #close()} closes the Slack listener it may have created.
 */
final class PropertiesCircuitBreakerFactory implements CircuitBreakerFactory, AutoCloseable {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private final NamedListeners namedListeners;
    private final BreakerSettings defaults;
    private final Map<String, BreakerSettings> breakers = new LinkedHashMap<>();
    private final KeySettings defaultKeys;
    private final Map<String, KeySettings> keys = new LinkedHashMap<>();
    private final Set<String> keyedByConfiguration = new LinkedHashSet<>();
    private final List<Listener> listeners;
    private final @Nullable Ticker ticker;
    private final @Nullable Clock clock;
    private final Consumer<String> builtFromDefaults;

    /**
     * Reads and checks every setting.
     *
     * @param properties the bound properties
     * @param breakers   the configured breakers by their settled names
     * @param trackers   class loader and {@code Custom} beans for tracker expressions; the class loader is also
     *                   where the {@code slack} listener's module is looked for
     * @param listeners  listener beans, attached to every breaker after its named listeners
     * @param ticker     the ticker bean, or {@code null} for the core's default
     * @param clock      the clock bean, or {@code null} for the core's default
     * @param builtFromDefaults hears of each name {@link #create} builds from the defaults, not being configured
     */
    PropertiesCircuitBreakerFactory(FluxgateProperties properties, Map<String, Breaker> breakers,
            TrackerContext trackers, List<Listener> listeners, @Nullable Ticker ticker, @Nullable Clock clock,
            Consumer<String> builtFromDefaults) {
        this.namedListeners = new NamedListeners(properties.slack(), trackers.classLoader());
        this.listeners = List.copyOf(listeners);
        this.ticker = ticker;
        this.clock = clock;
        this.builtFromDefaults = builtFromDefaults;
        try {
            SettingsReader reader = new SettingsReader(trackers, namedListeners);
            this.defaults = reader.read(SettingsReader.DEFAULTS, SettingsReader.DEFAULTS, properties.defaults(),
                    BreakerSettings.NONE);
            this.defaultKeys = SettingsReader.readKeys(SettingsReader.DEFAULTS, SettingsReader.DEFAULTS,
                    properties.defaults().keys(), KeySettings.NONE);
            breakers.forEach((name, breaker) -> {
                this.breakers.put(name, reader.read(name, path(name), breaker, defaults));
                this.keys.put(name, SettingsReader.readKeys(name, path(name), breaker.keys(), defaultKeys));
                if (breaker.keys() != null) {
                    keyedByConfiguration.add(name);
                }
            });
        } catch (RuntimeException ex) {
            namedListeners.close();
            throw ex;
        }
    }

    /**
     * The property path of a breaker: {@code fluxgate.breakers.payment_api}, or with brackets for names that need
     * them: {@code fluxgate.breakers[a.b]}.
     *
     * @param name the breaker's name
     * @return its property path
     */
    static String path(String name) {
        return PLAIN_NAME.matcher(name).matches() ? "fluxgate.breakers." + name : "fluxgate.breakers[" + name + "]";
    }

    @Override
    public CircuitBreaker create(String name) {
        return builder(name, name, UnaryOperator.identity()).build();
    }

    @Override
    public CircuitBreaker create(String name, String configured, UnaryOperator<CircuitBreaker.Builder> adjust) {
        return builder(name, configured, adjust).build();
    }

    /**
     * Builds a new, unregistered keyed family: every key's breaker is what {@link #create} builds, bounded by the
     * name's {@code keys} settings.
     *
     * @param name the family's name
     * @return a new family with no keys
     */
    KeyedCircuitBreaker<Object> createKeyed(String name) {
        CircuitBreaker.Builder template = builder(name, name, UnaryOperator.identity());
        return keySettings(name).applyTo(KeyedCircuitBreaker.builder(template)).build();
    }

    /** The {@code keys} settings of a name, over {@code fluxgate.defaults.keys}. */
    KeySettings keySettings(String name) {
        return keys.getOrDefault(name, defaultKeys);
    }

    /** The configured names that have a {@code keys} block, so are keyed families, not plain breakers. */
    Set<String> keyedByConfiguration() {
        return Collections.unmodifiableSet(keyedByConfiguration);
    }

    private CircuitBreaker.Builder builder(String name, String configured,
            UnaryOperator<CircuitBreaker.Builder> adjust) {
        BreakerSettings settings = breakers.get(configured);
        if (settings == null) {
            builtFromDefaults.accept(name);
            settings = defaults;
        }
        CircuitBreaker.Builder builder = adjust.apply(settings.applyTo(CircuitBreaker.builder(name)));
        builder.listeners(listeners);
        if (ticker != null) {
            builder.ticker(ticker);
        }
        if (clock != null) {
            builder.clock(clock);
        }
        return builder;
    }

    @Override
    public boolean isConfigured(String name) {
        return breakers.containsKey(name);
    }

    @Override
    public void close() {
        namedListeners.close();
    }

    @Override
    public String toString() {
        return "PropertiesCircuitBreakerFactory" + breakers.keySet();
    }
}
