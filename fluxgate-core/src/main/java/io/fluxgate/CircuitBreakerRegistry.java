package io.fluxgate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A thread-safe map from names to breakers, with listeners for breakers added and removed.
 *
 * <pre>{@code
 * CircuitBreakerRegistry registry = new CircuitBreakerRegistry();
 * CircuitBreaker payments = registry.getOrCreate("payment_api", () -> CircuitBreaker.ofDefaults("payment_api"));
 * }</pre>
 *
 * <p>Lookups take no lock. Additions and removals are serialised so that a {@link RegistryListener} sees
 * every breaker exactly once as added (and once as removed), whenever it was registered. Listeners also hear
 * of every lookup by name ({@link RegistryListener#lookedUp}), which is how the Spring Boot starter tells at
 * start-up whether a configured breaker is used.
 */
public final class CircuitBreakerRegistry {

    private final ConcurrentHashMap<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final List<RegistryListener> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock changes = new ReentrantLock();

    /** Creates an empty registry. */
    public CircuitBreakerRegistry() {
    }

    /**
     * Looks a breaker up.
     *
     * @param name the breaker's name, exactly as registered
     * @return the breaker, or empty when none has that name
     */
    public Optional<CircuitBreaker> get(String name) {
        Objects.requireNonNull(name, "name");
        lookedUp(name);
        return Optional.ofNullable(breakers.get(name));
    }

    /**
     * Returns the breaker of that name, creating and registering it when there is none.
     *
     * @param name    the breaker's name
     * @param factory creates the breaker; it must have that name
     * @return the registered breaker
     * @throws IllegalArgumentException when the factory's breaker has another name
     */
    public CircuitBreaker getOrCreate(String name, Supplier<CircuitBreaker> factory) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(factory, "factory");
        lookedUp(name);
        CircuitBreaker existing = breakers.get(name);
        if (existing != null) {
            return existing;
        }
        changes.lock();
        try {
            existing = breakers.get(name);
            if (existing != null) {
                return existing;
            }
            CircuitBreaker created = Objects.requireNonNull(factory.get(), "factory returned null");
            add(name, created);
            return created;
        } finally {
            changes.unlock();
        }
    }

    /**
     * Registers a breaker built elsewhere.
     *
     * @param breaker the breaker
     * @return the breaker
     * @throws IllegalArgumentException when another breaker of that name is registered
     */
    public CircuitBreaker register(CircuitBreaker breaker) {
        Objects.requireNonNull(breaker, "breaker");
        changes.lock();
        try {
            CircuitBreaker existing = breakers.get(breaker.name());
            if (existing == breaker) {
                return breaker;
            }
            if (existing != null) {
                throw new IllegalArgumentException("A circuit breaker named '" + breaker.name()
                        + "' is already registered");
            }
            add(breaker.name(), breaker);
            return breaker;
        } finally {
            changes.unlock();
        }
    }

    /**
     * Removes a breaker.
     *
     * @param name the breaker's name
     * @return the removed breaker, or empty when none had that name
     */
    public Optional<CircuitBreaker> remove(String name) {
        Objects.requireNonNull(name, "name");
        changes.lock();
        try {
            CircuitBreaker removed = breakers.remove(name);
            if (removed != null) {
                listeners.forEach(listener -> listener.removed(removed));
            }
            return Optional.ofNullable(removed);
        } finally {
            changes.unlock();
        }
    }

    /**
     * Reconfigures a registered breaker in place ({@link CircuitBreaker#reconfigure}).
     *
     * @param name   the breaker's name
     * @param change adjusts a builder holding the breaker's current configuration
     * @return what changed
     * @throws java.util.NoSuchElementException when no breaker has that name (none is created)
     * @throws IllegalArgumentException         when the new configuration is invalid; the breaker keeps the old one
     */
    public Reconfiguration reconfigure(String name, UnaryOperator<CircuitBreaker.Builder> change) {
        Objects.requireNonNull(name, "name");
        CircuitBreaker breaker = breakers.get(name);
        if (breaker == null) {
            throw new NoSuchElementException("No circuit breaker named '" + name + "' to reconfigure; registered: "
                    + all().stream().map(CircuitBreaker::name).toList());
        }
        return breaker.reconfigure(change);
    }

    /**
     * Every registered breaker.
     *
     * @return a snapshot, ordered by name
     */
    public List<CircuitBreaker> all() {
        List<CircuitBreaker> all = new ArrayList<>(breakers.values());
        all.sort(Comparator.comparing(CircuitBreaker::name));
        return List.copyOf(all);
    }

    /**
     * Adds a listener and tells it at once about every breaker already registered.
     *
     * @param listener the listener
     */
    public void addListener(RegistryListener listener) {
        Objects.requireNonNull(listener, "listener");
        changes.lock();
        try {
            listeners.add(listener);
            all().forEach(listener::added);
        } finally {
            changes.unlock();
        }
    }

    /**
     * Removes a listener added with {@link #addListener}; it hears of nothing from then on.
     *
     * @param listener the listener
     * @return whether it had been added
     */
    public boolean removeListener(RegistryListener listener) {
        Objects.requireNonNull(listener, "listener");
        changes.lock();
        try {
            return listeners.remove(listener);
        } finally {
            changes.unlock();
        }
    }

    private void lookedUp(String name) {
        for (RegistryListener listener : listeners) {
            listener.lookedUp(name);
        }
    }

    private void add(String name, CircuitBreaker breaker) {
        if (!breaker.name().equals(name)) {
            throw new IllegalArgumentException("Circuit breaker '" + breaker.name()
                    + "' cannot be registered as '" + name + "'");
        }
        breakers.put(name, breaker);
        listeners.forEach(listener -> listener.added(breaker));
    }

    /**
     * Hears about breakers added to and removed from a registry, and about lookups. {@link #added} and
     * {@link #removed} are called on the thread that changed the registry, while it holds the registry's change
     * lock; {@link #lookedUp} on the thread that looks up, without a lock. Keep each short, do not block and do
     * not throw.
     */
    public interface RegistryListener {

        /**
         * A breaker was registered (or was already registered when this listener was added).
         *
         * @param breaker the breaker
         */
        default void added(CircuitBreaker breaker) {
        }

        /**
         * A breaker was removed.
         *
         * @param breaker the breaker
         */
        default void removed(CircuitBreaker breaker) {
        }

        /**
         * A breaker was looked up by name, with {@link CircuitBreakerRegistry#get} or
         * {@link CircuitBreakerRegistry#getOrCreate}, whether or not one was registered under that name. Called
         * before the lookup, for every lookup.
         *
         * @param name the name looked up, exactly as given
         */
        default void lookedUp(String name) {
        }
    }
}
