package io.fluxgate.spring.e2e;

import io.fluxgate.spring.TestBreakers.ManualTicker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** A remote service that the tests switch between failing and answering, and that counts its calls. */
public final class FakeDownstream {

    private final ManualTicker ticker;
    private final AtomicInteger charges = new AtomicInteger();
    private final AtomicInteger entries = new AtomicInteger();
    private volatile boolean failing;
    private volatile Duration latency = Duration.ZERO;

    FakeDownstream(ManualTicker ticker) {
        this.ticker = ticker;
    }

    /** Makes every following call fail. */
    public void fail() {
        failing = true;
    }

    /** Makes every following call answer at once. */
    public void recover() {
        failing = false;
        latency = Duration.ZERO;
    }

    /** Makes every following call take {@code latency} on the ticker. */
    public void slowDown(Duration latency) {
        this.latency = latency;
    }

    /** How often {@link #charge} ran. */
    public int charges() {
        return charges.get();
    }

    /** How often {@link #book} ran. */
    public int entries() {
        return entries.get();
    }

    String charge(int cents) {
        charges.incrementAndGet();
        ticker.advance(latency);
        if (failing) {
            throw new UncheckedIOException(new IOException("connection refused"));
        }
        return "charged " + cents;
    }

    CompletableFuture<String> book(int cents) {
        entries.incrementAndGet();
        return failing ? CompletableFuture.failedFuture(new IOException("ledger unavailable"))
                : CompletableFuture.completedFuture("booked " + cents);
    }
}
