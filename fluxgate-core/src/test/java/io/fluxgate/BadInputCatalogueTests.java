package io.fluxgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.fluxgate.listeners.Listener;
import io.fluxgate.listeners.LogListener;
import io.fluxgate.permits.RampUp;
import io.fluxgate.permits.Random;
import io.fluxgate.retries.Backoff;
import io.fluxgate.retries.Cooldown;
import io.fluxgate.trackers.All;
import io.fluxgate.trackers.Custom;
import io.fluxgate.trackers.TypeOf;
import io.fluxgate.trippers.AvgLatency;
import io.fluxgate.trippers.FailureRate;
import io.fluxgate.trippers.FailureStreak;
import io.fluxgate.trippers.MinRequests;
import io.fluxgate.trippers.SlowRate;
import io.fluxgate.windows.CountWindow;
import io.fluxgate.windows.TimeWindow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Backs {@code docs/bad-input.md}: every row of its core tables is a case here, run to check that the user gets
 * exactly that exception and message, and every case here is a row there. Change one, and this test says which
 * rows to copy into the other.
 */
class BadInputCatalogueTests {

    private static final String NAME = "payment_api";
    private static final String BEGIN = "<!-- core-rows:begin -->";
    private static final String END = "<!-- core-rows:end -->";

    /** One row of the catalogue: where the input goes, an example, what is thrown, its exact message. */
    record Row(String input, String example, String exception, String message) {
        String markdown() {
            return "| " + input + " | `" + example + "` | `" + exception + "` | `" + message + "` |";
        }
    }

    private record Case(Row row, Class<? extends Throwable> type, ThrowingCallable call) {
    }

    private static final List<Case> CASES = new ArrayList<>();

    private static void row(String input, String example, Class<? extends Throwable> type, String message,
            ThrowingCallable call) {
        CASES.add(new Case(new Row(input, example, type.getSimpleName(), message), type, call));
    }

    private static CircuitBreaker.Builder builder() {
        return CircuitBreaker.builder(NAME);
    }

    private static CircuitBreaker breaker() {
        return builder().build();
    }

    static {
        // CircuitBreaker.Builder
        row("CircuitBreaker.builder", "builder(null)", NullPointerException.class, "name",
                () -> CircuitBreaker.builder(null));
        row("CircuitBreaker.builder", "builder(\" \")", IllegalArgumentException.class,
                "Circuit breaker name must not be blank", () -> CircuitBreaker.builder(" "));
        row("Builder.window", "window(null)", NullPointerException.class, "window", () -> builder().window(null));
        row("Builder.tracker", "tracker(null)", NullPointerException.class, "tracker", () -> builder().tracker(null));
        row("Builder.tripper", "tripper(null)", NullPointerException.class, "tripper", () -> builder().tripper(null));
        row("Builder.retry", "retry(null)", NullPointerException.class, "retry", () -> builder().retry(null));
        row("Builder.permit", "permit(null)", NullPointerException.class, "permit", () -> builder().permit(null));
        row("Builder.slowThreshold", "slowThreshold(null)", NullPointerException.class, "slowThreshold",
                () -> builder().slowThreshold(null));
        row("Builder.slowThreshold", "slowThreshold(Duration.ZERO)", IllegalArgumentException.class,
                "Circuit breaker 'payment_api': slowThreshold must be > 0, got 0s",
                () -> builder().slowThreshold(Duration.ZERO));
        row("Builder.slowThreshold", "slowThreshold(Duration.ofMillis(-5))", IllegalArgumentException.class,
                "Circuit breaker 'payment_api': slowThreshold must be > 0, got PT-0.005S",
                () -> builder().slowThreshold(Duration.ofMillis(-5)));
        row("Builder.maxHalfOpenCalls", "maxHalfOpenCalls(0)", IllegalArgumentException.class,
                "Circuit breaker 'payment_api': maxHalfOpenCalls must be >= 1, got 0",
                () -> builder().maxHalfOpenCalls(0));
        row("Builder.maxHalfOpenDuration", "maxHalfOpenDuration(Duration.ZERO)", IllegalArgumentException.class,
                "Circuit breaker 'payment_api': maxHalfOpenDuration must be > 0, got 0s",
                () -> builder().maxHalfOpenDuration(Duration.ZERO));
        row("Builder.maxHalfOpenDuration", "maxHalfOpenDuration(null)", NullPointerException.class,
                "maxHalfOpenDuration", () -> builder().maxHalfOpenDuration(null));
        row("Builder.listener", "listener(null)", NullPointerException.class, "listener",
                () -> builder().listener(null));
        row("Builder.listeners", "listeners(null)", NullPointerException.class, "listeners",
                () -> builder().listeners(null));
        row("Builder.listeners", "listeners(Arrays.asList((Listener) null))", NullPointerException.class, "listener",
                () -> builder().listeners(Arrays.asList((Listener) null)));
        row("Builder.build", "measureDurations(false).slowThreshold(Duration.ofSeconds(2))",
                IllegalArgumentException.class, "Circuit breaker 'payment_api': slowThreshold 2s needs measured "
                        + "durations; remove it or keep measureDurations(true)",
                () -> builder().measureDurations(false).slowThreshold(Duration.ofSeconds(2)).build());
        row("Builder.build", "measureDurations(false).tripper(new AvgLatency(Duration.ofSeconds(1)))",
                IllegalArgumentException.class, "Circuit breaker 'payment_api': tripper AvgLatency(1s) reads "
                        + "durations; keep measureDurations(true) or use a tripper without AvgLatency",
                () -> builder().measureDurations(false).tripper(new io.fluxgate.trippers.AvgLatency(
                        Duration.ofSeconds(1))).build());
        row("Builder.ticker", "ticker(null)", NullPointerException.class, "ticker", () -> builder().ticker(null));
        row("Builder.clock", "clock(null)", NullPointerException.class, "clock", () -> builder().clock(null));

        // Calls
        row("CircuitBreaker.call", "call(null)", NullPointerException.class, "callable", () -> breaker().call(null));
        row("CircuitBreaker.get", "get(null)", NullPointerException.class, "supplier", () -> breaker().get(null));
        row("CircuitBreaker.run", "run(null)", NullPointerException.class, "runnable", () -> breaker().run(null));
        row("CircuitBreaker.callWithFallback", "callWithFallback(null, e -> \"x\")", NullPointerException.class,
                "callable", () -> breaker().callWithFallback(null, e -> "x"));
        row("CircuitBreaker.callWithFallback", "callWithFallback(() -> \"x\", null)", NullPointerException.class,
                "fallback", () -> breaker().callWithFallback(() -> "x", null));
        row("CircuitBreaker.callAsync", "callAsync(null)", NullPointerException.class, "supplier",
                () -> breaker().callAsync(null));
        row("CircuitBreaker.callAsync (the returned future fails with it)", "callAsync(() -> null)",
                NullPointerException.class, "supplier of circuit breaker 'payment_api' returned null",
                () -> join(breaker().callAsync(() -> null)));
        row("CircuitBreaker.callAsyncWithFallback", "callAsyncWithFallback(null, e -> \"x\")",
                NullPointerException.class, "supplier", () -> breaker().callAsyncWithFallback(null, e -> "x"));
        row("CircuitBreaker.callAsyncWithFallback", "callAsyncWithFallback(CompletableFuture::new, null)",
                NullPointerException.class, "fallback",
                () -> breaker().callAsyncWithFallback(CompletableFuture::new, null));
        row("CircuitBreaker.decorateSupplier", "decorateSupplier(null)", NullPointerException.class, "supplier",
                () -> breaker().decorateSupplier(null));
        row("CircuitBreaker.decorateCallable", "decorateCallable(null)", NullPointerException.class, "callable",
                () -> breaker().decorateCallable(null));
        row("CircuitBreaker.decorateRunnable", "decorateRunnable(null)", NullPointerException.class, "runnable",
                () -> breaker().decorateRunnable(null));
        row("CircuitBreaker.decorateFunction", "decorateFunction(null)", NullPointerException.class, "function",
                () -> breaker().decorateFunction(null));
        row("CircuitBreaker.force", "force(State.HALF_OPEN, \"fleet\")", IllegalArgumentException.class,
                "Circuit breaker 'payment_api' cannot be forced to HALF_OPEN: only a call enters HALF_OPEN, when the "
                        + "retry allows; expected CLOSED, OPEN, FORCED_OPEN, DISABLED or METRICS_ONLY",
                () -> builder().build().force(State.HALF_OPEN, "fleet"));
        row("CircuitBreaker.force", "force(null, \"fleet\")", NullPointerException.class, "target",
                () -> builder().build().force(null, "fleet"));
        row("CircuitBreaker.force", "force(State.OPEN, null)", NullPointerException.class, "reason",
                () -> builder().build().force(State.OPEN, null));
        row("a call while OPEN", "call(() -> \"x\")", CallNotPermittedException.class,
                "Circuit breaker 'payment_api' is OPEN and does not permit calls",
                () -> inState(State.OPEN).call(() -> "x"));
        row("a call while HALF_OPEN is full or the permit refuses", "call(() -> \"x\")",
                CallNotPermittedException.class,
                "Circuit breaker 'payment_api' is HALF_OPEN and did not permit this call",
                () -> inState(State.HALF_OPEN).call(() -> "x"));
        row("a call while FORCED_OPEN", "call(() -> \"x\")", CallNotPermittedException.class,
                "Circuit breaker 'payment_api' is FORCED_OPEN and did not permit this call",
                () -> inState(State.FORCED_OPEN).call(() -> "x"));

        // Low-level protocol
        row("CircuitBreaker.startCall", "startCall(-1)", IllegalArgumentException.class,
                "Not a permission: -1 (a rejection is negative)", () -> breaker().startCall(-1));
        row("CircuitBreaker.endCall", "endCall(-1, new IOException(), 0)", IllegalArgumentException.class,
                "Not a permission: -1 (a rejection is negative)", () -> breaker().endCall(-1, new IOException(), 0));
        row("CircuitBreaker.releasePermission", "releasePermission(-2)", IllegalArgumentException.class,
                "Not a permission: -2 (a rejection is negative)", () -> breaker().releasePermission(-2));

        // Windows
        row("CountWindow", "new CountWindow(0)", IllegalArgumentException.class, "CountWindow size must be >= 1, got 0",
                () -> new CountWindow(0));
        row("CountWindow", "new CountWindow(2_000_000_000)", IllegalArgumentException.class,
                "CountWindow size must be <= 1000000, got 2000000000", () -> new CountWindow(2_000_000_000));
        row("TimeWindow", "new TimeWindow(0)", IllegalArgumentException.class, "TimeWindow seconds must be >= 1, got 0",
                () -> new TimeWindow(0));
        row("TimeWindow", "new TimeWindow(86_400)", IllegalArgumentException.class,
                "TimeWindow seconds must be <= 3600, got 86400", () -> new TimeWindow(86_400));

        // Trackers
        row("TypeOf", "new TypeOf()", IllegalArgumentException.class,
                "TypeOf types must name at least one exception type, got none", TypeOf::new);
        row("TypeOf", "new TypeOf((Class<? extends Throwable>[]) null)", NullPointerException.class, "types",
                () -> new TypeOf((Class<? extends Throwable>[]) null));
        row("TypeOf", "new TypeOf(IOException.class, null)", NullPointerException.class, "types[1]",
                () -> new TypeOf(IOException.class, null));
        row("Custom", "new Custom(null)", NullPointerException.class, "predicate",
                () -> new Custom(null));
        row("Custom", "new Custom(null, e -> true)", NullPointerException.class, "name",
                () -> new Custom(null, e -> true));
        row("Custom", "new Custom(\" \", e -> true)", IllegalArgumentException.class,
                "Custom name must not be blank, got ' '", () -> new Custom(" ", e -> true));
        row("Tracker.and / Tracker.or", "new All().and(null)", NullPointerException.class, "other",
                () -> new All().and(null));

        // Trippers
        row("MinRequests", "new MinRequests(0)", IllegalArgumentException.class,
                "MinRequests count must be >= 1, got 0",
                () -> new MinRequests(0));
        row("FailureRate", "new FailureRate(0)", IllegalArgumentException.class,
                "FailureRate ratio must be in (0, 1], got 0.0", () -> new FailureRate(0));
        row("FailureRate", "new FailureRate(1.5)", IllegalArgumentException.class,
                "FailureRate ratio must be in (0, 1], got 1.5", () -> new FailureRate(1.5));
        row("FailureRate", "new FailureRate(Double.NaN)", IllegalArgumentException.class,
                "FailureRate ratio must be in (0, 1], got NaN", () -> new FailureRate(Double.NaN));
        row("SlowRate", "new SlowRate(0)", IllegalArgumentException.class, "SlowRate ratio must be in (0, 1], got 0.0",
                () -> new SlowRate(0));
        row("AvgLatency", "new AvgLatency(Duration.ZERO)", IllegalArgumentException.class,
                "AvgLatency threshold must be > 0, got 0s", () -> new AvgLatency(Duration.ZERO));
        row("AvgLatency", "new AvgLatency(null)", NullPointerException.class, "threshold", () -> new AvgLatency(null));
        row("FailureStreak", "new FailureStreak(0)", IllegalArgumentException.class,
                "FailureStreak count must be >= 1, got 0", () -> new FailureStreak(0));
        row("Tripper.and / Tripper.or", "new MinRequests(1).or(null)", NullPointerException.class, "other",
                () -> new MinRequests(1).or(null));

        // Retries
        row("Cooldown", "new Cooldown(Duration.ZERO)", IllegalArgumentException.class,
                "Cooldown duration must be > 0, got 0s", () -> new Cooldown(Duration.ZERO));
        row("Cooldown", "new Cooldown(null)", NullPointerException.class, "duration", () -> new Cooldown(null));
        row("Cooldown", "new Cooldown(Duration.ofSeconds(60), 1.0)", IllegalArgumentException.class,
                "Cooldown jitterRatio must be in [0, 1), got 1.0", () -> new Cooldown(Duration.ofSeconds(60), 1.0));
        row("Cooldown", "new Cooldown(Duration.ofSeconds(60), 0.1, null)", NullPointerException.class, "random",
                () -> new Cooldown(Duration.ofSeconds(60), 0.1, null));
        row("Backoff", "new Backoff(Duration.ofMillis(-1))", IllegalArgumentException.class,
                "Backoff initial must be > 0, got PT-0.001S", () -> new Backoff(Duration.ofMillis(-1)));
        row("Backoff", "new Backoff(null)", NullPointerException.class, "initial", () -> new Backoff(null));
        row("Backoff", "new Backoff(Duration.ofSeconds(1), 1.0, Duration.ofSeconds(300), 0)",
                IllegalArgumentException.class, "Backoff multiplier must be finite and > 1, got 1.0",
                () -> new Backoff(Duration.ofSeconds(1), 1.0, Duration.ofSeconds(300), 0));
        row("Backoff", "new Backoff(Duration.ofSeconds(1), Double.POSITIVE_INFINITY, Duration.ofSeconds(300), 0)",
                IllegalArgumentException.class, "Backoff multiplier must be finite and > 1, got Infinity",
                () -> new Backoff(Duration.ofSeconds(1), Double.POSITIVE_INFINITY, Duration.ofSeconds(300), 0));
        row("Backoff", "new Backoff(Duration.ofSeconds(10), 2.0, Duration.ofSeconds(5), 0)",
                IllegalArgumentException.class, "Backoff maxDuration must be >= initial (10s), got 5s",
                () -> new Backoff(Duration.ofSeconds(10), 2.0, Duration.ofSeconds(5), 0));
        row("Backoff", "new Backoff(Duration.ofSeconds(1), 2.0, null, 0)", NullPointerException.class, "maxDuration",
                () -> new Backoff(Duration.ofSeconds(1), 2.0, null, 0));
        row("Backoff", "new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(300), -0.1)",
                IllegalArgumentException.class, "Backoff jitterRatio must be in [0, 1), got -0.1",
                () -> new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(300), -0.1));

        // Permits
        row("Random", "new Random(1.5)", IllegalArgumentException.class, "Random ratio must be in [0, 1], got 1.5",
                () -> new Random(1.5));
        row("Random", "new Random(0.5, null)", NullPointerException.class, "random", () -> new Random(0.5, null));
        row("RampUp", "new RampUp(0, 1, Duration.ofSeconds(60))", IllegalArgumentException.class,
                "RampUp initial must be in (0, 1], got 0.0", () -> new RampUp(0, 1, Duration.ofSeconds(60)));
        row("RampUp", "new RampUp(0.5, 0.4, Duration.ofSeconds(60))", IllegalArgumentException.class,
                "RampUp finalRatio must be in [initial (0.5), 1], got 0.4",
                () -> new RampUp(0.5, 0.4, Duration.ofSeconds(60)));
        row("RampUp", "new RampUp(0.1, 1, Duration.ZERO)", IllegalArgumentException.class,
                "RampUp duration must be > 0, got 0s", () -> new RampUp(0.1, 1, Duration.ZERO));
        row("RampUp", "new RampUp(0.1, 1, null)", NullPointerException.class, "duration",
                () -> new RampUp(0.1, 1, null));

        // Listeners
        row("LogListener", "new LogListener(null)", NullPointerException.class, "logger",
                () -> new LogListener(null));
        row("LogListener.withLevel", "withLevel(State.OPEN, Level.ALL)", IllegalArgumentException.class,
                "LogListener level for OPEN must be one of TRACE, DEBUG, INFO, WARNING, ERROR or OFF, got ALL",
                () -> new LogListener().withLevel(State.OPEN, Level.ALL));
        row("LogListener.withLevel", "withLevel(null, Level.INFO)", NullPointerException.class, "state",
                () -> new LogListener().withLevel(null, Level.INFO));

        // Registry
        row("CircuitBreakerRegistry.register", "register(another breaker named payment_api)",
                IllegalArgumentException.class, "A circuit breaker named 'payment_api' is already registered", () -> {
                    CircuitBreakerRegistry registry = new CircuitBreakerRegistry();
                    registry.register(breaker());
                    registry.register(breaker());
                });
        row("CircuitBreakerRegistry.reconfigure", "reconfigure(\"payment_api\", b -> b) on a registry without it",
                java.util.NoSuchElementException.class,
                "No circuit breaker named 'payment_api' to reconfigure; registered: []",
                () -> new CircuitBreakerRegistry().reconfigure(NAME, b -> b));
        row("CircuitBreakerRegistry.getOrCreate", "getOrCreate(\"payment_api\", () -> null)",
                NullPointerException.class, "factory returned null",
                () -> new CircuitBreakerRegistry().getOrCreate(NAME, () -> null));
        row("CircuitBreakerRegistry.getOrCreate",
                "getOrCreate(\"payment_api\", () -> CircuitBreaker.ofDefaults(\"other\"))",
                IllegalArgumentException.class, "Circuit breaker 'other' cannot be registered as 'payment_api'",
                () -> new CircuitBreakerRegistry().getOrCreate(NAME, () -> CircuitBreaker.ofDefaults("other")));

        // Reconfiguration
        row("CircuitBreaker.reconfigure", "reconfigure(null)", NullPointerException.class, "change",
                () -> breaker().reconfigure(null));
        row("CircuitBreaker.reconfigure", "reconfigure(b -> null)", IllegalArgumentException.class,
                "Circuit breaker 'payment_api': the reconfiguration returned no builder",
                () -> breaker().reconfigure(b -> null));
        row("CircuitBreaker.reconfigure", "reconfigure(b -> CircuitBreaker.builder(\"other\"))",
                IllegalArgumentException.class, "Circuit breaker 'payment_api': a reconfiguration cannot rename it"
                        + " (got 'other'); build a new breaker for another name",
                () -> breaker().reconfigure(b -> CircuitBreaker.builder("other")));
        row("CircuitBreaker.reconfigure", "reconfigure(b -> b.ticker(another ticker))",
                IllegalArgumentException.class, "Circuit breaker 'payment_api': a reconfiguration cannot change the"
                        + " ticker or clock of a running breaker; its waits and windows are measured with them",
                () -> breaker().reconfigure(b -> b.ticker(() -> 42)));
        row("CircuitBreaker.reconfigure",
                "reconfigure(b -> b.measureDurations(false).slowThreshold(Duration.ofSeconds(2)))",
                IllegalArgumentException.class, "Circuit breaker 'payment_api': slowThreshold 2s needs measured"
                        + " durations; remove it or keep measureDurations(true)",
                () -> breaker().reconfigure(b -> b.measureDurations(false).slowThreshold(Duration.ofSeconds(2))));

        // Keyed breakers
        row("KeyedCircuitBreaker.builder", "builder(null)", NullPointerException.class, "template",
                () -> KeyedCircuitBreaker.builder(null));
        row("KeyedCircuitBreaker.Builder.maxKeys", "maxKeys(0)", IllegalArgumentException.class,
                "Keyed circuit breaker 'payment_api': maxKeys must be >= 1, got 0",
                () -> KeyedCircuitBreaker.builder(builder()).maxKeys(0));
        row("KeyedCircuitBreaker.Builder.idleEviction", "idleEviction(null)", NullPointerException.class,
                "Keyed circuit breaker 'payment_api': idleEviction must be a duration >= 0, got null",
                () -> KeyedCircuitBreaker.builder(builder()).idleEviction(null));
        row("KeyedCircuitBreaker.Builder.idleEviction", "idleEviction(Duration.ofSeconds(-1))",
                IllegalArgumentException.class,
                "Keyed circuit breaker 'payment_api': idleEviction must be >= 0, got PT-1S",
                () -> KeyedCircuitBreaker.builder(builder()).idleEviction(Duration.ofSeconds(-1)));
        row("KeyedCircuitBreaker.Builder.build (checks the template as `CircuitBreaker.Builder.build` does)",
                "builder(CircuitBreaker.builder(\"payment_api\").measureDurations(false)"
                        + ".slowThreshold(Duration.ofSeconds(2))).build()",
                IllegalArgumentException.class, "Circuit breaker 'payment_api': slowThreshold 2s needs measured "
                        + "durations; remove it or keep measureDurations(true)",
                () -> KeyedCircuitBreaker.builder(builder().measureDurations(false)
                        .slowThreshold(Duration.ofSeconds(2))).build());
        row("KeyedCircuitBreaker.forKey", "forKey(null)", NullPointerException.class,
                "Keyed circuit breaker 'payment_api': key must not be null",
                () -> KeyedCircuitBreaker.builder(builder()).build().forKey(null));
        row("KeyedCircuitBreaker.get", "get(null)", NullPointerException.class,
                "Keyed circuit breaker 'payment_api': key must not be null",
                () -> KeyedCircuitBreaker.builder(builder()).build().get(null));
        row("KeyedCircuitBreaker.addKeyListener", "addKeyListener(null)", NullPointerException.class, "listener",
                () -> KeyedCircuitBreaker.builder(builder()).build().addKeyListener(null));
        row("KeyedCircuitBreaker.reconfigure", "reconfigure(null)", NullPointerException.class, "change",
                () -> KeyedCircuitBreaker.builder(builder()).build().reconfigure(null));
        row("KeyedCircuitBreaker.reconfigure", "reconfigure(t -> null)", IllegalArgumentException.class,
                "Keyed circuit breaker 'payment_api': the reconfiguration returned no builder",
                () -> KeyedCircuitBreaker.builder(builder()).build().reconfigure(t -> null));
        row("KeyedCircuitBreaker.reconfigure", "reconfigure(t -> CircuitBreaker.builder(\"other\"))",
                IllegalArgumentException.class, "Keyed circuit breaker 'payment_api': a reconfiguration cannot rename"
                        + " it (got 'other'); build a new family for another name",
                () -> KeyedCircuitBreaker.builder(builder()).build().reconfigure(t -> CircuitBreaker.builder("other")));
        row("KeyedCircuitBreaker.reconfigure", "reconfigure(t -> t.ticker(another ticker))",
                IllegalArgumentException.class, "Keyed circuit breaker 'payment_api': a reconfiguration cannot change"
                        + " the ticker or clock of a running family; its waits and windows are measured with them",
                () -> KeyedCircuitBreaker.builder(builder()).build().reconfigure(t -> t.ticker(() -> 42)));

        // Value types users build in tests of their own trippers
        row("Metric", "new Metric(-1, 0, 0, Duration.ZERO)", IllegalArgumentException.class,
                "Metric counts must be >= 0, got total=-1, failures=0, slow=0",
                () -> new Metric(-1, 0, 0, Duration.ZERO));
        row("Metric", "new Metric(1, 2, 0, Duration.ZERO)", IllegalArgumentException.class,
                "Metric failure and slow counts must be <= totalCount 1, got failures=2, slow=0",
                () -> new Metric(1, 2, 0, Duration.ZERO));
        row("Metric", "new Metric(1, 0, 0, Duration.ofNanos(-1))", IllegalArgumentException.class,
                "Metric totalDuration must be >= 0, got PT-0.000000001S",
                () -> new Metric(1, 0, 0, Duration.ofNanos(-1)));
    }

    private static Object join(CompletableFuture<?> future) throws Throwable {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause();
        }
    }

    private static CircuitBreaker inState(State state) {
        java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
        CircuitBreaker cb = builder().tripper(new FailureStreak(1)).retry(new Cooldown(Duration.ofSeconds(1)))
                .permit(new io.fluxgate.permits.All()).maxHalfOpenCalls(1).ticker(nanos::get).build();
        switch (state) {
            case OPEN -> Fixture.fail(cb);
            case HALF_OPEN -> {
                Fixture.fail(cb);
                nanos.addAndGet(Duration.ofSeconds(1).toNanos());
                cb.acquirePermission();
            }
            case FORCED_OPEN -> cb.forceOpen();
            default -> throw new AssertionError(state);
        }
        assertThat(cb.state()).isEqualTo(state);
        return cb;
    }

    @TestFactory
    Stream<DynamicTest> everyRowIsWhatTheUserGets() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.row().input() + ": " + c.row().example(), () -> {
            Throwable thrown = catchThrowable(c.call());
            assertThat(thrown).as(c.row().example()).isExactlyInstanceOf(c.type()).hasMessage(c.row().message());
        }));
    }

    @Test
    void theDocumentListsExactlyTheseRows() throws IOException {
        Set<String> documented = documentedRows();
        Set<String> tested = CASES.stream().map(c -> c.row().markdown())
                .collect(Collectors.toCollection(LinkedHashSet::new));

        Set<String> undocumented = new LinkedHashSet<>(tested);
        undocumented.removeAll(documented);
        Set<String> untested = new LinkedHashSet<>(documented);
        untested.removeAll(tested);

        assertThat(undocumented).as("rows to add to docs/bad-input.md (or fix there)").isEmpty();
        assertThat(untested).as("rows of docs/bad-input.md with no case in this test").isEmpty();
        assertThat(tested).as("no duplicate cases").hasSize(CASES.size());
    }

    /** The table rows between the core markers, cells trimmed, so spacing in the document does not matter. */
    private static Set<String> documentedRows() throws IOException {
        String text = Files.readString(document());
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertThat(begin).as("docs/bad-input.md has the %s marker", BEGIN).isNotNegative();
        assertThat(end).as("docs/bad-input.md has the %s marker after the first", END).isGreaterThan(begin);
        Set<String> rows = new LinkedHashSet<>();
        for (String line : text.substring(begin, end).split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("|") || trimmed.startsWith("|---") || trimmed.startsWith("| Input ")) {
                continue;
            }
            String[] cells = trimmed.substring(1, trimmed.length() - 1).split("\\|");
            assertThat(cells).as("a four-column row: %s", trimmed).hasSize(4);
            rows.add(Arrays.stream(cells).map(String::strip).collect(Collectors.joining(" | ", "| ", " |")));
        }
        return rows;
    }

    private static Path document() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs").resolve("bad-input.md");
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new UncheckedIOException(
                new IOException("docs/bad-input.md not found above " + Path.of("").toAbsolutePath()));
    }
}
