package io.fluxgate.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.fluxgate.CircuitBreaker;
import io.fluxgate.KeyedCircuitBreaker;
import io.fluxgate.Signal;
import io.fluxgate.State;
import io.fluxgate.spring.KeyedBreakers;
import io.fluxgate.spring.TestBreakers;
import io.fluxgate.spring.TestBreakers.ManualTicker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
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

    @Nested
    class KeyedFamilies {

        private final ManualTicker ticker = new ManualTicker();
        private final TransitionHistory history = new TransitionHistory(3);
        private final KeyedCircuitBreaker<Object> hosts = KeyedCircuitBreaker.builder(
                TestBreakers.builder("payment_api", ticker).listener(history)).maxKeys(20).build();

        KeyedFamilies() {
            KeyedBreakers keyed = new KeyedBreakers(name -> hosts);
            keyed.register(hosts);
            history.forgetDroppedKeys(keyed);
        }

        @Test
        void keepsEachLiveKeysTransitionsUnderItsBreakersName() {
            CircuitBreaker hostB = hosts.forKey("host-b");
            TestBreakers.open(hostB);

            assertThat(history.isAttachedTo(hostB)).isTrue();
            assertThat(history.recent("payment_api[host-b]")).extracting(Signal::newState).containsExactly(State.OPEN);
        }

        @Test
        void forgetsADroppedKeysTransitionsSoThousandsOfKeysLeaveItBounded() {
            List<CircuitBreaker> dropped = new ArrayList<>();
            for (int i = 0; i < 5_000; i++) {
                ticker.advance(Duration.ofMillis(1)); // each new key drops the oldest
                CircuitBreaker breaker = hosts.forKey("key-" + i);
                breaker.forceOpen();
                breaker.reset(); // CLOSED again, so the family may drop it
                if (i < 100) {
                    dropped.add(breaker);
                }
            }

            assertThat(hosts.size()).isEqualTo(20);
            assertThat(history.breakersKept()).as("20 keys and the overflow breaker").isEqualTo(21);
            assertThat(dropped).allSatisfy(breaker -> {
                assertThat(history.isAttachedTo(breaker)).isFalse();
                assertThat(history.recent(breaker.name())).isEmpty();
            });
            assertThat(history.recent("payment_api[key-4999]")).hasSize(2);
        }

        @Test
        void ignoresTheLateTransitionOfABreakerItsFamilyDropped() {
            CircuitBreaker first = hosts.forKey("key-0");
            for (int i = 1; i <= 20; i++) {
                ticker.advance(Duration.ofMillis(1));
                hosts.forKey("key-" + i); // the 21st key drops key-0, the least recently used
            }
            assertThat(hosts.get("key-0")).isEmpty();

            first.forceOpen(); // as a call that was running on it when it was dropped could make it trip

            assertThat(history.recent("payment_api[key-0]")).isEmpty();
            assertThat(history.breakersKept()).isEqualTo(21);
        }
    }

    private static Signal signal(String name, State from, State to, String reason) {
        return new Signal(name, from, to, Instant.EPOCH, reason);
    }
}
