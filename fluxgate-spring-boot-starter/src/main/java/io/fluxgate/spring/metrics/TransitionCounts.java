package io.fluxgate.spring.metrics;

import io.fluxgate.Signal;
import io.fluxgate.State;
import io.fluxgate.listeners.Listener;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Counts the transitions of every breaker it is attached to, by breaker name, old and new state; the source of
 * the {@code fluxgate.transitions} counters.
 *
 * <p>The starter registers one as a bean; being a {@link Listener} bean, it is attached to every breaker the
 * starter builds. A breaker built elsewhere is counted only when built with it
 * ({@code CircuitBreaker.builder("inventory").listener(transitionCounts)}).
 *
 * <p>Thread-safe. Counting needs no meter registry, so transitions made before metrics are bound are not lost.
 */
public final class TransitionCounts implements Listener {

    private final ConcurrentHashMap<Transition, LongAdder> counts = new ConcurrentHashMap<>();
    private final Set<String> attachedTo = ConcurrentHashMap.newKeySet();
    private final List<Consumer<Transition>> observers = new CopyOnWriteArrayList<>();

    /** Creates counts of zero. */
    public TransitionCounts() {
    }

    @Override
    public void attached(String circuitName) {
        attachedTo.add(Objects.requireNonNull(circuitName, "circuitName"));
    }

    /**
     * Whether a breaker of that name was built with these counts as a listener, so that a count of 0 means
     * that the transition did not happen.
     *
     * @param circuitName the breaker's name
     * @return {@code true} once a breaker of that name was built with this listener
     */
    public boolean isAttachedTo(String circuitName) {
        return attachedTo.contains(circuitName);
    }

    @Override
    public void onTransition(Signal signal) {
        Transition transition = new Transition(signal.circuitName(), signal.oldState(), signal.newState());
        LongAdder count = counts.get(transition);
        if (count == null) {
            LongAdder created = new LongAdder();
            count = counts.putIfAbsent(transition, created);
            if (count == null) {
                count = created;
                observers.forEach(observer -> observer.accept(transition));
            }
        }
        count.increment();
    }

    /**
     * How often a transition happened.
     *
     * @param transition the breaker and states
     * @return the count, 0 when never seen
     */
    public long count(Transition transition) {
        LongAdder count = counts.get(Objects.requireNonNull(transition, "transition"));
        return count == null ? 0 : count.sum();
    }

    /**
     * Every transition seen so far.
     *
     * @return a snapshot
     */
    public Set<Transition> seen() {
        return Set.copyOf(counts.keySet());
    }

    /**
     * Tells an observer about every transition seen so far and, from now on, about each transition seen for
     * the first time (on the thread that made it).
     *
     * @param observer told each distinct transition at least once; must be quick and must not throw
     */
    public void observe(Consumer<Transition> observer) {
        observers.add(Objects.requireNonNull(observer, "observer"));
        counts.keySet().forEach(observer);
    }

    /**
     * A kind of transition of one breaker.
     *
     * @param name the breaker's name
     * @param from the state before
     * @param to   the state after
     */
    public record Transition(String name, State from, State to) {

        /**
         * Checks that no component is null.
         *
         * @param name the breaker's name
         * @param from the state before
         * @param to   the state after
         */
        public Transition {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }
}
