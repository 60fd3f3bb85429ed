package io.fluxgate.spring.metrics;

import io.fluxgate.KeyedCircuitBreaker;
import io.fluxgate.Signal;
import io.fluxgate.State;
import io.fluxgate.listeners.Listener;
import io.fluxgate.spring.KeyedBreakers;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Counts the transitions of every breaker it is attached to, by breaker name, old and new state; the source of
 * the {@code fluxgate.transitions} counters.
 *
 * <p>The starter registers one as a bean; being a {@link Listener} bean, it is attached to every breaker the
 * starter builds. A breaker built elsewhere is counted only when built with it
 * ({@code CircuitBreaker.builder("inventory").listener(transitionCounts)}).
 *
 * <p>The breakers of a keyed family ({@code payment_api[host-b]}, {@code payment_api:overflow}) are counted
 * together under the family's name once the counts {@linkplain #countFamilies know the families}, as
 * {@link FluxgateMetrics} makes them: keys come and go without bound, and counts per key would grow with every key
 * ever seen.
 *
 * <p>Thread-safe. Counting needs no meter registry, so transitions made before metrics are bound are not lost.
 */
public final class TransitionCounts implements Listener {

    private final ConcurrentHashMap<Transition, LongAdder> counts = new ConcurrentHashMap<>();
    private final Set<String> attachedTo = ConcurrentHashMap.newKeySet();
    private final List<Consumer<Transition>> observers = new CopyOnWriteArrayList<>();
    private volatile @Nullable KeyedBreakers families;

    /** Creates counts of zero. */
    public TransitionCounts() {
    }

    @Override
    public void attached(String circuitName) {
        attachedTo.add(countedAs(Objects.requireNonNull(circuitName, "circuitName")));
    }

    /**
     * From now on counts the transitions of every key and overflow breaker of these families under the family's
     * name, and moves there what was counted for them by their own names until now. {@link FluxgateMetrics} calls
     * this for the families it measures.
     *
     * @param keyed the families
     */
    public synchronized void countFamilies(KeyedBreakers keyed) {
        this.families = Objects.requireNonNull(keyed, "keyed");
        for (String name : Set.copyOf(attachedTo)) {
            String family = countedAs(name);
            if (!family.equals(name)) {
                attachedTo.add(family);
                attachedTo.remove(name);
            }
        }
        for (Transition transition : Set.copyOf(counts.keySet())) {
            String family = countedAs(transition.name());
            LongAdder count = family.equals(transition.name()) ? null : counts.remove(transition);
            if (count != null) {
                countOf(new Transition(family, transition.from(), transition.to())).add(count.sum());
            }
        }
    }

    /** The name a breaker's transitions are counted under: its family's, or its own. */
    private String countedAs(String circuitName) {
        KeyedBreakers keyed = families;
        return keyed == null ? circuitName : keyed.familyOf(circuitName).map(KeyedCircuitBreaker::name)
                .orElse(circuitName);
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

    /** Counts a transition under the breaker's name or, for a key or overflow breaker, its family's. */
    @Override
    public void onTransition(Signal signal) {
        countOf(new Transition(countedAs(signal.circuitName()), signal.oldState(), signal.newState())).increment();
    }

    private LongAdder countOf(Transition transition) {
        LongAdder count = counts.get(transition);
        if (count == null) {
            LongAdder created = new LongAdder();
            count = counts.putIfAbsent(transition, created);
            if (count == null) {
                count = created;
                observers.forEach(observer -> observer.accept(transition));
            }
        }
        return count;
    }

    /**
     * How often a transition happened.
     *
     * @param transition the breaker (or keyed family) and states
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
