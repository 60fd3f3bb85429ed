package io.fluxgate.spring;

import io.fluxgate.KeyedCircuitBreaker;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The application's keyed breaker families by name: what {@code @CircuitBreaker(name = "payment_api", key =
 * "#host")} runs through, what the actuator endpoint, health and metrics show under {@code payment_api}. The
 * starter registers one, whose families are built from {@code fluxgate.breakers.<name>} over
 * {@code fluxgate.defaults} exactly like the registry's breakers (listeners, ticker and clock included), bounded
 * by {@code fluxgate.breakers.<name>.keys.*}:
 *
 * <pre>{@code
 * KeyedCircuitBreaker<Object> hosts = keyedBreakers.family("payment_api");
 * String body = hosts.forKey(uri.getAuthority()).call(() -> client.get(uri));
 * }</pre>
 *
 * <p>A name is either a keyed family here or a plain breaker in the {@link io.fluxgate.CircuitBreakerRegistry},
 * never both. Thread-safe: lookups take no lock; a family is built at most once per name.
 */
public final class KeyedBreakers {

    /** What the core appends to a family's name to name its overflow breaker. */
    private static final String OVERFLOW = ":overflow";

    private final ConcurrentMap<String, KeyedCircuitBreaker<Object>> families = new ConcurrentHashMap<>();
    private final List<FamilyListener> listeners = new CopyOnWriteArrayList<>();
    private final Function<String, KeyedCircuitBreaker<Object>> factory;
    private final Predicate<String> keyTagged;

    /**
     * Creates an empty set of families whose meters carry no {@code key} tag.
     *
     * @param factory builds the family of a name on its first {@link #family} lookup; the family's name must be
     *                that name
     */
    public KeyedBreakers(Function<String, KeyedCircuitBreaker<Object>> factory) {
        this(factory, name -> false);
    }

    /**
     * Creates an empty set of families.
     *
     * @param factory   builds the family of a name on its first {@link #family} lookup; the family's name must be
     *                  that name
     * @param keyTagged which families also get meters per key, tagged {@code key}
     *                  ({@code fluxgate.breakers.<name>.keys.metrics-tag}), by family name; the metrics ask when
     *                  they bind a family
     */
    public KeyedBreakers(Function<String, KeyedCircuitBreaker<Object>> factory, Predicate<String> keyTagged) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.keyTagged = Objects.requireNonNull(keyTagged, "keyTagged");
    }

    /**
     * Returns the family of a name, building it on first use.
     *
     * @param name the family's name, kept exactly
     * @return the family
     */
    public KeyedCircuitBreaker<Object> family(String name) {
        Objects.requireNonNull(name, "name");
        listeners.forEach(listener -> listener.lookedUp(name));
        KeyedCircuitBreaker<Object> family = families.get(name);
        return family != null ? family : register(name, factory);
    }

    /**
     * Adds a family built elsewhere, e.g. at start-up for a configured {@code keys} block.
     *
     * @param family the family
     * @return the family registered under its name: {@code family}, or the one that was there first
     */
    public KeyedCircuitBreaker<Object> register(KeyedCircuitBreaker<Object> family) {
        Objects.requireNonNull(family, "family");
        return register(family.name(), name -> family);
    }

    private KeyedCircuitBreaker<Object> register(String name, Function<String, KeyedCircuitBreaker<Object>> source) {
        boolean[] added = new boolean[1];
        KeyedCircuitBreaker<Object> family = families.computeIfAbsent(name, key -> {
            KeyedCircuitBreaker<Object> built = source.apply(key);
            if (!built.name().equals(key)) {
                throw new IllegalArgumentException("Keyed circuit breaker '" + built.name()
                        + "' cannot be registered as '" + key + "'");
            }
            added[0] = true;
            return built;
        });
        if (added[0]) {
            listeners.forEach(listener -> listener.added(family));
        }
        return family;
    }

    /**
     * Looks a family up without building one.
     *
     * @param name the family's name
     * @return the family, or empty when no family has that name
     */
    public Optional<KeyedCircuitBreaker<Object>> find(String name) {
        return Optional.ofNullable(families.get(Objects.requireNonNull(name, "name")));
    }

    /**
     * Whether a family's meters include one set per key, tagged {@code key}, besides the family's own; off unless
     * {@code fluxgate.breakers.<name>.keys.metrics-tag: true}, as every key is then a time series.
     *
     * @param name the family's name
     * @return {@code true} when its keys get meters of their own
     */
    public boolean keyTagged(String name) {
        return keyTagged.test(Objects.requireNonNull(name, "name"));
    }

    /**
     * The family a breaker belongs to, by the breaker's name: {@code payment_api} for a key's breaker
     * {@code payment_api[host-b]} and for the overflow breaker {@code payment_api:overflow}, when
     * {@code payment_api} is a family here. For listeners that hear signals by breaker name and keep something
     * per family rather than per key (whose number has no bound over time). A breaker of another name that
     * happens to look like a key's ({@code payment_api[x]}, built by hand) is taken for one.
     *
     * @param breakerName a breaker's name
     * @return its family, or empty when the name is not that of a key or overflow breaker of a family here
     */
    public Optional<KeyedCircuitBreaker<Object>> familyOf(String breakerName) {
        Objects.requireNonNull(breakerName, "breakerName");
        if (breakerName.endsWith(OVERFLOW)) {
            KeyedCircuitBreaker<Object> family = families.get(
                    breakerName.substring(0, breakerName.length() - OVERFLOW.length()));
            if (family != null) {
                return Optional.of(family);
            }
        }
        if (breakerName.endsWith("]")) {
            for (int i = breakerName.indexOf('['); i > 0; i = breakerName.indexOf('[', i + 1)) {
                KeyedCircuitBreaker<Object> family = families.get(breakerName.substring(0, i));
                if (family != null) {
                    return Optional.of(family);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Every family now.
     *
     * @return a snapshot, ordered by name
     */
    public List<KeyedCircuitBreaker<Object>> all() {
        List<KeyedCircuitBreaker<Object>> all = new ArrayList<>(families.values());
        all.sort(Comparator.comparing(KeyedCircuitBreaker::name));
        return List.copyOf(all);
    }

    /**
     * Adds a listener and tells it at once, as {@link FamilyListener#added added}, about every family.
     *
     * @param listener the listener
     */
    public void addListener(FamilyListener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        all().forEach(listener::added);
    }

    /**
     * Removes a listener added with {@link #addListener}.
     *
     * @param listener the listener
     * @return whether it had been added
     */
    public boolean removeListener(FamilyListener listener) {
        return listeners.remove(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public String toString() {
        return "KeyedBreakers" + families.keySet();
    }

    /**
     * Hears about families added and names looked up, e.g. to bind metrics. Called on the thread that adds or
     * looks up; keep each short and do not throw.
     */
    public interface FamilyListener {

        /**
         * A family was added (or existed when this listener was added). A family added while this listener is
         * being added may be reported twice.
         *
         * @param family the family
         */
        default void added(KeyedCircuitBreaker<Object> family) {
        }

        /**
         * A name was looked up with {@link KeyedBreakers#family}, before the lookup.
         *
         * @param name the name, exactly as given
         */
        default void lookedUp(String name) {
        }
    }
}
