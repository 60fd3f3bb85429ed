package io.fluxgate.windows;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.Metric;
import io.fluxgate.State;
import io.fluxgate.trippers.FailureRate;
import io.fluxgate.trippers.MinRequests;
import io.fluxgate.trippers.Tripper;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Issue 20 item 3: a read of a count window never sees more failures (or slow calls, or nanoseconds), nor fewer
 * calls, than the ring held at the instant it read, however records of several stripes are in flight. Records
 * are held between their slot write and their last counts through {@link CountRecorder#afterNextSlotWrite}, and
 * other stripes record and read meanwhile, all on this thread, so each interleaving is exact and repeatable.
 */
class CountWindowPhantomTests {

    @Test
    void aSuccessEvictingTheOnlyFailureWhileAnotherStripeRecordsAFailureDoesNotTripTheBreaker() {
        CountRecorder recorder = new CountRecorder(4, 2);
        recorder.record(0, true, false, 1);
        for (int i = 0; i < 3; i++) {
            recorder.record(0, false, false, 1);
        }
        Metric[] seen = new Metric[1];
        recorder.afterNextSlotWrite(() -> {
            recorder.record(1, true, false, 1);
            seen[0] = recorder.read(0);
        });

        recorder.record(0, false, false, 1);

        Tripper tripper = new MinRequests(4).and(new FailureRate(0.5));
        assertThat(seen[0].failureCount()).as("the ring held one failure at every instant").isLessThanOrEqualTo(1);
        assertThat(tripper.test(seen[0], State.CLOSED, 0)).isFalse();
        assertThat(recorder.read(0)).isEqualTo(new Metric(4, 1, 0, Duration.ofNanos(4)));
    }

    /** One record: which stripe, its outcome, and how many of the following records run while it is held. */
    record Op(int probe, boolean failure, boolean slow, long nanos, int held) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 3).map(i -> i == 0), Arbitraries.longs().between(0, 50),
                Arbitraries.integers().between(0, 6).map(i -> Math.max(0, i - 3)))
                .as(Op::new);
        return op.list().ofMaxSize(60);
    }

    @Property(tries = 500)
    void everyReadIsBoundedByTheRingAtThatInstantAndExactOnceNothingIsInFlight(
            @ForAll @IntRange(min = 1, max = 15) int size, @ForAll("ops") List<Op> ops) {
        CountRecorder recorder = new CountRecorder(size, 4);
        Ring ring = new Ring(size);

        run(recorder, ring, ops, 0, ops.size());

        assertThat(recorder.read(0)).isEqualTo(ring.metric());
    }

    /** Runs {@code ops[from, to)}; a held record runs the next {@code held} between its slot write and its counts. */
    private static void run(CountRecorder recorder, Ring ring, List<Op> ops, int from, int to) {
        int i = from;
        while (i < to) {
            Op op = ops.get(i);
            int inner = Math.min(i + 1 + op.held(), to);
            int first = i + 1;
            if (inner > first) {
                recorder.afterNextSlotWrite(() -> {
                    assertBounded(recorder.read(0), ring);
                    run(recorder, ring, ops, first, inner);
                    assertBounded(recorder.read(0), ring);
                });
            }
            // Windows under 16 calls take one slot per call from the shared cursor, in the order of the calls.
            ring.record(op);
            recorder.record(op.probe(), op.failure(), op.slow(), op.nanos());
            assertBounded(recorder.read(0), ring);
            i = inner;
        }
    }

    private static void assertBounded(Metric read, Ring ring) {
        Metric held = ring.metric();
        assertThat(read.failureCount()).as("failures").isLessThanOrEqualTo(held.failureCount());
        assertThat(read.slowCount()).as("slow calls").isLessThanOrEqualTo(held.slowCount());
        assertThat(read.totalDuration()).as("duration").isLessThanOrEqualTo(held.totalDuration());
        assertThat(read.totalCount()).as("calls").isGreaterThanOrEqualTo(held.totalCount())
                .isLessThanOrEqualTo(ring.size);
        if (read.totalCount() > 0 && held.totalCount() > 0) {
            assertThat(read.failureRate().getAsDouble()).as("failure rate")
                    .isLessThanOrEqualTo(held.failureRate().getAsDouble());
        }
    }

    /** What the ring holds: slot {@code n mod size} for the n-th record, written when the record writes it. */
    private static final class Ring {

        final int size;
        final Op[] slots;
        int next;

        Ring(int size) {
            this.size = size;
            this.slots = new Op[size];
        }

        void record(Op op) {
            slots[next++ % size] = op;
        }

        Metric metric() {
            long total = 0;
            long failures = 0;
            long slow = 0;
            long nanos = 0;
            for (Op op : slots) {
                if (op != null) {
                    total++;
                    failures += op.failure() ? 1 : 0;
                    slow += op.slow() ? 1 : 0;
                    nanos += op.nanos();
                }
            }
            return new Metric(total, failures, slow, Duration.ofNanos(nanos));
        }
    }
}
