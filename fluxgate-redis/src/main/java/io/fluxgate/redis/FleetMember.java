package io.fluxgate.redis;

import io.fluxgate.CircuitBreaker;
import io.fluxgate.CircuitBreakerInfo;
import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.Signal;
import io.fluxgate.State;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * This instance's membership of the fleet: the heartbeat that writes its breakers' states, the publisher of its
 * transitions, the subscriber that applies fleet commands, follow mode, and the reads and commands behind
 * {@code scope=fleet} ({@link FleetEndpointScope}). Every Redis operation runs on one background thread (or on
 * the thread of an endpoint request); the breakers' call path never waits for it, and a Redis that is slow or
 * gone only makes the link {@linkplain FleetLink degraded}.
 */
final class FleetMember implements SmartLifecycle, MessageListener {

    private final FleetSettings settings;
    private final FleetKeys keys;
    private final StringRedisTemplate redis;
    private final RedisMessageListenerContainer subscriber;
    private final CircuitBreakerRegistry registry;
    private final FleetTransitions transitions;
    private final ScheduledExecutorService worker;
    private final Clock clock;
    private final FleetLink link;
    private final Map<String, Seen> commands = new ConcurrentHashMap<>();
    private final AtomicBoolean flushQueued = new AtomicBoolean();
    private final AtomicBoolean followQueued = new AtomicBoolean();
    private volatile boolean running;

    FleetMember(FleetSettings settings, StringRedisTemplate redis, RedisMessageListenerContainer subscriber,
            CircuitBreakerRegistry registry, FleetTransitions transitions, ScheduledExecutorService worker,
            Clock clock, FleetLink link) {
        this.settings = settings;
        this.keys = new FleetKeys(settings.fleet());
        this.redis = redis;
        this.subscriber = subscriber;
        this.registry = registry;
        this.transitions = transitions;
        this.worker = worker;
        this.clock = clock;
        this.link = link;
        subscriber.addMessageListener(this, new ChannelTopic(keys.events()));
    }

    @Override
    public void start() {
        running = true;
        transitions.onPending(() -> queue(flushQueued, this::flush));
        worker.scheduleWithFixedDelay(this::heartbeat, 0, settings.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        transitions.onPending(() -> { });
        try {
            worker.submit(() -> {
                subscriber.destroy();
                if (link.isUp()) {
                    redis.delete(keys.instance(settings.instanceId()));
                    redis.opsForZSet().remove(keys.instances(), settings.instanceId());
                }
                return null;
            }).get(settings.heartbeat().toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (Exception leaving) {
            // The entry expires with its TTL instead.
        } finally {
            worker.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Runs {@code task} on the worker unless it is already queued: at most one of each waits there. */
    private void queue(AtomicBoolean queued, Runnable task) {
        if (running && queued.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    queued.set(false);
                    task.run();
                });
            } catch (RejectedExecutionException stopping) {
                queued.set(false);
            }
        }
    }

    /** One heartbeat: write every breaker's state, renew the entry, then catch up on commands and follow. */
    private void heartbeat() {
        try {
            List<CircuitBreaker> breakers = registry.all();
            transitions.retain(breakers.stream().map(CircuitBreaker::name).collect(Collectors.toSet()));
            String instanceKey = keys.instance(settings.instanceId());
            Map<String, String> states = new HashMap<>();
            for (CircuitBreaker breaker : breakers) {
                CircuitBreakerInfo info = breaker.info();
                states.put(breaker.name(), new FleetMessage(FleetMessage.STATE, settings.instanceId(),
                        breaker.name(), info.state(), info.changedAt(), transitions.reason(breaker.name()))
                        .hashValue());
            }
            long now = clock.millis();
            if (!states.isEmpty()) {
                redis.opsForHash().putAll(instanceKey, states);
            }
            redis.expire(instanceKey, settings.ttl());
            redis.opsForZSet().add(keys.instances(), settings.instanceId(), now);
            redis.opsForZSet().removeRangeByScore(keys.instances(), Double.NEGATIVE_INFINITY,
                    now - 10 * settings.ttl().toMillis());
            boolean reconnected = link.up(now);
            if (!subscriber.isRunning()) {
                subscriber.start();
            }
            flush();
            applyStandingCommands();
            if (reconnected) {
                follow(); // peers that opened before this instance joined, or while it was cut off
            }
        } catch (RuntimeException e) {
            degraded(e);
        }
    }

    private void degraded(RuntimeException e) {
        if (link.down(e, clock.millis())) {
            try {
                subscriber.stop(); // its own recovery would log every few seconds; the heartbeat restarts it
            } catch (RuntimeException alsoDown) {
                // stopped as far as it can
            }
        }
        transitions.drain(); // the next heartbeat writes the states anyway
    }

    /** Publishes the pending transitions, the newest of each breaker. */
    private void flush() {
        if (!link.isUp()) {
            return;
        }
        try {
            for (Signal signal : transitions.drain()) {
                if (registry.get(signal.circuitName()).isEmpty()) {
                    continue; // a key's breaker of a keyed family: instances' keys differ
                }
                FleetMessage message = new FleetMessage(FleetMessage.TRANSITION, settings.instanceId(),
                        signal.circuitName(), signal.newState(), signal.timestamp(), signal.reason());
                redis.opsForHash().put(keys.instance(settings.instanceId()), signal.circuitName(),
                        message.hashValue());
                redis.convertAndSend(keys.events(), message.encoded());
            }
        } catch (RuntimeException e) {
            degraded(e);
        }
    }

    @Override
    public void onMessage(Message message, byte @Nullable [] pattern) {
        Optional<FleetMessage> decoded = FleetMessage.decode(new String(message.getBody(), StandardCharsets.UTF_8));
        if (decoded.isEmpty() || decoded.get().instance().equals(settings.instanceId())) {
            return;
        }
        FleetMessage received = decoded.get();
        if (received.kind().equals(FleetMessage.COMMAND)) {
            apply(received, false);
        } else if (received.kind().equals(FleetMessage.TRANSITION) && received.state() == State.OPEN
                && settings.follows(received.breaker())) {
            queue(followQueued, this::followSafely);
        }
    }

    /**
     * Applies a command once: the channel and the standing key may both bring it. A standing {@code CLOSED} undoes
     * only a fleet command this instance applied before (it was cut off when the {@code CLOSED} was sent); an
     * instance that applied none, a late joiner, has nothing of the fleet's to undo and keeps its breaker as it is,
     * taking note of the command. The same command heard on the channel afterwards (it is stored before it is
     * published, so a heartbeat may read it first) is a live fleet command and applies.
     */
    private void apply(FleetMessage command, boolean standing) {
        registry.get(command.breaker()).ifPresent(breaker -> {
            boolean[] force = new boolean[1];
            commands.compute(command.breaker(), (name, previous) -> {
                if (previous != null && previous.command().text().equals(command.text())
                        && (previous.applied() || standing)) {
                    return previous;
                }
                force[0] = !standing || command.state() != State.CLOSED
                        || previous != null && previous.applied() && previous.command().state() != State.CLOSED;
                return new Seen(command, force[0]);
            });
            if (force[0]) {
                breaker.force(command.state(), reason(command.state(), command.instance()));
            }
        });
    }

    /** The last fleet command this instance applied (or, a standing {@code CLOSED}, took note of) for a breaker. */
    Optional<FleetMessage> appliedCommand(String breaker) {
        return Optional.ofNullable(commands.get(breaker)).map(Seen::command);
    }

    static String reason(State state, String by) {
        return "fleet: " + state + " by " + by;
    }

    /** A late joiner, or an instance back from a Redis outage, applies the commands that stand. */
    private void applyStandingCommands() {
        List<String> names = registry.all().stream().map(CircuitBreaker::name).toList();
        if (names.isEmpty()) {
            return;
        }
        List<String> values = redis.opsForValue().multiGet(names.stream().map(keys::command).toList());
        if (values == null) {
            return;
        }
        for (String value : values) {
            if (value != null) {
                FleetMessage.decode(value).ifPresent(command -> apply(command, true));
            }
        }
    }

    private void followSafely() {
        try {
            follow();
        } catch (RuntimeException e) {
            degraded(e);
        }
    }

    /**
     * Opens each followed CLOSED breaker that enough live peers report OPEN. Runs when a peer's transition to OPEN
     * arrives and when the link comes up, not on every heartbeat: each run reads every live instance's entry.
     */
    private void follow() {
        for (CircuitBreaker breaker : registry.all()) {
            if (breaker.state() != State.CLOSED || !settings.follows(breaker.name())) {
                continue;
            }
            Map<String, FleetMessage> live = read(breaker.name());
            long open = live.values().stream().filter(entry -> entry.state() == State.OPEN).count();
            if (open > 0 && open >= settings.quorum() * live.size()) {
                breaker.force(State.OPEN, "fleet: " + open + " of " + live.size() + " instances OPEN");
            }
        }
    }

    /** Every live instance's entry for one breaker, by instance id. */
    private Map<String, FleetMessage> read(String breaker) {
        List<String> ids = new ArrayList<>(Objects.requireNonNullElse(
                redis.opsForZSet().range(keys.instances(), 0, -1), java.util.Set.of()));
        byte[] field = breaker.getBytes(StandardCharsets.UTF_8);
        List<Object> values = redis.executePipelined((RedisCallback<Object>) connection -> {
            for (String id : ids) {
                connection.hashCommands().hGet(keys.instance(id).getBytes(StandardCharsets.UTF_8), field);
            }
            return null;
        });
        Map<String, FleetMessage> live = new TreeMap<>();
        for (int i = 0; i < ids.size() && i < values.size(); i++) {
            if (values.get(i) instanceof String value) {
                String id = ids.get(i);
                FleetMessage.ofHashValue(id, breaker, value).ifPresent(entry -> live.put(id, entry));
            }
        }
        return live;
    }

    /**
     * Every live instance's entry for one breaker and the standing command, read from Redis now.
     *
     * @return {@code null} when this instance has no breaker of that name
     * @throws IllegalStateException when Redis cannot be reached
     */
    @Nullable View view(String name) {
        if (registry.get(name).isEmpty()) {
            return null;
        }
        requireLink();
        try {
            Map<String, FleetMessage> live = read(name);
            FleetMessage standing = FleetMessage.decode(Objects.requireNonNullElse(
                    redis.opsForValue().get(keys.command(name)), "")).orElse(null);
            return new View(settings.fleet(), live,
                    standing == null || standing.state() == State.CLOSED ? null : standing);
        } catch (RuntimeException e) {
            throw unreachable(e);
        }
    }

    /**
     * Sends a command to every instance, stores it as the standing command (for late joiners, and for instances
     * cut off from Redis meanwhile: a standing {@code CLOSED} resets those that applied the command it replaces),
     * and applies it here.
     *
     * @return the command sent, or {@code null} when this instance has no breaker of that name
     * @throws IllegalStateException when Redis cannot be reached
     */
    @Nullable FleetMessage send(String name, State state) {
        if (registry.get(name).isEmpty()) {
            return null;
        }
        requireLink();
        FleetMessage command = new FleetMessage(FleetMessage.COMMAND, settings.instanceId(), name, state,
                clock.instant(), UUID.randomUUID().toString());
        try {
            redis.opsForValue().set(keys.command(name), command.encoded(), settings.commandTtl());
            redis.convertAndSend(keys.events(), command.encoded());
        } catch (RuntimeException e) {
            throw unreachable(e);
        }
        apply(command, false);
        return command;
    }

    /**
     * One breaker across the fleet.
     *
     * @param fleet   the fleet's name
     * @param live    each live instance's entry, by instance id, ordered
     * @param command the standing command, or {@code null}
     */
    record View(String fleet, Map<String, FleetMessage> live, @Nullable FleetMessage command) {
    }

    private void requireLink() {
        if (!link.isUp()) {
            throw new IllegalStateException("Fleet '" + settings.fleet() + "' cannot be reached: the link to Redis"
                    + " is " + link.state() + (link.lastError() == null ? "" : " (" + link.lastError() + ")")
                    + "; breakers keep working locally");
        }
    }

    private IllegalStateException unreachable(RuntimeException e) {
        degraded(e);
        return new IllegalStateException("Fleet '" + settings.fleet() + "' cannot be reached on Redis: "
                + FleetLink.describe(e) + "; the command may not have reached every instance");
    }

    /** The last fleet command heard for a breaker, and whether this instance applied it or only took note of it. */
    private record Seen(FleetMessage command, boolean applied) {
    }
}
