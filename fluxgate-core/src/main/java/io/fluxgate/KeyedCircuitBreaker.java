package io.fluxgate;

import io.fluxgate.internal.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * A family of breakers, one per key (a host, a tenant, a partition), each built on first use from one template, so
 * that one failing key opens its own breaker and leaves the others alone:
 *
 * <pre>{@code
 * KeyedCircuitBreaker<String> hosts = KeyedCircuitBreaker.builder(CircuitBreaker.builder("payment_api")
 *                 .tripper(new MinRequests(20).and(new FailureRate(0.5)))
 *                 .listener(new LogListener()))
 *         .maxKeys(500)
 *         .build();
 *
 * String body = hosts.forKey(request.host()).call(() -> client.charge(request));
 * }</pre>
 *
 * <p>The breaker of key {@code host-b} is named {@code payment_api[host-b]} (the key's {@code toString()}), so its
 * signals, logs and metrics say which key they are about; it has every setting and listener of the template.
 *
 * <p><b>Bounds.</b> The family holds at most {@link #maxKeys()} key breakers, plus one shared {@link #overflow()}
 * breaker. A CLOSED key breaker not looked up for {@link #idleEviction()} may be dropped; OPEN, HALF_OPEN,
 * FORCED_OPEN, DISABLED and METRICS_ONLY breakers never are, since they carry a decision (a failing key stays
 * rejected) or an operator's choice. Dropping is lazy, with no thread of its own: when a new key arrives (a sweep at
 * most every tenth of {@code idleEviction}, and whenever the family is full) and on {@link #evictIdle()}. A new key
 * arriving when the family is full:
 * <ol>
 *   <li>drops every CLOSED key idle for {@code idleEviction}; if there is none,</li>
 *   <li>drops the least recently used CLOSED key; either way the new key gets its own breaker;</li>
 *   <li>if no key breaker is CLOSED, nothing is dropped and nothing added: {@code forKey} returns the
 *       {@link #overflow()} breaker, built from the same template and named {@code payment_api:overflow}, which
 *       guards the calls of every such key together, and a WARNING is logged (logger {@code io.fluxgate}) at most
 *       once a minute. The next lookup of that key tries again.</li>
 * </ol>
 * A dropped breaker's window is lost; the key's next lookup builds a fresh, CLOSED one.
 *
 * <p><b>Thread safety.</b> Thread-safe. Looking up a key that has a breaker takes no lock and allocates nothing.
 * Creating and dropping breakers is serialised: two threads looking up a new key at once get the same breaker, and
 * the number of key breakers never exceeds {@code maxKeys}. A breaker dropped while another thread runs a call on it
 * still guards that call, and records it; only later lookups get a new breaker. So look a breaker up for every call
 * rather than keeping it: a lookup is what keeps a key from being idle.
 *
 * <p>Time is read from the template's {@link CircuitBreaker.Builder#ticker ticker}, so tests move it instead of
 * sleeping.
 *
 * @param <K> the key type; keys are compared with {@code equals} and must not change while in use
 */
public final class KeyedCircuitBreaker<K> {

    private static final long SWEEPS_PER_IDLE_EVICTION = 10;

    private final String name;
    /** Replaced under {@link #changes}. */
    private CircuitBreaker.Builder template;
    private final Ticker ticker;
    private final int maxKeys;
    private final Duration idleEviction;
    private final long idleNanos;
    private final CircuitBreaker overflow;
    private final OverflowWarning overflowWarning;
    private final ConcurrentHashMap<K, KeyedBreaker> breakers = new ConcurrentHashMap<>();
    private final List<KeyListener<? super K>> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock changes = new ReentrantLock();
    /** Written under {@link #changes}, a removal always before the addition it makes room for. */
    private volatile int size;
    /** Ticker time; under {@link #changes}. */
    private long lastSweep;

    private KeyedCircuitBreaker(Builder builder) {
        this.name = builder.template.name();
        this.template = builder.template.copyNamed(name);
        template.validate();
        this.ticker = template.configuredTicker();
        this.maxKeys = builder.maxKeys;
        this.idleEviction = builder.idleEviction;
        this.idleNanos = Durations.toNanosSaturated(idleEviction);
        this.overflow = template.copyNamed(name + ":overflow").build();
        this.overflowWarning = new OverflowWarning(name, maxKeys, overflow.name());
        this.lastSweep = ticker.read();
    }

    /**
     * Starts configuring a family; see {@link Builder} for the defaults.
     *
     * @param template how each key's breaker is built; its name is the family's. Its settings are copied when
     *                 {@link Builder#build()} runs: changing the template afterwards changes nothing
     * @return a builder
     */
    public static Builder builder(CircuitBreaker.Builder template) {
        return new Builder(Objects.requireNonNull(template, "template"));
    }

    /**
     * Returns the breaker of a key, building it from the template on the key's first use (see the class comment for
     * what happens when the family is full). Marks the key as used, so that it is not idle.
     *
     * @param key the key, e.g. a host name
     * @return the key's breaker, or the {@link #overflow()} breaker when the family is full and none of its key
     *         breakers is CLOSED
     * @throws NullPointerException when {@code key} is null
     */
    public CircuitBreaker forKey(K key) {
        KeyedBreaker keyed = breakers.get(requireKey(key));
        if (keyed != null) {
            keyed.markUsed();
            return keyed.breaker;
        }
        return firstUse(key);
    }

    private CircuitBreaker firstUse(K key) {
        changes.lock();
        try {
            KeyedBreaker keyed = breakers.get(key);
            if (keyed != null) {
                keyed.markUsed();
                return keyed.breaker;
            }
            long now = ticker.read();
            if (size >= maxKeys) {
                makeRoom(now);
            } else if (now - lastSweep >= idleNanos / SWEEPS_PER_IDLE_EVICTION) {
                sweep(now);
            }
            if (size >= maxKeys) {
                overflowWarning.overflowed(key, now);
                return overflow;
            }
            CircuitBreaker breaker = template.copyNamed(name + "[" + key + "]").build();
            breakers.put(key, new KeyedBreaker(breaker, now));
            size = size + 1;
            for (KeyListener<? super K> listener : listeners) {
                created(listener, key, breaker);
            }
            return breaker;
        } finally {
            changes.unlock();
        }
    }

    /** Drops the idle CLOSED keys or, when there are none, the least recently used CLOSED key. */
    private void makeRoom(long now) {
        if (sweep(now) > 0) {
            return;
        }
        Map.Entry<K, KeyedBreaker> leastRecent = null;
        for (Map.Entry<K, KeyedBreaker> entry : breakers.entrySet()) {
            KeyedBreaker keyed = entry.getValue();
            if (keyed.evictable() && (leastRecent == null
                    || keyed.lastUseBound() - leastRecent.getValue().lastUseBound() < 0)) {
                leastRecent = entry;
            }
        }
        if (leastRecent != null) {
            breakers.remove(leastRecent.getKey());
            evicted(leastRecent.getKey(), leastRecent.getValue());
        }
    }

    /** Brings every key's last-use bound up to date and drops the CLOSED keys idle for {@code idleEviction}. */
    private int sweep(long now) {
        lastSweep = now;
        int dropped = 0;
        for (Iterator<Map.Entry<K, KeyedBreaker>> entries = breakers.entrySet().iterator(); entries.hasNext();) {
            Map.Entry<K, KeyedBreaker> entry = entries.next();
            KeyedBreaker keyed = entry.getValue();
            if (now - keyed.sweep(now) >= idleNanos && keyed.evictable()) {
                entries.remove();
                evicted(entry.getKey(), keyed);
                dropped++;
            }
        }
        return dropped;
    }

    private void evicted(K key, KeyedBreaker keyed) {
        size = size - 1;
        for (KeyListener<? super K> listener : listeners) {
            try {
                listener.evicted(key, keyed.breaker);
            } catch (Throwable e) {
                UserCode.threw(e, () -> "Key listener " + listener + " of keyed circuit breaker '" + name
                        + "' threw on evicted(" + key + "); the key is evicted all the same");
            }
        }
    }

    private void created(KeyListener<? super K> listener, K key, CircuitBreaker breaker) {
        try {
            listener.created(key, breaker);
        } catch (Throwable e) {
            UserCode.threw(e, () -> "Key listener " + listener + " of keyed circuit breaker '" + name
                    + "' threw on created(" + key + "); the breaker is used all the same");
        }
    }

    /**
     * Drops now every CLOSED key not looked up for {@link #idleEviction()}. The family does this by itself only when
     * new keys arrive; call this from a scheduler of your own to also free keys when none do.
     *
     * @return how many keys were dropped
     */
    public int evictIdle() {
        changes.lock();
        try {
            return sweep(ticker.read());
        } finally {
            changes.unlock();
        }
    }

    /**
     * Changes the template and, in place, every key's breaker and the {@link #overflow()} breaker, as
     * {@link CircuitBreaker#reconfigure} does for one breaker: each keeps its state, statistics, open wait and calls
     * in flight, and its window is kept, migrated or reset as that method says. Keys built from now on use the new
     * template. {@link #maxKeys()} and {@link #idleEviction()} stay as built. Serialised with building and dropping
     * keys, so no key is built from the old template once this returns, and none is missed.
     *
     * <pre>{@code
     * hosts.reconfigure(template -> template.tripper(new FailureStreak(10)));
     * }</pre>
     *
     * @param change gets a builder holding the template's settings and listeners, and returns the builder of the new
     *               template (usually the same one, changed); its name must stay the family's
     * @return the reconfiguration of every key's breaker, ordered by breaker name, then the overflow breaker's
     * @throws IllegalArgumentException when the new template does not build, renames the family or changes its
     *                                  ticker or clock; nothing has changed then
     */
    public List<Reconfiguration> reconfigure(UnaryOperator<CircuitBreaker.Builder> change) {
        Objects.requireNonNull(change, "change");
        changes.lock();
        try {
            CircuitBreaker.Builder next = change.apply(template.copyNamed(name));
            if (next == null) {
                throw new IllegalArgumentException("Keyed circuit breaker '" + name
                        + "': the reconfiguration returned no builder");
            }
            if (!next.name().equals(name)) {
                throw new IllegalArgumentException("Keyed circuit breaker '" + name + "': a reconfiguration cannot"
                        + " rename it (got '" + next.name() + "'); build a new family for another name");
            }
            if (!next.measuresTimeLike(template)) {
                throw new IllegalArgumentException("Keyed circuit breaker '" + name + "': a reconfiguration cannot"
                        + " change the ticker or clock of a running family; its waits and windows are measured"
                        + " with them");
            }
            CircuitBreaker.Builder replacement = next.copyNamed(name);
            replacement.validate();
            template = replacement;
            List<CircuitBreaker> running = new ArrayList<>(size + 1);
            breakers.values().forEach(keyed -> running.add(keyed.breaker));
            running.sort(Comparator.comparing(CircuitBreaker::name));
            running.add(overflow);
            List<Reconfiguration> done = new ArrayList<>(running.size());
            for (CircuitBreaker breaker : running) {
                done.add(breaker.reconfigure(current -> replacement.copyNamed(breaker.name())));
            }
            return List.copyOf(done);
        } finally {
            changes.unlock();
        }
    }

    /**
     * Looks a key's breaker up without building one and without marking the key as used, e.g. to show it.
     *
     * @param key the key
     * @return its breaker, or empty when the key has none (never used, or dropped)
     * @throws NullPointerException when {@code key} is null
     */
    public Optional<CircuitBreaker> get(K key) {
        KeyedBreaker keyed = breakers.get(requireKey(key));
        return keyed == null ? Optional.empty() : Optional.of(keyed.breaker);
    }

    /**
     * Every key that has a breaker now, without marking any as used. Takes the family's change lock briefly, so the
     * snapshot never holds more than {@link #maxKeys()} keys.
     *
     * @return a snapshot from key to breaker, ordered by breaker name; the {@link #overflow()} breaker is not in it
     */
    public Map<K, CircuitBreaker> breakers() {
        List<Map.Entry<K, KeyedBreaker>> entries;
        changes.lock();
        try {
            // under the lock: a weakly consistent iteration could see a dropped key and the key that replaced it
            entries = new ArrayList<>(breakers.entrySet());
        } finally {
            changes.unlock();
        }
        entries.sort(Comparator.comparing(entry -> entry.getValue().breaker.name()));
        Map<K, CircuitBreaker> snapshot = new LinkedHashMap<>();
        for (Map.Entry<K, KeyedBreaker> entry : entries) {
            snapshot.put(entry.getKey(), entry.getValue().breaker);
        }
        return Collections.unmodifiableMap(snapshot);
    }

    /**
     * How many keys have a breaker now.
     *
     * @return at most {@link #maxKeys()}
     */
    public int size() {
        return size;
    }

    /**
     * The shared breaker that guards the calls of new keys while the family is full and no key breaker can be
     * dropped. Built with the family, from the template, and named after the family with {@code :overflow}
     * ({@code payment_api:overflow}); its {@link CircuitBreaker#statistics() statistics} count those calls.
     *
     * @return the overflow breaker
     */
    public CircuitBreaker overflow() {
        return overflow;
    }

    /**
     * The family's name, the template's.
     *
     * @return the name; each key's breaker is named {@code name[key]}
     */
    public String name() {
        return name;
    }

    /**
     * How many key breakers the family holds at most.
     *
     * @return {@link Builder#maxKeys(int)}
     */
    public int maxKeys() {
        return maxKeys;
    }

    /**
     * How long a CLOSED key must go without a lookup before it may be dropped.
     *
     * @return {@link Builder#idleEviction(Duration)}
     */
    public Duration idleEviction() {
        return idleEviction;
    }

    /**
     * Adds a listener and tells it at once, as {@link KeyListener#created created}, about every key that has a
     * breaker.
     *
     * @param listener the listener
     */
    public void addKeyListener(KeyListener<? super K> listener) {
        Objects.requireNonNull(listener, "listener");
        changes.lock();
        try {
            listeners.add(listener);
            breakers.forEach((key, keyed) -> created(listener, key, keyed.breaker));
        } finally {
            changes.unlock();
        }
    }

    /**
     * Removes a listener added with {@link #addKeyListener}; it hears of nothing from then on.
     *
     * @param listener the listener
     * @return whether it had been added
     */
    public boolean removeKeyListener(KeyListener<? super K> listener) {
        Objects.requireNonNull(listener, "listener");
        changes.lock();
        try {
            return listeners.remove(listener);
        } finally {
            changes.unlock();
        }
    }

    private K requireKey(K key) {
        if (key == null) {
            throw new NullPointerException("Keyed circuit breaker '" + name + "': key must not be null");
        }
        return key;
    }

    @Override
    public String toString() {
        return "KeyedCircuitBreaker[" + name + ", " + size + "/" + maxKeys + " keys]";
    }

    /**
     * Hears about key breakers built and dropped, e.g. to bind and remove a key's metrics. Called on the thread that
     * changed the family, while it holds the family's change lock, in the order of the changes: a key's
     * {@code created} before its {@code evicted}. Keep each short, do not block; what a listener throws is logged
     * and swallowed.
     *
     * @param <K> the key type
     */
    public interface KeyListener<K> {

        /**
         * A key's breaker was built (or existed when this listener was added).
         *
         * @param key     the key
         * @param breaker its breaker
         */
        default void created(K key, CircuitBreaker breaker) {
        }

        /**
         * A key's breaker was dropped, idle or least recently used; the key's next lookup builds a new one.
         *
         * @param key     the key
         * @param breaker the dropped breaker
         */
        default void evicted(K key, CircuitBreaker breaker) {
        }
    }

    /**
     * Configures a {@link KeyedCircuitBreaker}. Every method checks its argument at once.
     *
     * <p>Defaults: {@link #DEFAULT_MAX_KEYS} keys, {@link #DEFAULT_IDLE_EVICTION} idle eviction.
     */
    public static final class Builder {

        /** 1 000 keys. */
        public static final int DEFAULT_MAX_KEYS = 1_000;
        /** 10 minutes. */
        public static final Duration DEFAULT_IDLE_EVICTION = Duration.ofMinutes(10);

        private final CircuitBreaker.Builder template;
        private int maxKeys = DEFAULT_MAX_KEYS;
        private Duration idleEviction = DEFAULT_IDLE_EVICTION;

        private Builder(CircuitBreaker.Builder template) {
            this.template = template;
        }

        /**
         * How many key breakers the family holds at most; see {@link KeyedCircuitBreaker} for what a new key gets
         * beyond that.
         *
         * @param maxKeys at least 1
         * @return this builder
         * @throws IllegalArgumentException when below 1
         */
        public Builder maxKeys(int maxKeys) {
            if (maxKeys < 1) {
                throw new IllegalArgumentException("Keyed circuit breaker '" + template.name()
                        + "': maxKeys must be >= 1, got " + maxKeys);
            }
            this.maxKeys = maxKeys;
            return this;
        }

        /**
         * How long a CLOSED key must go without a lookup before it may be dropped. A key is never dropped sooner;
         * since lookups do not read the clock, it may be dropped up to one sweep later (see
         * {@link KeyedCircuitBreaker}).
         *
         * @param idleEviction zero or more; zero drops a CLOSED key at the first sweep that finds it unused
         * @return this builder
         * @throws NullPointerException     when null
         * @throws IllegalArgumentException when negative
         */
        public Builder idleEviction(Duration idleEviction) {
            if (idleEviction == null) {
                throw new NullPointerException("Keyed circuit breaker '" + template.name()
                        + "': idleEviction must be a duration >= 0, got null");
            }
            if (idleEviction.isNegative()) {
                throw new IllegalArgumentException("Keyed circuit breaker '" + template.name()
                        + "': idleEviction must be >= 0, got " + Durations.format(idleEviction));
            }
            this.idleEviction = idleEviction;
            return this;
        }

        /**
         * Builds the family, with no key breakers yet and its {@link KeyedCircuitBreaker#overflow() overflow}
         * breaker, from a copy of the template.
         *
         * @param <K> the key type
         * @return a new family
         * @throws IllegalArgumentException when the template does not build, as {@link CircuitBreaker.Builder#build()}
         */
        public <K> KeyedCircuitBreaker<K> build() {
            return new KeyedCircuitBreaker<>(this);
        }
    }
}
