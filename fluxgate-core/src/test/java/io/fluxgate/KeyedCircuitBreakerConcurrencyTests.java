package io.fluxgate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.permits.All;
import io.fluxgate.retries.Cooldown;
import io.fluxgate.trippers.FailureStreak;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KeyedCircuitBreakerConcurrencyTests {

    private static final int THREADS = 8;

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS + 2);
    private final AtomicLong nanos = new AtomicLong();

    @AfterEach
    void shutdown() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private CircuitBreaker.Builder template() {
        return CircuitBreaker.builder("payment_api").tripper(new FailureStreak(1)).permit(new All())
                .retry(new Cooldown(Duration.ofSeconds(1))).ticker(nanos::get);
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

    /** Counts live keys from the listener's side, which runs under the family's change lock. */
    private static final class LiveKeys implements KeyedCircuitBreaker.KeyListener<Object> {
        final AtomicInteger live = new AtomicInteger();
        final AtomicInteger mostLive = new AtomicInteger();
        final AtomicInteger created = new AtomicInteger();

        @Override
        public void created(Object key, CircuitBreaker breaker) {
            created.incrementAndGet();
            mostLive.accumulateAndGet(live.incrementAndGet(), Math::max);
        }

        @Override
        public void evicted(Object key, CircuitBreaker breaker) {
            live.decrementAndGet();
        }
    }

    @RepeatedTest(20)
    void threadsRacingOnAKeysFirstUseGetTheSameBreaker() throws Exception {
        KeyedCircuitBreaker<String> hosts = KeyedCircuitBreaker.builder(template()).build();
        LiveKeys keys = new LiveKeys();
        hosts.addKeyListener(keys);
        Set<CircuitBreaker> seen = ConcurrentHashMap.newKeySet();

        awaitAll(startTogether(THREADS, () -> seen.add(hosts.forKey(new String("host-a")))));

        assertThat(seen).singleElement().isSameAs(hosts.get("host-a").orElseThrow());
        assertThat(keys.created).hasValue(1);
    }

    @Test
    void theNumberOfKeyBreakersNeverExceedsMaxKeysUnderThousandsOfKeys() throws Exception {
        int maxKeys = 64;
        KeyedCircuitBreaker<Integer> family = KeyedCircuitBreaker.builder(template()).maxKeys(maxKeys)
                .idleEviction(Duration.ofMillis(50)).build();
        LiveKeys keys = new LiveKeys();
        family.addKeyListener(keys);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger mostSized = new AtomicInteger();
        AtomicInteger wrongBreaker = new AtomicInteger();
        AtomicInteger ran = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        Future<?> sampler = pool.submit(() -> {
            while (running.get()) {
                mostSized.accumulateAndGet(family.size(), Math::max);
                mostSized.accumulateAndGet(family.breakers().size(), Math::max);
                Thread.onSpinWait();
            }
        });
        int callsPerThread = 10_000;

        awaitAll(startTogether(THREADS, () -> {
            SplittableRandom random = new SplittableRandom();
            for (int i = 0; i < callsPerThread; i++) {
                int key = random.nextInt(5_000);
                nanos.addAndGet(Duration.ofMillis(1).toNanos() / THREADS);
                CircuitBreaker breaker = family.forKey(key);
                if (breaker != family.overflow() && !breaker.name().equals("payment_api[" + key + "]")) {
                    wrongBreaker.incrementAndGet();
                }
                try {
                    breaker.run(() -> {
                        ran.incrementAndGet();
                        if (key % 5 == 0) {
                            throw new UncheckedIOException(new IOException("down"));
                        }
                    });
                } catch (UncheckedIOException expected) {
                    // a failing key: its breaker opens and stays un-evictable for a while
                } catch (CallNotPermittedException e) {
                    rejected.incrementAndGet();
                }
            }
        }));
        running.set(false);
        sampler.get(10, TimeUnit.SECONDS);

        assertThat(wrongBreaker).as("lookups that returned another key's breaker").hasValue(0);
        assertThat(ran.get() + rejected.get()).isEqualTo(THREADS * callsPerThread);
        assertThat(keys.mostLive.get()).as("live keys as the listener counts them").isLessThanOrEqualTo(maxKeys);
        assertThat(mostSized.get()).as("size() and breakers() seen while running").isLessThanOrEqualTo(maxKeys);
        assertThat(keys.created.get()).as("keys were dropped and built again").isGreaterThan(maxKeys);
        assertThat(family.size()).isEqualTo(keys.live.get()).isEqualTo(family.breakers().size());
    }

    @Test
    void aKeyDroppedWhileItsCallRunsStillGuardsAndRecordsThatCall() throws Exception {
        KeyedCircuitBreaker<String> hosts = KeyedCircuitBreaker.builder(template()).maxKeys(1).build();
        CountDownLatch inCall = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CircuitBreaker a = hosts.forKey("host-a");
        Future<String> call = pool.submit(() -> hosts.forKey("host-a").call(() -> {
            inCall.countDown();
            release.await();
            return "ok";
        }));
        assertThat(inCall.await(10, TimeUnit.SECONDS)).isTrue();

        CircuitBreaker b = hosts.forKey("host-b");
        release.countDown();

        assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo("ok");
        assertThat(hosts.breakers()).containsOnlyKeys("host-b").containsEntry("host-b", b);
        assertThat(a.statistics().count(CallOutcome.SUCCESS, false)).isEqualTo(1);
        assertThat(hosts.forKey("host-a")).isNotSameAs(a);
    }

    @Test
    void noKeyBuiltWhileTheFamilyIsReconfiguredKeepsTheOldTemplate() throws Exception {
        for (int round = 0; round < 20; round++) {
            KeyedCircuitBreaker<Integer> family = KeyedCircuitBreaker.builder(template()).maxKeys(10_000).build();
            AtomicInteger next = new AtomicInteger();
            CountDownLatch halfway = new CountDownLatch(THREADS);
            List<Future<?>> lookups = startTogether(THREADS, () -> {
                for (int i = 0; i < 200; i++) {
                    if (i == 100) {
                        halfway.countDown();
                    }
                    family.forKey(next.getAndIncrement()).run(() -> { });
                }
            });
            assertThat(halfway.await(10, TimeUnit.SECONDS)).isTrue();

            List<Reconfiguration> changes = family.reconfigure(t -> t.tripper(new FailureStreak(7)));
            awaitAll(lookups);

            assertThat(changes).hasSizeGreaterThan(THREADS * 100);
            assertThat(family.size()).isEqualTo(THREADS * 200);
            assertThat(family.breakers().values()).allSatisfy(breaker ->
                    assertThat(breaker.config().tripper()).isEqualTo(new FailureStreak(7)));
        }
    }
}
