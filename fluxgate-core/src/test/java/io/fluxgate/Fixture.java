package io.fluxgate;

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

/** A breaker on a hand-driven ticker and a fixed clock, plus helpers to feed it outcomes. */
final class Fixture {

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final RecordingListener listener = new RecordingListener();

    CircuitBreaker.Builder builder() {
        return CircuitBreaker.builder("payment_api")
                .window(new CountWindow(10))
                .tripper(new MinRequests(4).and(new FailureRate(0.5)))
                .retry(new Cooldown(Duration.ofSeconds(60)))
                .permit(new All())
                .ticker(nanos::get)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .listener(listener);
    }

    void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    static String succeed(CircuitBreaker cb) {
        return cb.get(() -> "ok");
    }

    static void fail(CircuitBreaker cb) {
        try {
            cb.run(() -> {
                throw new UncheckedIOException(new IOException("down"));
            });
        } catch (UncheckedIOException expected) {
            return;
        }
        throw new AssertionError("the failure was not rethrown");
    }

    /** A call that takes {@code duration} of ticker time and succeeds. */
    String succeedTaking(CircuitBreaker cb, Duration duration) {
        return cb.get(() -> {
            advance(duration);
            return "ok";
        });
    }
}
