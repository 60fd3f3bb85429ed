package io.fluxgate.redis;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for a real Redis effect, bounded: checks every 20 ms and fails with the last value after the limit. */
final class Poll {

    private Poll() {
    }

    static <T> T until(Duration limit, Supplier<T> read, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + limit.toNanos();
        T value = read.get();
        while (!done.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + limit + "; last seen: " + value);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            value = read.get();
        }
        return value;
    }
}
