package io.fluxgate;

import io.fluxgate.listeners.Listener;
import io.fluxgate.permits.Permit;
import io.fluxgate.permits.RampUp;
import io.fluxgate.retries.Cooldown;
import io.fluxgate.retries.Retry;
import io.fluxgate.trackers.Tracker;
import io.fluxgate.trippers.FailureRate;
import io.fluxgate.trippers.MinRequests;
import io.fluxgate.trippers.Tripper;
import io.fluxgate.windows.CountWindow;
import io.fluxgate.windows.Window;
import io.fluxgate.internal.Durations;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A composable, thread-safe circuit breaker.
 *
 * <pre>{@code
 * CircuitBreaker cb = CircuitBreaker.builder("payment_api")
 *         .window(new CountWindow(100))
 *         .tracker(new TypeOf(ConnectException.class))
 *         .tripper(new Closed().and(new MinRequests(10)).and(new FailureRate(0.5)))
 *         .retry(new Cooldown(Duration.ofSeconds(60)))
 *         .permit(new Random(0.5))
 *         .build();
 *
 * String body = cb.call(() -> client.charge(amount));
 * }</pre>
 *
 * <p>In CLOSED every call runs and its outcome is recorded in the window; after each recorded call the
 * tripper decides whether to open. OPEN rejects calls with {@link CallNotPermittedException} until the retry's
 * wait has passed; the next call then moves the breaker to HALF_OPEN, where at most
 * {@code maxHalfOpenCalls} probes admitted by the permit run at once and decide between CLOSED and OPEN.
 * {@link #metricsOnly()}, {@link #disable()} and {@link #forceOpen()} take manual control; {@link #reset()}
 * returns to CLOSED.
 *
 * <p>Thread-safe. The CLOSED call path takes no lock; each transition happens exactly once, and listeners see
 * one breaker's transitions gap-free and in order.
 *
 * <p>Integrations that cannot pass a lambda (aspects, reactive operators) use the one low-level protocol that
 * {@code callAsync} and the Spring aspect use too: {@link #acquirePermission()} (or {@link #tryAcquirePermission()}),
 * then {@link #startCall(long)} when the call starts and {@link #endCall(long, Throwable, long)} when it ends, or
 * {@link #releasePermission(long)} instead when it never ran or was cancelled:
 *
 * <pre>{@code
 * long permission = cb.acquirePermission();          // throws CallNotPermittedException when rejected
 * long start = cb.startCall(permission);
 * try {
 *     Response response = client.send(request);
 *     cb.endCall(permission, null, start);
 *     return response;
 * } catch (Throwable e) {
 *     cb.endCall(permission, e, start);
 *     throw e;
 * }
 * }</pre>
 */
public final class CircuitBreaker {

    private static final int CALLABLE = 0;
    private static final int SUPPLIER = 1;
    private static final int RUNNABLE = 2;

    private final String name;
    private final Ticker ticker;
    private final Clock clock;
    private final OpenWaitTimer timer;
    private final StateMachine machine;

    private CircuitBreaker(Builder builder) {
        Settings settings = builder.settings();
        this.name = builder.name;
        this.ticker = builder.ticker;
        this.clock = builder.clock;
        this.timer = builder.timer;
        OpenWaitTimer waits = builder.timer != null ? builder.timer : OpenWaitTimer.keepingTimeWith(builder.ticker);
        this.machine = new StateMachine(settings, builder.ticker, waits, builder.clock);
        for (Listener listener : settings.listeners) {
            listener.attached(name);
        }
    }

    /**
     * Starts configuring a breaker; see {@link Builder} for the defaults.
     *
     * @param name the breaker's name, as shown in signals, logs, metrics and the endpoint
     * @return a builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * A breaker with every default of {@link Builder}.
     *
     * @param name the breaker's name
     * @return a new breaker
     */
    public static CircuitBreaker ofDefaults(String name) {
        return builder(name).build();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Execution

    /**
     * Runs a call through the breaker.
     *
     * @param callable the protected code
     * @param <T>      its result type
     * @return what the callable returned
     * @throws CallNotPermittedException when the breaker rejects the call (the callable did not run)
     * @throws Exception                 whatever the callable threw, unchanged
     */
    @SuppressWarnings("unchecked")
    public <T> T call(Callable<T> callable) throws Exception {
        return (T) execute(Objects.requireNonNull(callable, "callable"), CALLABLE);
    }

    /**
     * Runs a call that throws no checked exception through the breaker.
     *
     * @param supplier the protected code
     * @param <T>      its result type
     * @return what the supplier returned
     * @throws CallNotPermittedException when the breaker rejects the call
     */
    @SuppressWarnings("unchecked")
    public <T> T get(Supplier<T> supplier) {
        return (T) executeUnchecked(Objects.requireNonNull(supplier, "supplier"), SUPPLIER);
    }

    /**
     * Runs a call with no result through the breaker.
     *
     * @param runnable the protected code
     * @throws CallNotPermittedException when the breaker rejects the call
     */
    public void run(Runnable runnable) {
        executeUnchecked(Objects.requireNonNull(runnable, "runnable"), RUNNABLE);
    }

    /** {@link #execute} for code that throws no checked exception: whatever it throws passes unchanged. */
    private Object executeUnchecked(Object code, int kind) {
        try {
            return execute(code, kind);
        } catch (Exception e) {
            throw CircuitBreaker.<RuntimeException>sneaky(e);
        }
    }

    /** The one synchronous call path: permission, the code (a {@code kind}), its outcome. */
    private Object execute(Object code, int kind) throws Exception {
        long permission = acquirePermission();
        long start = startCall(permission);
        Object result;
        try {
            result = switch (kind) {
                case CALLABLE -> ((Callable<?>) code).call();
                case SUPPLIER -> ((Supplier<?>) code).get();
                default -> {
                    ((Runnable) code).run();
                    yield null;
                }
            };
        } catch (Throwable e) {
            endCall(permission, e, start);
            throw e;
        }
        endCall(permission, null, start);
        return result;
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable e) throws E {
        throw (E) e;
    }

    /**
     * Runs a call through the breaker and turns every {@link Exception} — a rejection included — into the
     * fallback's answer. {@link Error}s propagate.
     *
     * @param callable the protected code
     * @param fallback maps the exception to a result
     * @param <T>      the result type
     * @return the callable's result, or the fallback's
     */
    public <T> T callWithFallback(Callable<T> callable, Function<? super Exception, ? extends T> fallback) {
        Objects.requireNonNull(callable, "callable");
        Objects.requireNonNull(fallback, "fallback");
        try {
            return call(callable);
        } catch (Exception e) {
            return fallback.apply(e);
        }
    }

    /**
     * Runs an asynchronous call through the breaker. Permission is taken before the supplier runs; when the
     * call is rejected the supplier is not invoked and the returned future has already failed with
     * {@link CallNotPermittedException}. A supplier that throws counts as a stage that failed.
     * {@code CompletionException} and {@code ExecutionException} wrappers are unwrapped before the tracker
     * sees the exception, and the returned future fails with the unwrapped one.
     *
     * <p>The call ends at whichever comes first: its stage completing, or the returned future being completed
     * by anyone. The permission (a HALF_OPEN slot included) is then released exactly once, and the call's
     * duration runs until that end:
     * <ul>
     *   <li>the stage's value is a success and its exception is offered to the tracker;</li>
     *   <li>{@code completeExceptionally(e)} on the returned future, and so {@code orTimeout}'s
     *       {@code TimeoutException}, offers {@code e} to the tracker: {@code callAsync(…).orTimeout(2, SECONDS)}
     *       is a time-limited breaker call whose timeouts are failures;</li>
     *   <li>{@code complete(value)}, and so {@code completeOnTimeout}, releases without recording: a value the
     *       caller supplies says nothing about the downstream (use {@code orTimeout} to count timeouts);</li>
     *   <li>{@code cancel} (and a stage that is cancelled) releases without recording; only {@code cancel} is
     *       passed on to the stage, when it is a {@link CompletableFuture}, so that the work can stop (do not
     *       hand the breaker a stage other callers share if they must not see it cancelled).</li>
     * </ul>
     * A caller's completion stands: the future keeps what the caller completed it with (no fallback replaces
     * it), and the stage, if it ends later, reports nothing; its work may keep running, bounded only by its own
     * timeout. {@code obtrude*} and {@code completeAsync} end the call like {@code complete} and
     * {@code completeExceptionally}, but report after the future's earlier dependents have run.
     *
     * <p>The outcome is recorded, and any transition it causes made, before the returned future completes
     * (unless the caller completes it while the stage's outcome is being recorded). The transition's signal
     * has then been delivered too, unless another thread holds this breaker's delivery turn (a listener still
     * running for an earlier signal): the signal is then queued, that thread delivers it in order, and the
     * future completes without waiting for it. Recording never keeps the future from completing: whatever the
     * ticker, clock, window or another component throws meanwhile is logged (WARNING, {@code io.fluxgate}) and
     * the future completes with the call's own result, except a {@link VirtualMachineError}, which the future
     * fails with before it propagates.
     *
     * @param supplier starts the protected work
     * @param <T>      the result type
     * @return a future of the stage's result
     */
    public <T> CompletableFuture<T> callAsync(Supplier<? extends CompletionStage<T>> supplier) {
        Objects.requireNonNull(supplier, "supplier");
        return AsyncCall.start(this, supplier, null);
    }

    /**
     * Like {@link #callAsync(Supplier)}, and every {@link Exception} of the call — a rejection included, after
     * unwrapping — is turned into the fallback's answer. {@link Error}s are not given to the fallback, and
     * neither is what a caller completes the returned future with ({@code orTimeout}'s
     * {@code TimeoutException} included): add {@code exceptionally} after it for that.
     *
     * @param supplier starts the protected work
     * @param fallback maps the exception to a result
     * @param <T>      the result type
     * @return a future of the stage's result or the fallback's
     */
    public <T> CompletableFuture<T> callAsyncWithFallback(Supplier<? extends CompletionStage<T>> supplier,
            Function<? super Exception, ? extends T> fallback) {
        Objects.requireNonNull(supplier, "supplier");
        Objects.requireNonNull(fallback, "fallback");
        return AsyncCall.start(this, supplier, fallback);
    }

    /**
     * Wraps a supplier so that every call goes through this breaker.
     *
     * @param supplier the protected code
     * @param <T>      its result type
     * @return a supplier that calls {@link #get(Supplier)}
     */
    public <T> Supplier<T> decorateSupplier(Supplier<T> supplier) {
        Objects.requireNonNull(supplier, "supplier");
        return () -> get(supplier);
    }

    /**
     * Wraps a callable so that every call goes through this breaker.
     *
     * @param callable the protected code
     * @param <T>      its result type
     * @return a callable that calls {@link #call(Callable)}
     */
    public <T> Callable<T> decorateCallable(Callable<T> callable) {
        Objects.requireNonNull(callable, "callable");
        return () -> call(callable);
    }

    /**
     * Wraps a runnable so that every run goes through this breaker.
     *
     * @param runnable the protected code
     * @return a runnable that calls {@link #run(Runnable)}
     */
    public Runnable decorateRunnable(Runnable runnable) {
        Objects.requireNonNull(runnable, "runnable");
        return () -> run(runnable);
    }

    /**
     * Wraps a function so that every application goes through this breaker.
     *
     * @param function the protected code
     * @param <T>      its argument type
     * @param <R>      its result type
     * @return a function that applies {@code function} through {@link #get(Supplier)}
     */
    public <T, R> Function<T, R> decorateFunction(Function<T, R> function) {
        Objects.requireNonNull(function, "function");
        return argument -> get(() -> function.apply(argument));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Low-level protocol

    /**
     * Asks to run one call. On success the caller must then report exactly one of {@link #endCall} (after
     * {@link #startCall}) or {@link #releasePermission}. May move an OPEN breaker whose wait has passed to
     * HALF_OPEN.
     *
     * @return the permission, a non-negative value
     * @throws CallNotPermittedException when the call must not run
     */
    public long acquirePermission() {
        long permission = machine.tryAcquire();
        if (!Permission.isPermitted(permission)) {
            throw machine.rejection(permission);
        }
        return permission;
    }

    /**
     * Like {@link #acquirePermission()}, without the exception.
     *
     * @return the permission, or a negative value when the call must not run
     */
    public long tryAcquirePermission() {
        return machine.tryAcquire();
    }

    /**
     * Marks the start of a permitted call, for {@link #endCall}: reads the ticker only when this breaker measures
     * durations ({@link Config#measureDurations()}). A ticker that throws here gives the permission back before the
     * exception propagates.
     *
     * @param permission what {@link #acquirePermission()} returned
     * @return the start time to hand to {@link #endCall}; 0 when durations are not measured
     */
    public long startCall(long permission) {
        requirePermission(permission);
        if (!Permission.timed(permission)) {
            return 0;
        }
        try {
            return ticker.read();
        } catch (Throwable e) {
            machine.release(permission);
            throw e;
        }
    }

    /**
     * Reports the outcome of a call that {@link #startCall} marked, reading the ticker at most once: for the
     * duration and for the window, and not at all for a count-window breaker that measures no durations. The
     * tracker decides whether an error is a failure; one it does not track is rethrown by the caller and recorded
     * as nothing but {@link CallOutcome#IGNORED} in {@link #statistics()}. A ticker that throws here gives the
     * permission back. A call permitted before a {@link #reconfigure reconfiguration} is timed or not as it was
     * when permitted, and is recorded under the new configuration.
     *
     * @param permission what {@link #acquirePermission()} returned
     * @param error      what the call threw, or {@code null} when it returned normally
     * @param startNanos what {@link #startCall} returned
     * @return whether the call counted as a failure
     */
    public boolean endCall(long permission, Throwable error, long startNanos) {
        requirePermission(permission);
        return machine.end(permission, error, startNanos);
    }

    /**
     * Gives a permission back without an outcome (the call was cancelled or never ran).
     *
     * @param permission what {@link #acquirePermission()} returned
     */
    public void releasePermission(long permission) {
        requirePermission(permission);
        machine.release(permission);
    }

    StateMachine machine() {
        return machine;
    }

    private static void requirePermission(long permission) {
        if (!Permission.isPermitted(permission)) {
            throw new IllegalArgumentException("Not a permission: " + permission + " (a rejection is negative)");
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Inspection and manual control

    /**
     * The breaker's name.
     *
     * @return the name given to {@link #builder(String)}
     */
    public String name() {
        return name;
    }

    /**
     * The current state. An OPEN breaker whose wait has passed stays OPEN until a call arrives.
     *
     * @return the state
     */
    public State state() {
        return machine.stay().state;
    }

    /**
     * A consistent snapshot of state, last change, reopens and window.
     *
     * @return the snapshot
     */
    public CircuitBreakerInfo info() {
        Stay p = machine.stay();
        return new CircuitBreakerInfo(name, p.state, p.changedAt, p.reopens, p.metric(ticker.read()));
    }

    /**
     * Cumulative counts of every call since this breaker was built, for monitoring.
     *
     * @return a live view
     */
    public CallStatistics statistics() {
        return machine.statistics();
    }

    /**
     * How this breaker is configured now: as built, or as last {@link #reconfigure reconfigured}.
     *
     * @return its configuration
     */
    public Config config() {
        return machine.stay().settings.config;
    }

    /**
     * The listeners this breaker notifies now.
     *
     * @return an immutable list, in notification order
     */
    public List<Listener> listeners() {
        return machine.stay().settings.listeners;
    }

    /**
     * Changes this breaker's configuration in place, keeping its name, identity, state, {@code changedAt},
     * {@code reopens}, statistics and the calls in flight. {@code change} receives a builder holding the current
     * configuration, listeners, ticker and clock, and returns it adjusted (or another builder of the same name,
     * ticker and clock). Everything is checked as {@link Builder#build()} checks it before anything changes: a bad
     * configuration throws and the breaker keeps the old one.
     *
     * <p>What carries over:
     * <ul>
     *   <li>the window: kept when the new one is equal; between two {@link CountWindow}s the newest outcomes that
     *       fit, between two {@link io.fluxgate.windows.TimeWindow}s the newest seconds that fit; reset between a
     *       count and a time window. OPEN, FORCED_OPEN and DISABLED record nothing: the next state starts with the
     *       new window empty, as always;</li>
     *   <li>an OPEN breaker keeps the wait it drew when it opened; the new retry draws the next one. A HALF_OPEN
     *       breaker is bounded by the new {@code maxHalfOpenDuration}, counted from when it entered HALF_OPEN, and
     *       admits by the new permit and {@code maxHalfOpenCalls} (probes running keep their slots);</li>
     *   <li>calls permitted before are recorded under the new configuration (tracker, slow threshold, tripper), timed
     *       or not as they were when permitted, and release their permission once. A call that ends while the
     *       window is migrated may be missing from the new window.</li>
     * </ul>
     * The change is not a transition: listeners of the new configuration get
     * {@link Listener#onReconfigured(Reconfiguration)}, in order with the transitions; new listeners are
     * {@link Listener#attached attached} first.
     *
     * @param change adjusts a builder holding the current configuration
     * @return what changed, as the listeners receive it
     * @throws IllegalArgumentException when the new configuration is invalid, renames the breaker or changes its
     *                                  ticker or clock; the breaker then keeps its configuration
     */
    public Reconfiguration reconfigure(UnaryOperator<Builder> change) {
        Objects.requireNonNull(change, "change");
        Builder next = change.apply(toBuilder());
        if (next == null) {
            throw new IllegalArgumentException("Circuit breaker '" + name
                    + "': the reconfiguration returned no builder");
        }
        if (!next.name.equals(name)) {
            throw new IllegalArgumentException("Circuit breaker '" + name + "': a reconfiguration cannot rename it"
                    + " (got '" + next.name + "'); build a new breaker for another name");
        }
        if (next.ticker != ticker || !next.clock.equals(clock) || next.timer != timer) {
            throw new IllegalArgumentException("Circuit breaker '" + name + "': a reconfiguration cannot change the"
                    + " ticker or clock of a running breaker; its waits and windows are measured with them");
        }
        next.validate();
        Settings settings = next.settings();
        List<Listener> before = listeners();
        for (Listener listener : settings.listeners) {
            if (before.stream().noneMatch(existing -> existing == listener)) {
                listener.attached(name);
            }
        }
        return machine.reconfigure(settings);
    }

    /** A builder holding this breaker's current configuration, listeners, ticker and clock. */
    private Builder toBuilder() {
        Settings current = machine.stay().settings;
        Config c = current.config;
        Builder builder = new Builder(name);
        builder.window = c.window();
        builder.tracker = c.tracker();
        builder.tripper = c.tripper();
        builder.retry = c.retry();
        builder.permit = c.permit();
        builder.slowThreshold = c.slowThreshold();
        builder.measureDurations = c.measureDurations();
        builder.maxHalfOpenCalls = c.maxHalfOpenCalls();
        builder.maxHalfOpenDuration = c.maxHalfOpenDuration();
        builder.listeners.addAll(current.listeners);
        builder.ticker = ticker;
        builder.clock = clock;
        builder.timer = timer;
        return builder;
    }

    /** Returns to CLOSED with an empty window, from any state (also from CLOSED, which clears the window). */
    public void reset() {
        machine.force(State.CLOSED, "reset()");
    }

    /**
     * Lets every call run and records nothing, until manual control changes the state. On a breaker already
     * DISABLED it changes nothing and notifies no one.
     */
    public void disable() {
        machine.force(State.DISABLED, "disable()");
    }

    /**
     * Lets every call run and records it, but never transitions by itself. On a breaker already METRICS_ONLY it
     * changes nothing and notifies no one.
     */
    public void metricsOnly() {
        machine.force(State.METRICS_ONLY, "metricsOnly()");
    }

    /**
     * Rejects every call until manual control changes the state. On a breaker already FORCED_OPEN it changes nothing
     * and notifies no one.
     */
    public void forceOpen() {
        machine.force(State.FORCED_OPEN, "forceOpen()");
    }

    /**
     * Manual control on behalf of someone else, with the reason listeners receive: an integration that steers
     * breakers (a fleet of instances, an operator's tool) says why, e.g. {@code fleet: FORCED_OPEN by host-7}.
     * {@code CLOSED} resets as {@link #reset()} does; {@code FORCED_OPEN}, {@code DISABLED} and
     * {@code METRICS_ONLY} hold the breaker there as {@link #forceOpen()}, {@link #disable()} and
     * {@link #metricsOnly()} do; {@code OPEN} opens the breaker as a trip would, so that it probes again when its
     * retry allows. A breaker already in {@code target} (other than {@code CLOSED}) changes nothing and notifies
     * no one.
     *
     * <pre>{@code
     * breaker.force(State.OPEN, "fleet: 3 of 5 instances OPEN");
     * }</pre>
     *
     * @param target any state but {@code HALF_OPEN}, which only a call can enter
     * @param reason the {@link Signal#reason()} of the transition
     * @throws IllegalArgumentException when {@code target} is {@code HALF_OPEN}
     */
    public void force(State target, String reason) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(reason, "reason");
        if (target == State.HALF_OPEN) {
            throw new IllegalArgumentException("Circuit breaker '" + name + "' cannot be forced to HALF_OPEN: only a"
                    + " call enters HALF_OPEN, when the retry allows; expected CLOSED, OPEN, FORCED_OPEN, DISABLED"
                    + " or METRICS_ONLY");
        }
        machine.force(target, reason);
    }

    @Override
    public String toString() {
        return "CircuitBreaker[" + name + ", " + state() + "]";
    }

    /**
     * A breaker's configuration, with components in the form {@link Builder} received them.
     *
     * @param name             the name
     * @param window           which outcomes are looked at
     * @param tracker          which exceptions are failures
     * @param tripper          when to open
     * @param retry            when OPEN may probe
     * @param permit           which HALF_OPEN calls are admitted
     * @param slowThreshold    from which duration a call is slow; {@code null} when no call is slow
     * @param maxHalfOpenCalls    how many probes may run at once
     * @param maxHalfOpenDuration how long HALF_OPEN may last without a decision while probes are outstanding;
     *                            {@code null} for no bound (a builder always sets one)
     * @param measureDurations    whether calls are timed ({@link Builder#measureDurations(boolean)})
     */
    public record Config(String name, Window window, Tracker tracker, Tripper tripper, Retry retry, Permit permit,
            Duration slowThreshold, int maxHalfOpenCalls, Duration maxHalfOpenDuration, boolean measureDurations) {
    }

    /**
     * Configures a {@link CircuitBreaker}. Every method checks its argument at once.
     *
     * <p>Defaults: {@link #DEFAULT_WINDOW}, tracker {@code All()}, {@link #DEFAULT_TRIPPER},
     * {@link #DEFAULT_RETRY}, {@link #DEFAULT_PERMIT}, no slow threshold, {@link #DEFAULT_MAX_HALF_OPEN_CALLS}
     * probes for at most {@link #DEFAULT_MAX_HALF_OPEN_DURATION}, no listeners, {@link Ticker#system()} and
     * {@link Clock#systemUTC()}.
     */
    public static final class Builder {

        /** {@code CountWindow(100)}. */
        public static final Window DEFAULT_WINDOW = new CountWindow(100);
        /** {@code MinRequests(100) & FailureRate(0.5)}. */
        public static final Tripper DEFAULT_TRIPPER = new MinRequests(100).and(new FailureRate(0.5));
        /** {@code Cooldown(60s)}. */
        public static final Retry DEFAULT_RETRY = new Cooldown(Duration.ofSeconds(60));
        /** {@code RampUp(0.1, 1.0, 60s)}. */
        public static final Permit DEFAULT_PERMIT = new RampUp(0.1, 1.0, Duration.ofSeconds(60));
        /** 10 concurrent probes. */
        public static final int DEFAULT_MAX_HALF_OPEN_CALLS = 10;
        /** 60 seconds, as long as the default retry's cooldown (docs/permits.md says why). */
        public static final Duration DEFAULT_MAX_HALF_OPEN_DURATION = Duration.ofSeconds(60);

        private final String name;
        private Window window = DEFAULT_WINDOW;
        private Tracker tracker = new io.fluxgate.trackers.All();
        private Tripper tripper = DEFAULT_TRIPPER;
        private Retry retry = DEFAULT_RETRY;
        private Permit permit = DEFAULT_PERMIT;
        private Duration slowThreshold;
        private boolean measureDurations = true;
        private int maxHalfOpenCalls = DEFAULT_MAX_HALF_OPEN_CALLS;
        private Duration maxHalfOpenDuration = DEFAULT_MAX_HALF_OPEN_DURATION;
        private final List<Listener> listeners = new ArrayList<>();
        private Ticker ticker = Ticker.system();
        private Clock clock = Clock.systemUTC();
        private OpenWaitTimer timer;

        private Builder(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("Circuit breaker name must not be blank");
            }
            this.name = name;
        }

        /**
         * Which recent outcomes the tripper looks at.
         *
         * @param window e.g. {@code new CountWindow(100)}
         * @return this builder
         */
        public Builder window(Window window) {
            this.window = Objects.requireNonNull(window, "window");
            return this;
        }

        /**
         * Which exceptions count as failures.
         *
         * @param tracker e.g. {@code new TypeOf(ConnectException.class)}
         * @return this builder
         */
        public Builder tracker(Tracker tracker) {
            this.tracker = Objects.requireNonNull(tracker, "tracker");
            return this;
        }

        /**
         * When to open.
         *
         * @param tripper e.g. {@code new MinRequests(10).and(new FailureRate(0.5))}
         * @return this builder
         */
        public Builder tripper(Tripper tripper) {
            this.tripper = Objects.requireNonNull(tripper, "tripper");
            return this;
        }

        /**
         * When an OPEN breaker may probe again.
         *
         * @param retry e.g. {@code new Cooldown(Duration.ofSeconds(60))}
         * @return this builder
         */
        public Builder retry(Retry retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        /**
         * Which HALF_OPEN calls are admitted.
         *
         * @param permit e.g. {@code new Random(0.5)}
         * @return this builder
         */
        public Builder permit(Permit permit) {
            this.permit = Objects.requireNonNull(permit, "permit");
            return this;
        }

        /**
         * No call is slow: removes a slow threshold set before, for a {@link CircuitBreaker#reconfigure
         * reconfiguration} (the default).
         *
         * @return this builder
         */
        public Builder noSlowThreshold() {
            this.slowThreshold = null;
            return this;
        }

        /**
         * From which duration a recorded call counts as slow ({@code >=}).
         *
         * @param slowThreshold a positive duration; one of about 292 years or more means that no call is slow
         * @return this builder
         * @throws IllegalArgumentException when not positive
         */
        public Builder slowThreshold(Duration slowThreshold) {
            Objects.requireNonNull(slowThreshold, "slowThreshold");
            if (slowThreshold.isNegative() || slowThreshold.isZero()) {
                throw new IllegalArgumentException("Circuit breaker '" + name
                        + "': slowThreshold must be > 0, got " + Durations.format(slowThreshold));
            }
            this.slowThreshold = slowThreshold;
            return this;
        }

        /**
         * Whether to measure how long each call takes (the default). Durations feed the slow threshold,
         * {@code AvgLatency}, {@link Metric#totalDuration()} and {@link CallStatistics#totalDuration}. A breaker
         * that needs none of them can skip reading the clock around each call: with {@code false}, a
         * {@code CountWindow} breaker reads no clock on its CLOSED path, every duration is recorded as zero, and
         * {@link #build()} rejects a slow threshold or a tripper that {@link Tripper#usesDurations() uses
         * durations}.
         *
         * @param measureDurations {@code false} to skip timing calls
         * @return this builder
         */
        public Builder measureDurations(boolean measureDurations) {
            this.measureDurations = measureDurations;
            return this;
        }

        /**
         * How many probes may run at once in HALF_OPEN; further calls are rejected at once.
         *
         * @param maxHalfOpenCalls at least 1
         * @return this builder
         * @throws IllegalArgumentException when below 1
         */
        public Builder maxHalfOpenCalls(int maxHalfOpenCalls) {
            if (maxHalfOpenCalls < 1) {
                throw new IllegalArgumentException("Circuit breaker '" + name
                        + "': maxHalfOpenCalls must be >= 1, got " + maxHalfOpenCalls);
            }
            this.maxHalfOpenCalls = maxHalfOpenCalls;
            return this;
        }

        /**
         * Bounds how long HALF_OPEN may last without a decision while probes are outstanding. Probes decide
         * HALF_OPEN when they finish; if they hang, HALF_OPEN rejects every further call until they return.
         * With this bound, the first call after it moves the breaker back to OPEN (counting a reopen, so
         * {@code Backoff} waits longer) instead of waiting for the hung probes: their slots belong to the stay
         * that ended, and their outcomes, should they come, are not recorded. The work they started may keep
         * running, so give your calls a timeout as well. A HALF_OPEN stay with no probe outstanding (the permit
         * refused every call so far) is not bounded: its next admitted call decides.
         * {@link #DEFAULT_MAX_HALF_OPEN_DURATION} by default.
         *
         * @param maxHalfOpenDuration a positive duration; one of about 292 years or more means no bound
         * @return this builder
         * @throws IllegalArgumentException when not positive
         */
        public Builder maxHalfOpenDuration(Duration maxHalfOpenDuration) {
            Objects.requireNonNull(maxHalfOpenDuration, "maxHalfOpenDuration");
            if (maxHalfOpenDuration.isNegative() || maxHalfOpenDuration.isZero()) {
                throw new IllegalArgumentException("Circuit breaker '" + name
                        + "': maxHalfOpenDuration must be > 0, got " + Durations.format(maxHalfOpenDuration));
            }
            this.maxHalfOpenDuration = maxHalfOpenDuration;
            return this;
        }

        /**
         * Adds a listener; listeners are notified in the order they were added.
         *
         * @param listener e.g. {@code new LogListener()}
         * @return this builder
         */
        public Builder listener(Listener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Removes the listeners added so far, for a {@link CircuitBreaker#reconfigure reconfiguration} that
         * replaces them.
         *
         * @return this builder
         */
        public Builder noListeners() {
            listeners.clear();
            return this;
        }

        /**
         * Adds listeners in iteration order.
         *
         * @param listeners the listeners; none may be null
         * @return this builder
         */
        public Builder listeners(Collection<? extends Listener> listeners) {
            Objects.requireNonNull(listeners, "listeners");
            for (Listener listener : listeners) {
                listener(listener);
            }
            return this;
        }

        /**
         * The monotonic time source for durations, windows, retries and permits. With the default,
         * {@link Ticker#system()}, an OPEN breaker reads no clock for the calls it rejects until a one-shot wake-up
         * on the JDK's shared delay scheduler marks its wait as over; with any other ticker every OPEN call reads
         * it.
         *
         * @param ticker e.g. {@code nanos::get} in tests
         * @return this builder
         */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * The wall clock for {@link CircuitBreakerInfo#changedAt()} and {@link Signal#timestamp()}.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** For tests: OPEN and HALF_OPEN waits end through this timer, as if it kept time with the ticker. */
        Builder timer(OpenWaitTimer timer) {
            this.timer = Objects.requireNonNull(timer, "timer");
            return this;
        }

        /**
         * A copy of every setting under another name, for {@link KeyedCircuitBreaker}: components are immutable and
         * listeners are shared, so each copy builds an independent breaker with the same behaviour.
         */
        Builder copyNamed(String otherName) {
            Builder copy = new Builder(otherName);
            copy.window = window;
            copy.tracker = tracker;
            copy.tripper = tripper;
            copy.retry = retry;
            copy.permit = permit;
            copy.slowThreshold = slowThreshold;
            copy.measureDurations = measureDurations;
            copy.maxHalfOpenCalls = maxHalfOpenCalls;
            copy.maxHalfOpenDuration = maxHalfOpenDuration;
            copy.listeners.addAll(listeners);
            copy.ticker = ticker;
            copy.clock = clock;
            copy.timer = timer;
            return copy;
        }

        String name() {
            return name;
        }

        /** The configuration and listeners this builder holds, as the engine reads them. */
        Settings settings() {
            return new Settings(new Config(name, window, tracker, tripper, retry, permit, slowThreshold,
                    maxHalfOpenCalls, maxHalfOpenDuration, measureDurations), listeners);
        }

        Ticker configuredTicker() {
            return ticker;
        }

        /** Whether breakers built from both measure time alike: the same ticker, clock and timer. */
        boolean measuresTimeLike(Builder other) {
            return ticker == other.ticker && clock.equals(other.clock) && timer == other.timer;
        }

        /**
         * Builds the breaker, CLOSED.
         *
         * @return a new breaker
         */
        public CircuitBreaker build() {
            validate();
            return new CircuitBreaker(this);
        }

        /** The checks across settings that {@link #build()} makes, for a keyed family to make them under its name. */
        void validate() {
            if (!measureDurations && slowThreshold != null) {
                throw new IllegalArgumentException("Circuit breaker '" + name + "': slowThreshold "
                        + Durations.format(slowThreshold) + " needs measured durations; remove it or keep "
                        + "measureDurations(true)");
            }
            if (!measureDurations && tripper.usesDurations()) {
                throw new IllegalArgumentException("Circuit breaker '" + name + "': tripper " + tripper
                        + " reads durations; keep measureDurations(true) or use a tripper without AvgLatency");
            }
        }
    }
}
