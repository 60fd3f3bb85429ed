package io.fluxgate;

/**
 * A source of monotonic nanoseconds. Every duration a breaker measures or waits for is read from its
 * ticker, so tests drive time with a counter instead of sleeping:
 *
 * <pre>{@code
 * AtomicLong nanos = new AtomicLong();
 * CircuitBreaker cb = CircuitBreaker.builder("test").ticker(nanos::get).build();
 * nanos.addAndGet(Duration.ofSeconds(60).toNanos());   // the cooldown has passed
 * }</pre>
 *
 * <p>Implementations must be thread-safe and must never go backwards, as a signed {@code long}: a ticker that
 * wraps past {@link Long#MAX_VALUE} looks to a {@code TimeWindow} like a jump into the distant past, and its
 * calls are dropped. {@link System#nanoTime()} on the JVMs we know starts near zero and would take 292 years
 * to wrap.
 */
@FunctionalInterface
public interface Ticker {

    /**
     * Reads the current time.
     *
     * @return nanoseconds since an arbitrary, fixed origin
     */
    long read();

    /**
     * The system's monotonic clock, the default. With it an OPEN breaker does not read the clock for each call
     * it rejects: a one-shot wake-up on the JDK's shared delay scheduler (the one behind
     * {@code CompletableFuture.orTimeout}) marks the wait as over, and the next call then checks the time and
     * moves the breaker to HALF_OPEN. With any other ticker every OPEN call reads the ticker.
     *
     * @return a ticker backed by {@link System#nanoTime()}
     */
    static Ticker system() {
        return SystemTicker.INSTANCE;
    }
}

enum SystemTicker implements Ticker {
    INSTANCE;

    @Override
    public long read() {
        return System.nanoTime();
    }
}
