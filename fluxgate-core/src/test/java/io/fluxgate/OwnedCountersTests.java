package io.fluxgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OwnedCountersTests {

    @Test
    void aThreadAddsToItsOwnCellAndEveryReadSeesIt() {
        OwnedCounters counters = new OwnedCounters(4);

        counters.addPair(0, 5);
        counters.addPair(0, 7);
        counters.addPair(2, 0);

        assertThat(counters.sum(0)).isEqualTo(2);
        assertThat(counters.sum(1)).isEqualTo(12);
        assertThat(counters.sum(2)).isEqualTo(1);
        assertThat(counters.sum(3)).isZero();
        assertThat(counters.cellsInUse()).isEqualTo(1);
    }

    @Test
    void whatAThreadThatEndedAddedStaysCountedAndItsCellIsNotTakenOver() throws Exception {
        OwnedCounters counters = new OwnedCounters(2);
        List<Thread> ended = new ArrayList<>();
        for (int i = 0; i < OwnedCounters.CELLS * 3; i++) {
            Thread thread = new Thread(() -> counters.addPair(0, 10));
            thread.start();
            thread.join();
            ended.add(thread);
        }

        assertThat(counters.sum(0)).isEqualTo(ended.size());
        assertThat(counters.sum(1)).isEqualTo(ended.size() * 10L);
        assertThat(counters.cellsInUse()).isLessThanOrEqualTo(OwnedCounters.CELLS);
    }

    /**
     * More threads than cells, all adding at once: the threads without a cell of their own share the
     * fallback adders, and not one add is lost or counted twice.
     */
    @Test
    void manyMoreThreadsThanCellsLoseNoAdd() throws Exception {
        OwnedCounters counters = new OwnedCounters(2);
        int threads = OwnedCounters.CELLS * 4;
        int adds = 50_000;
        CyclicBarrier start = new CyclicBarrier(threads);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long amount = t + 1;
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < adds; i++) {
                        counters.addPair(0, amount);
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }

        assertThat(failure.get()).isNull();
        assertThat(counters.sum(0)).isEqualTo((long) threads * adds);
        assertThat(counters.sum(1)).isEqualTo((long) adds * threads * (threads + 1) / 2);
    }

    /** A read while others add never goes below an earlier read, and never below the adds it waited for. */
    @Test
    void readsWhileThreadsAddNeverGoDown() throws Exception {
        OwnedCounters counters = new OwnedCounters(2);
        int writers = OwnedCounters.CELLS + 2;
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < writers; t++) {
            Thread writer = new Thread(() -> {
                while (running.get()) {
                    counters.addPair(0, 3);
                }
            });
            writer.start();
            threads.add(writer);
        }
        long previousCount = 0;
        long previousNanos = 0;
        try {
            for (int i = 0; i < 200_000; i++) {
                long count = counters.sum(0);
                long nanos = counters.sum(1);
                assertThat(count).isGreaterThanOrEqualTo(previousCount);
                assertThat(nanos).isGreaterThanOrEqualTo(previousNanos);
                previousCount = count;
                previousNanos = nanos;
            }
        } finally {
            running.set(false);
            for (Thread writer : threads) {
                writer.join();
            }
        }
        assertThat(counters.sum(1)).isEqualTo(counters.sum(0) * 3);
        assertThat(previousCount).isPositive();
    }
}
