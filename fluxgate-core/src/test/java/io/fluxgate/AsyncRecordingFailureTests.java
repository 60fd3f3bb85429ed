package io.fluxgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.permits.All;
import io.fluxgate.trippers.FailureStreak;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.LogRecord;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 20 item 6: whatever throws while an async call's outcome is recorded — the ticker read to end the call,
 * the clock or the window of the transition the outcome triggers, a {@link LinkageError} or any other
 * {@link Throwable} — the returned future completes with the call's own result (the failure is logged) and the
 * permission is released once. Each breaker here is HALF_OPEN with one probe slot, so a leaked or doubly
 * released slot shows.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class AsyncRecordingFailureTests {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    /** What the armed ticker throws; {@code null} while it works. */
    private final AtomicReference<Throwable> tickerFailure = new AtomicReference<>();
    /** What the armed clock or window throws; {@code null} while they work. */
    private final AtomicReference<Throwable> armed = new AtomicReference<>();
    private final RecordingListener listener = new RecordingListener();

    static Stream<Throwable> failures() {
        return Stream.of(new IllegalStateException("broken"), new NoClassDefFoundError("io/fluxgate/Missing"),
                new AssertionError("broken"));
    }

    private long read() {
        throwIf(tickerFailure);
        return nanos.get();
    }

    private void throwIfArmed() {
        throwIf(armed);
    }

    private static void throwIf(AtomicReference<Throwable> armed) {
        Throwable failure = armed.get();
        if (failure != null) {
            throw FaultHarness.sneakyThrow(failure);
        }
    }

    private CircuitBreaker halfOpen(CircuitBreaker.Builder builder) {
        CircuitBreaker cb = builder.tripper(new FailureStreak(1)).permit(new All()).maxHalfOpenCalls(1)
                .listener(listener).build();
        Fixture.fail(cb);
        nanos.addAndGet(Duration.ofSeconds(60).toNanos());
        return cb;
    }

    private CircuitBreaker.Builder builder() {
        return CircuitBreaker.builder("payment_api").ticker(this::read)
                .clock(Clock.fixed(Fixture.NOW, ZoneOffset.UTC));
    }

    /** The ended probe's slot is free again, exactly once: one probe is admitted, a second is not. */
    private static void assertOneSlotFree(CircuitBreaker cb) {
        assertThat(cb.machine().halfOpenCalls()).isZero();
        long probe = cb.acquirePermission();
        assertThat(cb.tryAcquirePermission()).as("the cap still holds").isNegative();
        cb.releasePermission(probe);
    }

    private static void assertLoggedOnce(List<LogRecord> logs, Throwable failure) {
        assertThat(logs).singleElement().satisfies(record -> {
            assertThat(record.getLevel().getName()).isEqualTo(Level.WARNING.getName());
            assertThat(record.getMessage()).contains("'payment_api' could not record the outcome of an async call");
            assertThat(record.getThrown()).isSameAs(failure);
        });
    }

    @ParameterizedTest
    @MethodSource("failures")
    void aTickerThatThrowsAsTheCallEndsLeavesTheCallsOwnResult(Throwable failure) {
        CircuitBreaker cb = halfOpen(builder());
        CompletableFuture<String> stage = new CompletableFuture<>();
        CompletableFuture<String> probe = cb.callAsync(() -> stage);
        tickerFailure.set(failure);

        List<LogRecord> logs = CapturedLogs.during(() -> stage.complete("ok"));
        tickerFailure.set(null);

        assertThat(probe).isCompletedWithValue("ok");
        assertLoggedOnce(logs, failure);
        assertThat(cb.state()).as("nothing was recorded").isEqualTo(State.HALF_OPEN);
        assertOneSlotFree(cb);
    }

    @ParameterizedTest
    @MethodSource("failures")
    void aClockThatThrowsInTheTransitionTheOutcomeTriggersLeavesTheCallsOwnResult(Throwable failure) {
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                throwIfArmed();
                return Fixture.NOW;
            }
        };
        CircuitBreaker cb = halfOpen(builder().clock(clock));
        CompletableFuture<String> stage = new CompletableFuture<>();
        CompletableFuture<String> probe = cb.callAsyncWithFallback(() -> stage, e -> "fallback");
        armed.set(failure);

        List<LogRecord> logs = CapturedLogs.during(() -> stage.completeExceptionally(new IOException("down")));
        armed.set(null);

        assertThat(probe).as("the call failed, so its fallback answers").isCompletedWithValue("fallback");
        assertLoggedOnce(logs, failure);
        assertThat(cb.state()).as("the transition to OPEN did not happen").isEqualTo(State.HALF_OPEN);
        assertThat(listener.transitions()).containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN");
        assertOneSlotFree(cb);
    }

    @Test
    void aCallerTimeoutWhoseRecordingThrowsStillFailsTheFutureWithTheTimeout() {
        CircuitBreaker cb = halfOpen(builder());
        CompletableFuture<String> probe = cb.callAsync(CompletableFuture::new);
        IllegalStateException failure = new IllegalStateException("broken");
        tickerFailure.set(failure);

        TimeoutException timeout = new TimeoutException();
        List<LogRecord> logs = CapturedLogs.during(() -> assertThat(probe.completeExceptionally(timeout)).isTrue());
        tickerFailure.set(null);

        assertThatThrownBy(probe::join).hasCause(timeout);
        assertLoggedOnce(logs, failure);
        assertOneSlotFree(cb);
    }
}
