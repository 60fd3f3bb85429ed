package io.fluxgate.spring;

import io.fluxgate.CallNotPermittedException;
import io.fluxgate.CircuitBreaker;
import io.fluxgate.Ticker;
import io.fluxgate.permits.All;
import io.fluxgate.retries.Cooldown;
import io.fluxgate.trippers.FailureRate;
import io.fluxgate.trippers.MinRequests;
import io.fluxgate.windows.CountWindow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** Breakers with small, known settings and time driven by hand, for the starter's tests. */
public final class TestBreakers {

    /** The wall-clock time every test breaker reports. */
    public static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");

    /** How long an OPEN test breaker waits before probing. */
    public static final Duration COOLDOWN = Duration.ofSeconds(10);

    /** From which duration a test call is slow. */
    public static final Duration SLOW = Duration.ofSeconds(2);

    private TestBreakers() {
    }

    /**
     * A builder that opens after two calls with half of them failed, waits {@link #COOLDOWN}, probes once.
     *
     * @param name   the breaker's name
     * @param ticker its time
     * @return the builder
     */
    public static CircuitBreaker.Builder builder(String name, ManualTicker ticker) {
        return CircuitBreaker.builder(name).window(new CountWindow(10))
                .tripper(new MinRequests(2).and(new FailureRate(0.5))).retry(new Cooldown(COOLDOWN))
                .permit(new All()).slowThreshold(SLOW).maxHalfOpenCalls(1).ticker(ticker)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** Runs a call that succeeds at once. */
    public static void succeed(CircuitBreaker breaker) {
        breaker.run(() -> { });
    }

    /** Runs a call that succeeds after {@code duration} has passed on the ticker. */
    public static void succeedAfter(CircuitBreaker breaker, ManualTicker ticker, Duration duration) {
        breaker.run(() -> ticker.advance(duration));
    }

    /** Runs a call that fails with an {@link IOException}, swallowing it. */
    public static void fail(CircuitBreaker breaker) {
        try {
            breaker.run(() -> {
                throw new UncheckedIOException(new IOException("secret failure detail"));
            });
        } catch (UncheckedIOException expected) {
            // the breaker recorded it
        }
    }

    /** Runs a call that the breaker is expected to reject. */
    public static void rejected(CircuitBreaker breaker) {
        try {
            breaker.run(() -> { });
            throw new AssertionError("Expected " + breaker + " to reject the call");
        } catch (CallNotPermittedException expected) {
            // counted as rejected
        }
    }

    /** Opens a CLOSED breaker with one success and one failure. */
    public static void open(CircuitBreaker breaker) {
        succeed(breaker);
        fail(breaker);
    }

    /** Monotonic nanoseconds moved by hand. */
    public static final class ManualTicker implements Ticker {

        private final AtomicLong nanos = new AtomicLong();

        @Override
        public long read() {
            return nanos.get();
        }

        /** Moves time forward. */
        public void advance(Duration duration) {
            nanos.addAndGet(duration.toNanos());
        }
    }
}
