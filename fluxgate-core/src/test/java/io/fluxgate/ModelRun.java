package io.fluxgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.fluxgate.BreakerModel.Ticket;
import io.fluxgate.ModelConfig.Fault;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Drives one real breaker and one {@link BreakerModel} through the same actions and checks after every step
 * that they agree. Calls run either at once ({@code call}, {@code callAsync} with a finished stage) or are
 * started and finished later, interleaved with everything else, through the low-level protocol or
 * {@code callAsync} with a stage the run completes or cancels.
 */
final class ModelRun {

    static final int DURATION_CHOICES = 6;

    enum Outcome {
        OK, IO, ILLEGAL_STATE, ERROR;

        Fault fault() {
            return switch (this) {
                case OK -> null;
                case IO -> Fault.IO;
                case ILLEGAL_STATE -> Fault.ILLEGAL_STATE;
                case ERROR -> Fault.ERROR;
            };
        }
    }

    enum Ending {
        /** Report the outcome (low-level) or complete the source stage (async). */
        COMPLETE,
        /** Release the permission (low-level) or cancel the returned future (async). */
        CANCEL,
        /** Release the permission (low-level) or cancel the source stage (async). */
        CANCEL_SOURCE
    }

    /** The ways to run a call at once; all must behave like {@code call} (fallbacks aside). */
    enum Variant {
        CALL, GET, RUN, CALL_WITH_FALLBACK, DECORATE_SUPPLIER, DECORATE_CALLABLE, DECORATE_RUNNABLE,
        DECORATE_FUNCTION, ASYNC, ASYNC_WITH_FALLBACK;

        boolean async() {
            return this == ASYNC || this == ASYNC_WITH_FALLBACK;
        }

        boolean fallback() {
            return this == CALL_WITH_FALLBACK || this == ASYNC_WITH_FALLBACK;
        }
    }

    sealed interface Action {
        /** A call that starts and ends in this step, taking {@code durationChoice} of ticker time. */
        record Call(Outcome outcome, int durationChoice, Variant variant) implements Action {
        }

        /** Acquires {@code count} permissions, one after the other, and keeps those calls running. */
        record Start(boolean async, int count) implements Action {
        }

        /** Lets {@code durationChoice} pass, then ends the running call number {@code pick} (mod their count). */
        record Finish(int pick, Outcome outcome, Ending ending, int durationChoice) implements Action {
        }

        record Advance(long nanos) implements Action {
        }

        /** When OPEN, moves time to one nanosecond before, exactly at, or after the end of the wait. */
        record AdvanceToWait(int delta) implements Action {
        }

        record Manual(State target) implements Action {
        }

        /**
         * Moves time to {@code delta} nanoseconds (0 or -1) after the start of the {@code seconds}-th second
         * boundary ahead, so calls land on both sides of bucket boundaries.
         */
        record AdvanceToBoundary(int seconds, int delta) implements Action {
        }
    }

    /** A started call: its model ticket and either a permission or an async pair of futures. */
    private record Running(Ticket ticket, long start, long permission, CompletableFuture<String> source,
            CompletableFuture<String> returned) {
    }

    private final ModelConfig config;
    private final BreakerModel model;
    private final AtomicLong ticker;
    /** How often the breaker read its ticker. */
    private long tickerReads;
    private final AtomicLong wall = new AtomicLong();
    private final RecordingListener listener = new RecordingListener();
    private final List<String> listenerSawStaleState = new ArrayList<>();
    private final CircuitBreaker cb;
    private final List<Running> running = new ArrayList<>();
    private int step;
    private int checkedSignals;

    ModelRun(ModelConfig config) {
        this.config = config;
        this.model = new BreakerModel(config);
        this.ticker = new AtomicLong(config.startNanos());
        CircuitBreaker[] self = new CircuitBreaker[1];
        this.cb = config.builder(() -> {
            tickerReads++;
            return ticker.get();
        }, new WallClock(wall))
                .listener(listener)
                .listener(signal -> {
                    if (self[0].state() != signal.newState()) {
                        listenerSawStaleState.add(signal + " but state() was " + self[0].state());
                    }
                })
                .build();
        self[0] = cb;
    }

    void run(List<Action> actions) {
        assertAgree("initially");
        for (Action action : actions) {
            step++;
            apply(action);
            assertAgree(action.toString());
        }
        for (Running call : List.copyOf(running)) {
            finish(call, Outcome.OK, Ending.CANCEL);
        }
        assertAgree("after releasing every running call");
        assertThat(model.probes).isZero();
    }

    /** What the run went through: transitions like {@code HALF_OPEN->CLOSED}, "probe limit", "stale outcome". */
    java.util.Set<String> events() {
        return model.events;
    }

    private void apply(Action action) {
        if (action instanceof Action.Call call) {
            callNow(call);
        } else if (action instanceof Action.Start start) {
            for (int i = 0; i < start.count(); i++) {
                start(start.async());
            }
        } else if (action instanceof Action.Finish finish) {
            if (!running.isEmpty()) {
                advance(duration(finish.durationChoice()));
                finish(running.get(finish.pick() % running.size()), finish.outcome(), finish.ending());
            }
        } else if (action instanceof Action.Advance advance) {
            advance(advance.nanos());
        } else if (action instanceof Action.AdvanceToWait toWait) {
            long remaining = model.remainingWait();
            if (remaining >= 0) {
                advance(Math.max(0, remaining + toWait.delta()));
            }
        } else if (action instanceof Action.Manual manual) {
            manual(manual.target());
        } else if (action instanceof Action.AdvanceToBoundary boundary) {
            long second = ModelConfig.NANOS_PER_SECOND;
            long next = Math.floorDiv(ticker.get(), second) + 1 + boundary.seconds();
            advance(Math.max(0, next * second + boundary.delta() - ticker.get()));
        }
    }

    private long duration(int choice) {
        long threshold = config.slowThresholdNanos() > 0 ? config.slowThresholdNanos() : 100_000_000L;
        return switch (choice) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> threshold - 1;
            case 3 -> threshold;
            case 4 -> threshold + 1;
            default -> 3 * threshold;
        };
    }

    private void advance(long nanos) {
        ticker.addAndGet(nanos);
        wall.addAndGet(nanos);
        model.advance(nanos);
    }

    private static final String FALLBACK = "fallback";

    private void callNow(Action.Call call) {
        long duration = duration(call.durationChoice());
        Fault fault = call.outcome().fault();
        Throwable thrown = fault == null ? null : fault.newThrowable();
        State before = model.state;
        int signalsBefore = model.signals.size();
        Ticket ticket = model.acquire();
        boolean[] ran = new boolean[1];
        List<Exception> fallbackGot = new ArrayList<>();
        Callable<String> body = () -> {
            ran[0] = true;
            ticker.addAndGet(duration);
            wall.addAndGet(duration);
            throwIfAny(thrown);
            return "ok";
        };
        long readsBefore = tickerReads;
        Object[] result = new Object[1];
        Throwable seen = catchThrowable(() -> result[0] = invoke(call.variant(), body, fallbackGot));
        long reads = tickerReads - readsBefore;
        assertThat(ran[0]).as("step %d: the call ran", step).isEqualTo(ticket.permitted());
        if (!ticket.permitted()) {
            if (call.variant().fallback()) {
                assertThat(seen).as("step %d: a rejection goes to the fallback", step).isNull();
                assertThat(result[0]).isEqualTo(FALLBACK);
                assertThat(fallbackGot).hasSize(1);
                assertRejected(fallbackGot.get(0), ticket.rejectedIn());
                model.events.add("fallback got a rejection");
            } else {
                assertRejected(seen, ticket.rejectedIn());
            }
            return;
        }
        if (call.variant().fallback() && thrown instanceof Exception) {
            assertThat(seen).as("step %d: an exception goes to the fallback", step).isNull();
            assertThat(result[0]).isEqualTo(FALLBACK);
            assertThat(fallbackGot).as("step %d: the fallback gets the call's own exception", step)
                    .containsExactly((Exception) thrown);
            model.events.add("fallback got the call's exception");
        } else {
            assertThat(seen).as("step %d: the caller sees its own outcome", step).isSameAs(thrown);
            assertThat(fallbackGot).as("step %d: the fallback gets no Error and no success", step).isEmpty();
            if (thrown == null) {
                assertThat(result[0]).isEqualTo(call.variant() == Variant.RUN
                        || call.variant() == Variant.DECORATE_RUNNABLE ? null : "ok");
            }
        }
        model.advance(duration);
        if (fault == null) {
            model.success(ticket, duration);
        } else {
            model.error(ticket, fault, duration);
        }
        if (!config.measureDurations() && !config.timeWindow() && before == State.CLOSED
                && model.signals.size() == signalsBefore) {
            assertThat(reads).as("step %d: an untimed CountWindow breaker reads no clock in CLOSED", step).isZero();
        }
    }

    /** Runs {@code body} through the breaker the way {@code variant} says; returns what the caller got. */
    private Object invoke(Variant variant, Callable<String> body, List<Exception> fallbackGot) throws Exception {
        Supplier<String> supplier = () -> sneaky(body);
        Runnable runnable = () -> sneaky(body);
        Function<Exception, String> fallback = e -> {
            fallbackGot.add(e);
            return FALLBACK;
        };
        return switch (variant) {
            case CALL -> cb.call(body);
            case GET -> cb.get(supplier);
            case RUN -> {
                cb.run(runnable);
                yield null;
            }
            case CALL_WITH_FALLBACK -> cb.callWithFallback(body, fallback);
            case DECORATE_SUPPLIER -> cb.decorateSupplier(supplier).get();
            case DECORATE_CALLABLE -> cb.decorateCallable(body).call();
            case DECORATE_RUNNABLE -> {
                cb.decorateRunnable(runnable).run();
                yield null;
            }
            case DECORATE_FUNCTION -> cb.<String, String>decorateFunction(argument -> sneaky(body)).apply("x");
            case ASYNC, ASYNC_WITH_FALLBACK -> {
                Supplier<CompletableFuture<String>> stage = () -> {
                    try {
                        return CompletableFuture.completedFuture(body.call());
                    } catch (Throwable e) {
                        return CompletableFuture.failedFuture(e);
                    }
                };
                CompletableFuture<String> returned = variant == Variant.ASYNC ? cb.callAsync(stage)
                        : cb.callAsyncWithFallback(stage, fallback);
                assertThat(returned).as("step %d: callAsync with a finished stage", step).isDone();
                try {
                    yield returned.join();
                } catch (CompletionException e) {
                    throwIfAny(e.getCause());
                    throw e;
                }
            }
        };
    }

    /** Calls {@code body}, throwing whatever it throws, checked exceptions included (as Kotlin code may). */
    private static String sneaky(Callable<String> body) {
        try {
            return body.call();
        } catch (Throwable e) {
            throw ModelRun.<RuntimeException>sneakyThrow(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneakyThrow(Throwable e) throws E {
        throw (E) e;
    }

    private void start(boolean async) {
        Ticket ticket = model.acquire();
        long start = ticker.get();
        if (async) {
            CompletableFuture<String> source = new CompletableFuture<>();
            boolean[] ran = new boolean[1];
            CompletableFuture<String> returned = cb.callAsync(() -> {
                ran[0] = true;
                return source;
            });
            assertThat(ran[0]).as("step %d: the async supplier ran", step).isEqualTo(ticket.permitted());
            if (ticket.permitted()) {
                assertThat(returned).isNotDone();
                running.add(new Running(ticket, start, -1, source, returned));
            } else {
                assertThat(returned).isCompletedExceptionally();
                assertRejected(catchThrowable(returned::join).getCause(), ticket.rejectedIn());
            }
            return;
        }
        long permission;
        try {
            permission = cb.acquirePermission();
        } catch (CallNotPermittedException e) {
            assertThat(ticket.permitted()).as("step %d: rejected, model permits", step).isFalse();
            assertRejected(e, ticket.rejectedIn());
            return;
        }
        assertThat(ticket.permitted()).as("step %d: permitted, model rejects in %s", step, ticket.rejectedIn())
                .isTrue();
        assertThat(permission).isNotNegative();
        running.add(new Running(ticket, start, permission, null, null));
    }

    private void finish(Running call, Outcome outcome, Ending ending) {
        running.remove(call);
        long duration = ticker.get() - call.start();
        Fault fault = outcome.fault();
        if (call.returned() == null) {
            if (ending != Ending.COMPLETE) {
                cb.releasePermission(call.permission());
                model.release(call.ticket());
            } else if (fault == null) {
                cb.endCall(call.permission(), null, call.start());
                model.success(call.ticket(), duration);
            } else {
                boolean tracked = cb.endCall(call.permission(), fault.newThrowable(), call.start());
                assertThat(tracked).as("step %d: endCall tracked", step)
                        .isEqualTo(model.error(call.ticket(), fault, duration));
            }
            return;
        }
        switch (ending) {
            case CANCEL -> {
                assertThat(call.returned().cancel(false)).isTrue();
                model.release(call.ticket());
            }
            case CANCEL_SOURCE -> {
                call.source().cancel(false);
                assertThat(catchThrowable(call.returned()::join)).isInstanceOf(CancellationException.class);
                model.release(call.ticket());
            }
            case COMPLETE -> {
                if (fault == null) {
                    call.source().complete("ok");
                    assertThat(call.returned()).isCompletedWithValue("ok");
                    model.success(call.ticket(), duration);
                } else {
                    Throwable thrown = fault.newThrowable();
                    call.source().completeExceptionally(thrown);
                    assertThat(catchThrowable(call.returned()::join)).hasCause(thrown);
                    assertThat(catchThrowable(call.returned()::join).getCause()).isSameAs(thrown);
                    model.error(call.ticket(), fault, duration);
                }
            }
        }
    }

    private void manual(State target) {
        switch (target) {
            case CLOSED -> cb.reset();
            case FORCED_OPEN -> cb.forceOpen();
            case DISABLED -> cb.disable();
            case METRICS_ONLY -> cb.metricsOnly();
            default -> throw new AssertionError(target);
        }
        model.manual(target, switch (target) {
            case CLOSED -> "reset()";
            case FORCED_OPEN -> "forceOpen()";
            case DISABLED -> "disable()";
            default -> "metricsOnly()";
        });
    }

    private void assertRejected(Throwable seen, State state) {
        assertThat(seen).as("step %d: rejection", step).isInstanceOf(CallNotPermittedException.class);
        assertThat(((CallNotPermittedException) seen).state()).as("step %d: rejecting state", step).isEqualTo(state);
    }

    /** Everything the run compares after each step; records so that one {@code equals} checks it all. */
    private record Snapshot(State state, State infoState, Metric window, int reopens, Instant changedAt,
            int probeSlots, List<Long> statistics, List<String> signals) {
    }

    private Snapshot actual() {
        CircuitBreakerInfo info = cb.info();
        List<Long> statistics = new ArrayList<>();
        for (CallOutcome outcome : CallOutcome.values()) {
            statistics.add(cb.statistics().count(outcome, false));
            statistics.add(cb.statistics().count(outcome, true));
        }
        List<String> signals = new ArrayList<>();
        for (int i = checkedSignals; i < listener.signals.size(); i++) {
            Signal signal = listener.signals.get(i);
            boolean manual = i < model.signals.size() && model.signals.get(i).reason() != null;
            signals.add(signal.oldState() + "->" + signal.newState() + " at " + signal.timestamp() + " because "
                    + (manual || signal.reason().isBlank() ? signal.reason() : "(automatic)"));
        }
        return new Snapshot(cb.state(), info.state(), info.metric(), info.reopens(), info.changedAt(),
                cb.machine().halfOpenCalls(), statistics, signals);
    }

    private Snapshot expected() {
        List<Long> statistics = new ArrayList<>();
        for (long count : model.statistics) {
            statistics.add(count);
        }
        List<String> signals = new ArrayList<>();
        for (int i = checkedSignals; i < model.signals.size(); i++) {
            BreakerModel.Sig signal = model.signals.get(i);
            signals.add(signal.from() + "->" + signal.to() + " at " + Instant.EPOCH.plusNanos(signal.wallNanos())
                    + " because " + (signal.reason() == null ? "(automatic)" : signal.reason()));
        }
        return new Snapshot(model.state, model.state, model.metric(), model.reopens,
                Instant.EPOCH.plusNanos(model.changedAtWall), model.probes, statistics, signals);
    }

    /**
     * Compares implementation and model: state, window, reopens, changedAt, probe slots held, cumulative
     * statistics, and the signals (old and new state, timestamp, reason) emitted since the last step.
     */
    private void assertAgree(String after) {
        Snapshot actual = actual();
        Snapshot expected = expected();
        if (!actual.equals(expected)) {
            assertThat(actual).as("step %d (%s)", step, after).isEqualTo(expected);
        }
        checkedSignals = model.signals.size();
        if (!listenerSawStaleState.isEmpty()) {
            assertThat(listenerSawStaleState).as("step %d (%s): listeners run after the state changed", step, after)
                    .isEmpty();
        }
    }

    private static void throwIfAny(Throwable thrown) throws Exception {
        if (thrown instanceof Exception e) {
            throw e;
        }
        if (thrown instanceof Error e) {
            throw e;
        }
    }

    /** Wall time that moves with the ticker, so {@code changedAt} and signal timestamps can be checked. */
    private static final class WallClock extends Clock {

        private final AtomicLong nanos;

        WallClock(AtomicLong nanos) {
            this.nanos = nanos;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return Instant.EPOCH.plusNanos(nanos.get());
        }
    }
}
