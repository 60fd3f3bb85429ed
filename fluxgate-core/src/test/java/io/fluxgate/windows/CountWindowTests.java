package io.fluxgate.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.fluxgate.Metric;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CountWindowTests {

    @Nested
    class Construction {

        @Test
        void rejectsSizeBelowOne() {
            assertThatIllegalArgumentException().isThrownBy(() -> new CountWindow(0))
                    .withMessageContaining("CountWindow size must be >= 1, got 0");
        }

        @Test
        void acceptsUpToAMillionCallsAndRejectsMore() {
            assertThat(new CountWindow(CountWindow.MAX_SIZE).newRecorder().read(0)).isEqualTo(Metric.EMPTY);
            assertThatIllegalArgumentException().isThrownBy(() -> new CountWindow(CountWindow.MAX_SIZE + 1))
                    .withMessage("CountWindow size must be <= 1000000, got 1000001");
            assertThatIllegalArgumentException().isThrownBy(() -> new CountWindow(Integer.MAX_VALUE))
                    .withMessage("CountWindow size must be <= 1000000, got 2147483647");
        }

        @Test
        void rendersItsExpressionForm() {
            assertThat(new CountWindow(100)).hasToString("CountWindow(100)");
        }

        @Test
        void givesEachCallerAFreshRecorder() {
            CountWindow window = new CountWindow(3);
            Window.Recorder first = window.newRecorder();
            first.record(true, false, 1, 0);

            assertThat(window.newRecorder().read(0)).isEqualTo(Metric.EMPTY);
        }
    }

    @Nested
    class Recording {

        @Test
        void startsEmpty() {
            assertThat(new CountWindow(5).newRecorder().read(0)).isEqualTo(Metric.EMPTY);
        }

        @Test
        void sumsCountsAndDurations() {
            Window.Recorder recorder = new CountWindow(5).newRecorder();
            recorder.record(true, false, 100, 0);
            recorder.record(false, true, 200, 0);
            recorder.record(true, true, 300, 0);

            assertThat(recorder.read(0)).isEqualTo(new Metric(3, 2, 2, Duration.ofNanos(600)));
        }

        @Test
        void readsCountsWithoutDurationsOnRequest() {
            Window.Recorder recorder = new CountWindow(5).newRecorder();
            recorder.record(true, true, 100, 0);
            recorder.record(false, false, 200, 0);

            assertThat(Reads.exact(recorder, 0, false)).isEqualTo(new Metric(2, 1, 1, Duration.ZERO));
            assertThat(new CountWindow(5).usesTime()).isFalse();
        }

        @Test
        void evictsTheOldestCallOnceFull() {
            Window.Recorder recorder = new CountWindow(2).newRecorder();
            recorder.record(true, true, 100, 0);
            recorder.record(false, false, 20, 0);
            recorder.record(false, false, 3, 0);

            assertThat(recorder.read(0)).isEqualTo(new Metric(2, 0, 0, Duration.ofNanos(23)));
        }

        @Test
        void windowOfOneHoldsOnlyTheLastCall() {
            Window.Recorder recorder = new CountWindow(1).newRecorder();
            recorder.record(true, true, 7, 0);
            recorder.record(false, false, 5, 0);

            assertThat(recorder.read(0)).isEqualTo(new Metric(1, 0, 0, Duration.ofNanos(5)));
        }

        @Test
        void ignoresTimeEntirely() {
            Window.Recorder recorder = new CountWindow(2).newRecorder();
            recorder.record(true, false, 1, Long.MIN_VALUE);

            assertThat(recorder.read(Long.MAX_VALUE).totalCount()).isEqualTo(1);
        }

        @Test
        void treatsNegativeDurationsAsZero() {
            Window.Recorder recorder = new CountWindow(2).newRecorder();
            recorder.record(false, false, -5, 0);

            assertThat(recorder.read(0).totalDuration()).isZero();
        }

        @Test
        void resetForgetsEverything() {
            Window.Recorder recorder = new CountWindow(3).newRecorder();
            recorder.record(true, true, 10, 0);
            recorder.record(true, true, 10, 0);
            recorder.reset();

            assertThat(recorder.read(0)).isEqualTo(Metric.EMPTY);
            recorder.record(false, false, 1, 0);
            assertThat(recorder.read(0)).isEqualTo(new Metric(1, 0, 0, Duration.ofNanos(1)));
        }
    }

    @Property
    void readEqualsTheLastSizeCallsOfANaiveModel(@ForAll @IntRange(min = 1, max = 8) int size,
            @ForAll @Size(max = 40) List<@LongRange(min = 0, max = 7_000) Long> calls) {
        Window.Recorder recorder = new CountWindow(size).newRecorder();
        List<Long> model = new ArrayList<>();
        for (long call : calls) {
            boolean failure = call % 2 == 0;
            boolean slow = call % 3 == 0;
            recorder.record(failure, slow, call, 0);
            model.add(call);
            List<Long> last = model.subList(Math.max(0, model.size() - size), model.size());

            assertThat(recorder.read(0)).isEqualTo(new Metric(last.size(),
                    last.stream().filter(c -> c % 2 == 0).count(),
                    last.stream().filter(c -> c % 3 == 0).count(),
                    Duration.ofNanos(last.stream().mapToLong(Long::longValue).sum())));
        }
    }

    @Property(tries = 200)
    void oneThreadGetsExactlyTheLastSizeCallsAlsoWhenSlotsAreTakenInBlocks(
            @ForAll @IntRange(min = 8, max = 300) int size,
            @ForAll @Size(max = 1_000) List<@LongRange(min = 0, max = 7_000) Long> calls) {
        Window.Recorder recorder = new CountWindow(size).newRecorder();
        ArrayDeque<Long> last = new ArrayDeque<>();
        long failures = 0;
        long slow = 0;
        long nanos = 0;
        for (long call : calls) {
            recorder.record(call % 2 == 0, call % 3 == 0, call, 0);
            last.addLast(call);
            failures += call % 2 == 0 ? 1 : 0;
            slow += call % 3 == 0 ? 1 : 0;
            nanos += call;
            if (last.size() > size) {
                long evicted = last.removeFirst();
                failures -= evicted % 2 == 0 ? 1 : 0;
                slow -= evicted % 3 == 0 ? 1 : 0;
                nanos -= evicted;
            }

            assertThat(recorder.read(0)).isEqualTo(new Metric(last.size(), failures, slow, Duration.ofNanos(nanos)));
        }
    }

    @Property(tries = 300)
    void keepsDifferentBlocksOnDifferentCacheLines(@ForAll @IntRange(min = 1, max = 2_000) int size) {
        CountRecorder recorder = new CountRecorder(size);
        int block = CountRecorder.blockFor(size);
        for (int slot = 1; slot < size; slot++) {
            int step = recorder.index(slot) - recorder.index(slot - 1);
            if (slot % block == 0) {
                assertThat(step).as("longs from the last slot of a block to the first of the next")
                        .isGreaterThanOrEqualTo(8);
            } else {
                assertThat(step).as("slots within a block").isEqualTo(1);
            }
        }
    }

    /** Several stripes played by one thread through {@code record(probe, ...)}, so the order is known. */
    @Nested
    class Striping {

        @Test
        void takesSlotsOneByOneUntilTheWindowIsFullSoNoCallIsEvictedEarly() {
            CountRecorder recorder = new CountRecorder(100, 4);
            for (int i = 0; i < 100; i++) {
                recorder.record(i % 3, true, false, 1);
            }

            assertThat(recorder.read(0)).isEqualTo(new Metric(100, 100, 0, Duration.ofNanos(100)));
        }

        @Test
        void neverCoversMoreThanSizeCalls() {
            CountRecorder recorder = new CountRecorder(100, 4);
            for (int i = 0; i < 1_000; i++) {
                recorder.record(i * 7 % 5, i % 2 == 0, false, 1);
                assertThat(recorder.read(0).totalCount()).isEqualTo(Math.min(i + 1, 100));
            }
        }

        @Test
        void givesEachStripeABlockOfConsecutiveSlotsOnceFull() {
            int size = 64;
            int block = CountRecorder.blockFor(size);
            CountRecorder recorder = new CountRecorder(size, 4);
            for (int i = 0; i < size; i++) {
                recorder.record(0, true, false, 1);
            }
            for (int stripe = 1; stripe < 4; stripe++) {
                recorder.record(stripe, false, false, 1);
            }

            assertThat(block).isEqualTo(8);
            assertThat(recorder.read(0)).isEqualTo(new Metric(size, size - 3, 0, Duration.ofNanos(size)));
            // The blocks of stripes 1 to 3 have 7 unused slots each; their failures stay until the ring comes round.
            for (int i = 0; i < size - 3 * block; i++) {
                recorder.record(0, false, false, 1);
            }
            assertThat(recorder.read(0).failureCount()).isEqualTo(3 * (block - 1));
            for (int i = 0; i < 3 * block; i++) {
                recorder.record(0, false, false, 1);
            }
            assertThat(recorder.read(0)).isEqualTo(new Metric(size, 0, 0, Duration.ofNanos(size)));
        }

        @Test
        void leavesNoOutcomeBehindInAStripeThatThreadsStoppedUsing() {
            int size = 64;
            CountRecorder recorder = new CountRecorder(size, 4);
            for (int i = 0; i < size; i++) {
                recorder.record(i % 4, false, false, 1);
            }
            for (int stripe = 1; stripe < 4; stripe++) {
                recorder.record(stripe, true, true, 1);
            }
            for (int i = 0; i < size + CountRecorder.blockFor(size); i++) {
                recorder.record(0, false, false, 1);
            }

            assertThat(recorder.read(0)).isEqualTo(new Metric(size, 0, 0, Duration.ofNanos(size)));
        }
    }

    @Nested
    class Concurrency {

        private static final int THREADS = 8;
        private static final int CALLS_PER_THREAD = 20_000;

        @Test
        void countsEveryCallExactlyWhenNothingIsEvicted() throws Exception {
            Window.Recorder recorder = new CountWindow(THREADS * CALLS_PER_THREAD + 1).newRecorder();

            Concurrently.run(THREADS, thread -> {
                for (int i = 0; i < CALLS_PER_THREAD; i++) {
                    recorder.record(i % 4 == 0, i % 5 == 0, 3, 0);
                }
            });

            long total = (long) THREADS * CALLS_PER_THREAD;
            assertThat(recorder.read(0)).isEqualTo(new Metric(total, THREADS * 5_000L, THREADS * 4_000L,
                    Duration.ofNanos(3 * total)));
        }

        @Test
        void readsStayConsistentWhileCallsAreEvictedAndReset() throws Exception {
            int size = 16;
            Window.Recorder recorder = new CountWindow(size).newRecorder();

            Concurrently.run(THREADS, thread -> {
                for (int i = 0; i < CALLS_PER_THREAD; i++) {
                    if (thread % 2 == 0) {
                        recorder.record(i % 2 == 0, i % 3 == 0, i, 0);
                    } else {
                        assertThat(recorder.read(0).totalCount()).isBetween(0L, (long) size);
                    }
                    if (thread == 1 && i % 1_000 == 0) {
                        recorder.reset();
                    }
                }
            });

            recorder.reset();
            assertThat(recorder.read(0)).isEqualTo(Metric.EMPTY);
        }

        @Test
        void aggregatesMatchTheSlotsOnceWritersStop() throws Exception {
            Window.Recorder recorder = new CountWindow(4).newRecorder();

            Concurrently.run(THREADS, thread -> {
                for (int i = 0; i < CALLS_PER_THREAD; i++) {
                    recorder.record(true, true, 5, 0);
                }
            });

            assertThat(recorder.read(0)).isEqualTo(new Metric(4, 4, 4, Duration.ofNanos(20)));
        }

        @Test
        void readsNeverSeeMoreThanSizeOrNegativeCountsWhileBlocksAreInUse() throws Exception {
            int size = 100;
            Window.Recorder recorder = new CountWindow(size).newRecorder();

            Concurrently.run(THREADS, thread -> {
                for (int i = 0; i < CALLS_PER_THREAD; i++) {
                    recorder.record((i + thread) % 3 == 0, i % 7 == 0, i, 0);
                    Metric metric = recorder.read(0);
                    assertThat(metric.totalCount()).isBetween(0L, (long) size);
                    assertThat(metric.failureCount()).isBetween(0L, metric.totalCount());
                    assertThat(metric.slowCount()).isBetween(0L, metric.totalCount());
                }
            });

            assertThat(recorder.read(0).totalCount()).isEqualTo(size);
        }

        @Test
        void oneRoundOfTheRingAfterWritersStopReplacesEveryOutcome() throws Exception {
            int size = 100;
            Window.Recorder recorder = new CountWindow(size).newRecorder();

            Concurrently.run(THREADS, thread -> {
                for (int i = 0; i < CALLS_PER_THREAD; i++) {
                    recorder.record(true, true, 9, 0);
                }
            });
            for (int i = 0; i < size + CountRecorder.blockFor(size); i++) {
                recorder.record(false, false, 1, 0);
            }

            assertThat(recorder.read(0)).isEqualTo(new Metric(size, 0, 0, Duration.ofNanos(size)));
        }
    }
}
