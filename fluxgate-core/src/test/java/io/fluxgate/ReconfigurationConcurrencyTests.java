package io.fluxgate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.permits.All;
import io.fluxgate.retries.Cooldown;
import io.fluxgate.trippers.FailureRate;
import io.fluxgate.trippers.FailureStreak;
import io.fluxgate.trippers.MinRequests;
import io.fluxgate.windows.CountWindow;
import io.fluxgate.windows.TimeWindow;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Reconfigurations racing calls and transitions: no transition is lost or duplicated, every reconfiguration is
 * delivered once and in order with the signals, and every permission is released once, whatever config it began
 * under.
 */
class ReconfigurationConcurrencyTests {

    private static final int THREADS = 8;

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS + 2);
    private final AtomicLong nanos = new AtomicLong();
    private final RecordingListener listener = new RecordingListener();

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private List<Future<?>> startTogether(int threads, Runnable task) {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                task.run();
                return null;
            }));
        }
        start.countDown();
        return futures;
    }

    private static void awaitAll(List<Future<?>> futures) throws Exception {
        for (Future<?> future : futures) {
            future.get(30, TimeUnit.SECONDS);
        }
    }

    /** Signals chain gap-free, and each reconfiguration names the state the signals before it ended in. */
    private static void assertInOrder(List<String> events, State finalState) {
        State current = State.CLOSED;
        for (String event : events) {
            if (event.startsWith("reconfigured in ")) {
                assertThat(event).as("in %s", events).isEqualTo("reconfigured in " + current);
            } else {
                String[] states = event.split("->");
                assertThat(State.valueOf(states[0])).as("gap before %s", event).isEqualTo(current);
                current = State.valueOf(states[1]);
            }
        }
        assertThat(current).isEqualTo(finalState);
    }

    @RepeatedTest(20)
    void racingFailuresOpenTheBreakerExactlyOnceWhileItIsReconfigured() throws Exception {
        CircuitBreaker cb = CircuitBreaker.builder("race").window(new CountWindow(10)).tripper(new FailureStreak(1))
                .ticker(nanos::get).listener(listener).build();
        int reconfigurations = 50;
        CyclicBarrier allAdmitted = new CyclicBarrier(THREADS);

        List<Future<?>> futures = startTogether(THREADS - 1, () -> {
            long permission = cb.acquirePermission();
            await(allAdmitted);
            cb.endCall(permission, new IOException(), cb.startCall(permission));
        });
        futures.add(pool.submit(() -> {
            await(allAdmitted);
            for (int i = 0; i < reconfigurations; i++) {
                int size = i % 2 == 0 ? 20 : 10;
                cb.reconfigure(b -> b.window(new CountWindow(size)));
            }
        }));
        awaitAll(futures);

        assertThat(listener.transitions()).containsExactly("CLOSED->OPEN");
        assertThat(listener.reconfigurations).hasSize(reconfigurations);
        assertInOrder(listener.events, State.OPEN);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void callsTransitionsAndReconfigurationsInterleaveWithoutLosingAnyOfThem() throws Exception {
        CircuitBreaker cb = CircuitBreaker.builder("stress")
                .window(new CountWindow(20))
                .tripper(new MinRequests(5).and(new FailureRate(0.5)))
                .retry(new Cooldown(Duration.ofMillis(100)))
                .permit(new All())
                .maxHalfOpenCalls(3)
                .ticker(nanos::get)
                .listener(listener)
                .build();
        List<UnaryOperator<CircuitBreaker.Builder>> configs = List.of(
                b -> b.window(new CountWindow(10)).maxHalfOpenCalls(1),
                b -> b.window(new TimeWindow(2)).tripper(new MinRequests(3).and(new FailureRate(0.4))),
                b -> b.window(new CountWindow(20)).retry(new Cooldown(Duration.ofMillis(50))).maxHalfOpenCalls(3),
                b -> b.tripper(new MinRequests(5).and(new FailureRate(0.5))).measureDurations(false),
                b -> b.measureDurations(true).retry(new Cooldown(Duration.ofMillis(100))));
        ConcurrentHashMap<Long, AtomicInteger> probesRunningPerStay = new ConcurrentHashMap<>();
        AtomicInteger maxProbesSeen = new AtomicInteger();
        AtomicLong permitted = new AtomicLong();
        AtomicInteger reconfigured = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger workerCount = new AtomicInteger();
        Set<State> reconfiguredIn = ConcurrentHashMap.newKeySet();

        List<Future<?>> workers = startTogether(THREADS, () -> {
            SplittableRandom random = new SplittableRandom(workerCount.incrementAndGet());
            // On two cores the reconfigurer may get little time: go on until it has gone through every config
            // and met more than one state.
            for (int i = 0; i < 20_000
                    || (reconfiguredIn.size() < 2 || reconfigured.get() <= configs.size()) && i < 1_000_000; i++) {
                nanos.addAndGet(Duration.ofMillis(1).toNanos() / 10);
                boolean fails = random.nextDouble() < ((i / 1_000) % 2 == 0 ? 0.9 : 0.05);
                long permission = cb.tryAcquirePermission();
                if (permission < 0) {
                    continue;
                }
                permitted.incrementAndGet();
                if (Permission.holdsProbeSlot(permission)) {
                    AtomicInteger running = probesRunningPerStay.computeIfAbsent(Permission.epoch(permission),
                            stay -> new AtomicInteger());
                    maxProbesSeen.accumulateAndGet(running.incrementAndGet(), Math::max);
                    Thread.yield();
                    running.decrementAndGet();
                }
                long start = cb.startCall(permission);
                cb.endCall(permission, fails ? new IOException() : null, start);
            }
        });
        Future<?> reconfigurer = pool.submit(() -> {
            for (int i = 0; !done.get(); i++) {
                reconfiguredIn.add(cb.reconfigure(configs.get(i % configs.size())).state());
                reconfigured.incrementAndGet();
                Thread.yield();
            }
        });

        awaitAll(workers);
        done.set(true);
        reconfigurer.get(10, TimeUnit.SECONDS);

        assertThat(reconfigured.get()).isGreaterThan(configs.size());
        assertThat(listener.reconfigurations).hasSize(reconfigured.get());
        assertThat(listener.reconfigurations.stream().map(Reconfiguration::state).distinct().count())
                .as("reconfigured in several states").isGreaterThan(1);
        assertInOrder(listener.events, cb.state());
        assertThat(listener.transitions()).contains("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED");
        assertThat(maxProbesSeen.get()).as("never more probes than the largest cap").isBetween(1, 3);
        assertThat(cb.machine().halfOpenCalls()).as("every probe slot released").isZero();
        long recorded = 0;
        for (CallOutcome outcome : List.of(CallOutcome.SUCCESS, CallOutcome.FAILURE, CallOutcome.IGNORED)) {
            recorded += cb.statistics().count(outcome, false) + cb.statistics().count(outcome, true);
        }
        assertThat(recorded).as("every permitted call reported once").isEqualTo(permitted.get());
    }
}
