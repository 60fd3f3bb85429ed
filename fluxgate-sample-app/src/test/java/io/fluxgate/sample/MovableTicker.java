package io.fluxgate.sample;

import io.fluxgate.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** A ticker the test moves, so a cooldown passes without waiting. {@link Time} makes it the app's ticker. */
final class MovableTicker implements Ticker {

    private final AtomicLong nanos = new AtomicLong();

    @Override
    public long read() {
        return this.nanos.get();
    }

    void advance(Duration duration) {
        this.nanos.addAndGet(duration.toNanos());
    }

    /** The ticker as a bean, which the starter's breakers take. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Time {

        @Bean
        MovableTicker ticker() {
            return new MovableTicker();
        }
    }
}
