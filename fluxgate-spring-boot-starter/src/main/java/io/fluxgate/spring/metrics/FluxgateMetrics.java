package io.fluxgate.spring.metrics;

import io.fluxgate.CallOutcome;
import io.fluxgate.CallStatistics;
import io.fluxgate.CircuitBreaker;
import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.KeyedCircuitBreaker;
import io.fluxgate.Metric;
import io.fluxgate.State;
import io.fluxgate.spring.KeyedBreakers;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Binds meters for every breaker of a {@link CircuitBreakerRegistry} and every keyed family of
 * {@link KeyedBreakers}, including those added after binding; the meters of a removed breaker are removed. Every
 * meter reads live state at scrape time, so the call path pays nothing for metrics. See the
 * {@linkplain io.fluxgate.spring.metrics package} for names and tags.
 *
 * <pre>{@code
 * new FluxgateMetrics(registry, keyedBreakers, transitionCounts).bindTo(meterRegistry);
 * }</pre>
 *
 * <p>A family has one set of meters, tagged {@code name} with the family's name and no {@code key}: its calls
 * summed over its keys (live and dropped) and its overflow breaker, its transitions likewise, and the number of
 * live keys in each state. Only a family that {@linkplain KeyedBreakers#keyTagged is key-tagged} also has meters
 * per live key, under names of their own, bounded by the family's {@code maxKeys}.
 */
public final class FluxgateMetrics implements MeterBinder {

    /** Function timer of calls, tagged {@code outcome} and {@code slow}. */
    public static final String CALLS = "fluxgate.calls";

    /** Gauge per {@code state}: 1 for the current state, else 0. */
    public static final String STATE = "fluxgate.state";

    /** Counter of transitions, tagged {@code from} and {@code to}. */
    public static final String TRANSITIONS = "fluxgate.transitions";

    /** Gauge of the failure rate over the current window. */
    public static final String FAILURE_RATE = "fluxgate.failure.rate";

    /** Gauge of the slow-call rate over the current window. */
    public static final String SLOW_RATE = "fluxgate.slow.rate";

    /** Gauge per {@code state} of a keyed family: how many of its live keys are in that state. */
    public static final String KEYS = "fluxgate.keys";

    /** Function timer of one key's calls, tagged {@code key}, {@code outcome} and {@code slow}: key-tagged only. */
    public static final String KEY_CALLS = "fluxgate.key.calls";

    /** Gauge per {@code state} of one key, tagged {@code key}: 1 for its current state, else 0. */
    public static final String KEY_STATE = "fluxgate.key.state";

    /** Gauge of the failure rate over one key's window, tagged {@code key}. */
    public static final String KEY_FAILURE_RATE = "fluxgate.key.failure.rate";

    /** Gauge of the slow-call rate over one key's window, tagged {@code key}. */
    public static final String KEY_SLOW_RATE = "fluxgate.key.slow.rate";

    private static final Set<String> NAMES = Set.of(CALLS, STATE, TRANSITIONS, FAILURE_RATE, SLOW_RATE);

    private final CircuitBreakerRegistry breakers;
    private final KeyedBreakers keyed;
    private final TransitionCounts transitions;

    /**
     * Creates the binder for plain breakers only.
     *
     * @param breakers    the breakers to measure
     * @param transitions the transition counts behind {@code fluxgate.transitions}
     */
    public FluxgateMetrics(CircuitBreakerRegistry breakers, TransitionCounts transitions) {
        this.breakers = Objects.requireNonNull(breakers, "breakers");
        this.keyed = new KeyedBreakers(name -> {
            throw new IllegalStateException("No keyed families");
        });
        this.transitions = Objects.requireNonNull(transitions, "transitions");
    }

    /**
     * Creates the binder, and has the transition counts {@linkplain TransitionCounts#countFamilies count} each
     * family's transitions under the family's name.
     *
     * @param breakers    the breakers to measure
     * @param keyed       the keyed families to measure
     * @param transitions the transition counts behind {@code fluxgate.transitions}
     */
    public FluxgateMetrics(CircuitBreakerRegistry breakers, KeyedBreakers keyed, TransitionCounts transitions) {
        this.breakers = Objects.requireNonNull(breakers, "breakers");
        this.keyed = Objects.requireNonNull(keyed, "keyed");
        this.transitions = Objects.requireNonNull(transitions, "transitions");
        transitions.countFamilies(keyed);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Binding binding = new Binding(registry);
        breakers.addListener(binding);
        keyed.addListener(binding);
        transitions.observe(binding::transitionSeen);
    }

    /**
     * Every transition a breaker can make: the four automatic ones, and manual control's move from any state to
     * CLOSED ({@code reset()}, CLOSED to CLOSED included) or to another manual state.
     */
    private static final List<State[]> REACHABLE = reachable();

    private static List<State[]> reachable() {
        List<State[]> pairs = new ArrayList<>();
        pairs.add(new State[] {State.CLOSED, State.OPEN});
        pairs.add(new State[] {State.OPEN, State.HALF_OPEN});
        pairs.add(new State[] {State.HALF_OPEN, State.OPEN});
        for (State from : State.values()) {
            pairs.add(new State[] {from, State.CLOSED});
            for (State to : List.of(State.FORCED_OPEN, State.DISABLED, State.METRICS_ONLY)) {
                if (from != to) {
                    pairs.add(new State[] {from, to});
                }
            }
        }
        return List.copyOf(pairs);
    }

    static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private final class Binding implements CircuitBreakerRegistry.RegistryListener, KeyedBreakers.FamilyListener {

        private final MeterRegistry registry;
        // Micrometer warns when a function meter is registered twice; a transition is seen by both paths.
        private final Set<TransitionCounts.Transition> registered = ConcurrentHashMap.newKeySet();
        // A family added while this binding is being added may be reported twice.
        private final Set<String> families = ConcurrentHashMap.newKeySet();

        Binding(MeterRegistry registry) {
            this.registry = registry;
        }

        @Override
        public void added(CircuitBreaker breaker) {
            Tags name = Tags.of("name", breaker.name());
            CallStatistics statistics = breaker.statistics();
            for (CallOutcome outcome : CallOutcome.values()) {
                for (boolean slow : outcome == CallOutcome.REJECTED ? List.of(false) : List.of(false, true)) {
                    FunctionTimer.builder(CALLS, statistics, s -> s.count(outcome, slow),
                                    s -> s.totalDuration(outcome, slow).toNanos(), TimeUnit.NANOSECONDS)
                            .tags(name).tags("outcome", tag(outcome), "slow", Boolean.toString(slow))
                            .description("Calls through the circuit breaker").register(registry);
                }
            }
            for (State state : State.values()) {
                Gauge.builder(STATE, breaker, b -> b.state() == state ? 1 : 0).tags(name).tag("state", tag(state))
                        .description("1 for the circuit breaker's current state, else 0").register(registry);
            }
            rate(FAILURE_RATE, breaker, metric -> metric.failureRate().orElse(Double.NaN),
                    "Share of failures in the circuit breaker's window");
            rate(SLOW_RATE, breaker, metric -> metric.slowRate().orElse(Double.NaN),
                    "Share of slow calls in the circuit breaker's window");
            registerTransitions(breaker.name());
        }

        /** Both listener interfaces hear of look-ups by name; meters need none of them. */
        @Override
        public void lookedUp(String name) {
        }

        @Override
        public void added(KeyedCircuitBreaker<Object> family) {
            if (families.add(family.name())) {
                new FamilyMeters(registry, family, keyed.keyTagged(family.name())).bind();
                registerTransitions(family.name());
            }
        }

        private void registerTransitions(String name) {
            if (transitions.isAttachedTo(name)) {
                // From start-up, at 0: the first trip is then an increase that rate() and increase() see.
                for (State[] pair : REACHABLE) {
                    register(new TransitionCounts.Transition(name, pair[0], pair[1]));
                }
            }
            transitions.seen().stream().filter(t -> t.name().equals(name)).forEach(this::register);
        }

        @Override
        public void removed(CircuitBreaker breaker) {
            registered.removeIf(transition -> transition.name().equals(breaker.name()));
            for (Meter meter : registry.getMeters()) {
                Meter.Id id = meter.getId();
                if (NAMES.contains(id.getName()) && breaker.name().equals(id.getTag("name"))) {
                    registry.remove(meter);
                }
            }
        }

        void transitionSeen(TransitionCounts.Transition transition) {
            if (breakers.get(transition.name()).isPresent() || keyed.find(transition.name()).isPresent()) {
                register(transition);
            }
        }

        private void register(TransitionCounts.Transition transition) {
            if (!registered.add(transition)) {
                return;
            }
            FunctionCounter.builder(TRANSITIONS, transitions, counts -> counts.count(transition))
                    .tags("name", transition.name(), "from", tag(transition.from()), "to", tag(transition.to()))
                    .description("State transitions of the circuit breaker").register(registry);
        }

        private void rate(String meter, CircuitBreaker breaker, ToDoubleFunction<Metric> rate, String description) {
            Gauge.builder(meter, breaker, b -> rate.applyAsDouble(b.info().metric())).tags("name", breaker.name())
                    .description(description).register(registry);
        }
    }
}
