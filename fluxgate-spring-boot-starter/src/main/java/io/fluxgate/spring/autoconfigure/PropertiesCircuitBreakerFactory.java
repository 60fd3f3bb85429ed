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
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The one place that turns {@link FluxgateProperties} into core builders: {@code fluxgate.breakers.<name>} over
 * {@code fluxgate.defaults} over the core's defaults, then the listener beans, ticker and clock. Every value is
 * parsed and checked when the factory is created, so a bad one fails start-up; {@link #create} never does.
 * {@link #refresh} reads changed properties at run time the same way, name by name, keeping a name's old settings
 * when its new ones are bad; it remembers how it built each breaker, so that {@link #rebuild} can build it again.
 *
 * <p>Thread-safe. {@link #close()} closes the Slack listener it may have created.
 */
final class PropertiesCircuitBreakerFactory implements CircuitBreakerFactory, AutoCloseable {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private final NamedListeners namedListeners;
    private final SettingsReader reader;
    private volatile Snapshot snapshot;
    private final Map<String, Recipe> built = new ConcurrentHashMap<>();
    /** By identity: a family registered by hand under the same name was not built here. */
    private final Map<KeyedCircuitBreaker<?>, Boolean> builtFamilies = Collections.synchronizedMap(
            new IdentityHashMap<>());
    private final List<Listener> listeners;
    private final @Nullable Ticker ticker;
    private final @Nullable Clock clock;
    private final Consumer<String> builtFromDefaults;
    /** Start-up's: {@code fluxgate.http} changes apply at the next start. */
    private final Set<String> httpFamilies;

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
        this.httpFamilies = properties.http().families();
        try {
            this.reader = new SettingsReader(trackers, namedListeners);
            this.snapshot = read(properties, breakers, null, new LinkedHashMap<>());
        } catch (RuntimeException ex) {
            namedListeners.close();
            throw ex;
        }
    }

    /**
     * Reads the defaults and then every breaker. Without {@code previous} (at start-up) a bad value throws; with it
     * (a refresh) a breaker whose new settings are bad keeps its previous ones and its problem is added to
     * {@code problems}, while bad defaults still throw, as every breaker reads them.
     */
    private Snapshot read(FluxgateProperties properties, Map<String, Breaker> breakers, @Nullable Snapshot previous,
            Map<String, RuntimeException> problems) {
        BreakerSettings defaults = reader.read(SettingsReader.DEFAULTS, SettingsReader.DEFAULTS,
                properties.defaults(), BreakerSettings.NONE);
        KeySettings defaultKeys = SettingsReader.readKeys(SettingsReader.DEFAULTS, SettingsReader.DEFAULTS,
                properties.defaults().keys(), KeySettings.NONE);
        Map<String, BreakerSettings> settings = new LinkedHashMap<>();
        Map<String, KeySettings> keys = new LinkedHashMap<>();
        Set<String> keyed = new LinkedHashSet<>();
        breakers.forEach((name, breaker) -> {
            try {
                settings.put(name, reader.read(name, path(name), breaker, defaults));
                keys.put(name, SettingsReader.readKeys(name, path(name), breaker.keys(), defaultKeys));
                if (breaker.keys() != null || httpFamilies.contains(name)) {
                    keyed.add(name);
                }
            } catch (RuntimeException ex) {
                if (previous == null) {
                    throw ex;
                }
                problems.put(name, ex);
                if (previous.breakers.containsKey(name)) {
                    settings.put(name, previous.breakers.get(name));
                    keys.put(name, previous.keys.getOrDefault(name, defaultKeys));
                    if (previous.keyed.contains(name)) {
                        keyed.add(name);
                    }
                }
            }
        });
        return new Snapshot(defaults, Collections.unmodifiableMap(settings), defaultKeys,
                Collections.unmodifiableMap(keys), Collections.unmodifiableSet(keyed));
    }

    /**
     * Reads changed properties at run time: {@link #create} and {@link #rebuild} use them from now on.
     *
     * @param properties the properties bound again
     * @param breakers   the configured breakers by their settled names
     * @return the settings before and after, and the breakers whose new settings were bad and not taken
     * @throws RuntimeException when the new {@code fluxgate.defaults} are bad: then nothing changes
     */
    synchronized Refresh refresh(FluxgateProperties properties, Map<String, Breaker> breakers) {
        Snapshot before = snapshot;
        Map<String, RuntimeException> problems = new LinkedHashMap<>();
        Snapshot after = read(properties, breakers, before, problems);
        snapshot = after;
        return new Refresh(before, after, Collections.unmodifiableMap(problems));
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
        return create(name, name, UnaryOperator.identity());
    }

    @Override
    public CircuitBreaker create(String name, String configured, UnaryOperator<CircuitBreaker.Builder> adjust) {
        CircuitBreaker breaker = builder(name, configured, adjust).build();
        built.put(name, new Recipe(configured, adjust));
        return breaker;
    }

    /**
     * Which configured entry a breaker this factory built reads, or {@code null} for a breaker it did not build.
     *
     * @param name the breaker's name
     * @return the name under {@code fluxgate.breakers} it was built from (configured or not), or {@code null}
     */
    @Nullable String configuredNameOf(String name) {
        Recipe recipe = built.get(name);
        return recipe == null ? null : recipe.configured;
    }

    /**
     * A builder for a breaker this factory built, the way it built it, under the current settings.
     *
     * @param name the breaker's name
     * @return the builder, or {@code null} for a breaker this factory did not build
     */
    CircuitBreaker.@Nullable Builder rebuild(String name) {
        Recipe recipe = built.get(name);
        return recipe == null ? null : builder(name, recipe.configured, recipe.adjust);
    }

    /**
     * Builds a new, unregistered keyed family: every key's breaker is what {@link #create} builds, bounded by the
     * name's {@code keys} settings.
     *
     * @param name the family's name
     * @return a new family with no keys
     */
    KeyedCircuitBreaker<Object> createKeyed(String name) {
        KeyedCircuitBreaker<Object> family = keySettings(name).applyTo(KeyedCircuitBreaker.builder(template(name)))
                .build();
        builtFamilies.put(family, Boolean.TRUE);
        return family;
    }

    /**
     * The template of a keyed family under the current settings, as {@link #createKeyed} builds it.
     *
     * @param name the family's name
     * @return the builder of every key's breaker
     */
    CircuitBreaker.Builder template(String name) {
        return builder(name, name, UnaryOperator.identity());
    }

    /**
     * Whether this factory built a family, so that {@link #template} describes it.
     *
     * @param family a family
     * @return {@code true} for a family {@link #createKeyed} returned
     */
    boolean built(KeyedCircuitBreaker<?> family) {
        return builtFamilies.containsKey(family);
    }

    /** The {@code keys} settings of a name, over {@code fluxgate.defaults.keys}. */
    KeySettings keySettings(String name) {
        Snapshot current = snapshot;
        return current.keys.getOrDefault(name, current.defaultKeys);
    }

    /**
     * The configured names that have a {@code keys} block or that {@code fluxgate.http} names for HTTP clients, so
     * are keyed families, not plain breakers.
     */
    Set<String> keyedByConfiguration() {
        return snapshot.keyed;
    }

    private CircuitBreaker.Builder builder(String name, String configured,
            UnaryOperator<CircuitBreaker.Builder> adjust) {
        Snapshot current = snapshot;
        BreakerSettings settings = current.breakers.get(configured);
        if (settings == null) {
            builtFromDefaults.accept(name);
            settings = current.defaults;
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
        return snapshot.breakers.containsKey(name);
    }

    @Override
    public void close() {
        namedListeners.close();
    }

    @Override
    public String toString() {
        return "PropertiesCircuitBreakerFactory" + snapshot.breakers.keySet();
    }

    /** How {@link #create} built a breaker: from which entry, with which adjustment. */
    private record Recipe(String configured, UnaryOperator<CircuitBreaker.Builder> adjust) {
    }

    /** Every setting read at one time; replaced as a whole by {@link #refresh}. */
    record Snapshot(BreakerSettings defaults, Map<String, BreakerSettings> breakers, KeySettings defaultKeys,
            Map<String, KeySettings> keys, Set<String> keyed) {

        /** The settings a breaker built from {@code configured} reads. */
        BreakerSettings settingsOf(String configured) {
            return breakers.getOrDefault(configured, defaults);
        }

        /** The {@code keys} settings of a name. */
        KeySettings keysOf(String name) {
            return keys.getOrDefault(name, defaultKeys);
        }
    }

    /**
     * What a {@link #refresh} read.
     *
     * @param before   the settings until then
     * @param after    the settings from then on
     * @param problems by breaker name, the bad values of breakers that kept their settings, as start-up would
     *                 have reported them
     */
    record Refresh(Snapshot before, Snapshot after, Map<String, RuntimeException> problems) {
    }
}
