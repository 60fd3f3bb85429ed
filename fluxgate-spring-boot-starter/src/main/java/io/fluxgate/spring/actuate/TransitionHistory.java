package io.fluxgate.spring.actuate;

import io.fluxgate.CircuitBreaker;
import io.fluxgate.KeyedCircuitBreaker;
import io.fluxgate.Reconfiguration;
import io.fluxgate.Signal;
import io.fluxgate.listeners.Listener;
import io.fluxgate.spring.KeyedBreakers;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Remembers the latest transitions of every breaker it is attached to, for the {@code fluxgate} endpoint's
 * {@code recentTransitions}, and the latest reconfiguration of each, for its {@code lastReconfiguration}. Keeps
 * at most {@link #capacity()} signals per breaker name, dropping the oldest.
 *
 * <p>The starter registers one as a bean; being a {@link Listener} bean, it is attached to every breaker the
 * starter builds from {@code fluxgate.*} properties and {@code @CircuitBreaker} annotations. A breaker built
 * elsewhere (for example a user's {@code @Bean CircuitBreaker}) has it only when built with it:
 *
 * <pre>{@code
 * @Bean
 * CircuitBreaker inventory(TransitionHistory history) {
 *     return CircuitBreaker.builder("inventory").listener(history).build();
 * }
 * }</pre>
 *
 * <p>A keyed family's key breakers ({@code payment_api[host-b]}) each have their own history while their key is
 * live; once the history {@linkplain #forgetDroppedKeys follows the families}, as the {@link FluxgateEndpoint}
 * makes it, a dropped key's history goes with it, so keys coming and going without bound leave nothing behind.
 *
 * <p>Thread-safe.
 */
public final class TransitionHistory implements Listener {

    /** How many transitions are kept per breaker unless told otherwise. */
    public static final int DEFAULT_CAPACITY = 20;

    private final int capacity;
    private final ConcurrentHashMap<String, Deque<Signal>> byName = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Reconfiguration> lastReconfigurations = new ConcurrentHashMap<>();
    private final Set<KeyedCircuitBreaker<Object>> followed = ConcurrentHashMap.newKeySet();
    private final KeyedCircuitBreaker.KeyListener<Object> forgetting = new KeyedCircuitBreaker.KeyListener<>() {
        @Override
        public void evicted(Object key, CircuitBreaker breaker) {
            byName.remove(breaker.name());
            lastReconfigurations.remove(breaker.name());
        }
    };
    private volatile @Nullable KeyedBreakers families;

    /** Keeps the latest {@link #DEFAULT_CAPACITY} transitions per breaker. */
    public TransitionHistory() {
        this(DEFAULT_CAPACITY);
    }

    /**
     * Keeps the latest {@code capacity} transitions per breaker.
     *
     * @param capacity how many transitions to keep per breaker, {@code >= 1}
     * @throws IllegalArgumentException when {@code capacity < 1}
     */
    public TransitionHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("TransitionHistory capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Starts an empty history for a breaker built with this listener, so the endpoint can tell it hears it. */
    @Override
    public void attached(String circuitName) {
        signalsOf(circuitName);
    }

    private Deque<Signal> signalsOf(String circuitName) {
        return byName.computeIfAbsent(circuitName, name -> new ArrayDeque<>(capacity));
    }

    /**
     * From now on forgets a key's history when its family drops the key. Also ignores the late transitions of a
     * dropped key's breaker (a call that was running on it when it was dropped): nothing shows that breaker any
     * more.
     *
     * @param keyed the families whose keys to follow, every family added later included
     */
    public void forgetDroppedKeys(KeyedBreakers keyed) {
        Objects.requireNonNull(keyed, "keyed");
        this.families = keyed;
        keyed.addListener(new KeyedBreakers.FamilyListener() {
            @Override
            public void added(KeyedCircuitBreaker<Object> family) {
                if (followed.add(family)) {
                    family.addKeyListener(forgetting);
                }
            }
        });
    }

    @Override
    public void onTransition(Signal signal) {
        Deque<Signal> signals = byName.get(signal.circuitName());
        if (signals == null) {
            KeyedBreakers keyed = families;
            if (keyed != null && keyed.familyOf(signal.circuitName()).isPresent()) {
                return; // a dropped key's breaker: attached() made the history of every live one
            }
            signals = signalsOf(signal.circuitName());
        }
        synchronized (signals) {
            if (signals.size() == capacity) {
                signals.removeLast();
            }
            signals.addFirst(signal);
        }
    }

    /** Keeps the breaker's latest reconfiguration, for the endpoint's {@code lastReconfiguration}. */
    @Override
    public void onReconfigured(Reconfiguration reconfiguration) {
        lastReconfigurations.put(reconfiguration.circuitName(), reconfiguration);
    }

    /**
     * The latest reconfiguration of a breaker.
     *
     * @param name the breaker's name
     * @return when and how it was last reconfigured; empty when it was not since it was built
     */
    public Optional<Reconfiguration> lastReconfiguration(String name) {
        return Optional.ofNullable(lastReconfigurations.get(Objects.requireNonNull(name, "name")));
    }

    /**
     * The latest transitions of a breaker.
     *
     * @param name the breaker's name
     * @return at most {@link #capacity()} signals, latest first; empty when none was seen
     */
    public List<Signal> recent(String name) {
        Deque<Signal> signals = byName.get(Objects.requireNonNull(name, "name"));
        if (signals == null) {
            return List.of();
        }
        synchronized (signals) {
            return List.copyOf(signals);
        }
    }

    /**
     * Whether this history hears a breaker's transitions.
     *
     * @param breaker a breaker
     * @return {@code true} when a breaker of that name was built with this history as a listener
     */
    public boolean isAttachedTo(CircuitBreaker breaker) {
        return byName.containsKey(breaker.name());
    }

    /** How many breakers this history keeps transitions for now. */
    int breakersKept() {
        return byName.size();
    }

    /**
     * How many transitions are kept per breaker.
     *
     * @return the capacity given at construction
     */
    public int capacity() {
        return capacity;
    }
}
