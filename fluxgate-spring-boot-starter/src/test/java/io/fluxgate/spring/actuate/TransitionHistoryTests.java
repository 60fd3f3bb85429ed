package io.fluxgate.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.fluxgate.CircuitBreaker;
import io.fluxgate.Signal;
import io.fluxgate.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TransitionHistoryTests {

    @Test
    void keepsTransitionsPerBreakerLatestFirst() {
        TransitionHistory history = new TransitionHistory();
        history.onTransition(signal("a", State.CLOSED, State.OPEN, "first"));
        history.onTransition(signal("b", State.CLOSED, State.FORCED_OPEN, "other"));
        history.onTransition(signal("a", State.OPEN, State.HALF_OPEN, "second"));

        assertThat(history.recent("a")).extracting(Signal::reason).containsExactly("second", "first");
        assertThat(history.recent("b")).extracting(Signal::reason).containsExactly("other");
        assertThat(history.recent("unknown")).isEmpty();
    }

    @Test
    void dropsTheOldestBeyondItsCapacity() {
        TransitionHistory history = new TransitionHistory(2);
        for (int i = 1; i <= 5; i++) {
            history.onTransition(signal("a", State.CLOSED, State.OPEN, "t" + i));
        }

        assertThat(history.recent("a")).extracting(Signal::reason).containsExactly("t5", "t4");
    }

    @Test
    void keepsTwentyByDefault() {
        assertThat(new TransitionHistory().capacity()).isEqualTo(TransitionHistory.DEFAULT_CAPACITY).isEqualTo(20);
    }

    @Test
    void rejectsACapacityBelowOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TransitionHistory(0))
                .withMessageContaining("capacity must be >= 1, got 0");
    }

    @Test
    void knowsWhichBreakersItIsAttachedTo() {
        TransitionHistory history = new TransitionHistory();
        CircuitBreaker with = CircuitBreaker.builder("with").listener(history).build();
        CircuitBreaker without = CircuitBreaker.builder("without").build();

        with.forceOpen();

        assertThat(history.isAttachedTo(with)).isTrue();
        assertThat(history.isAttachedTo(without)).isFalse();
        assertThat(history.recent("with")).singleElement()
                .satisfies(signal -> assertThat(signal.reason()).isEqualTo("forceOpen()"));
    }

    @Test
    void staysBoundedAndConsistentUnderConcurrentWriters() throws Exception {
        TransitionHistory history = new TransitionHistory(5);
        int threads = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 10_000; i++) {
                        history.onTransition(signal("a", State.CLOSED, State.OPEN, "x"));
                        assertThat(history.recent("a")).hasSizeLessThanOrEqualTo(5);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(history.recent("a")).hasSize(5);
    }

    private static Signal signal(String name, State from, State to, String reason) {
        return new Signal(name, from, to, Instant.EPOCH, reason);
    }
}
