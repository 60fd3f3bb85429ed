package io.fluxgate;

import java.util.concurrent.TimeUnit;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ProbeSlots} on its own, model-checked against its invariant as a sequential specification: a slot is taken
 * only for the current stay and never beyond the cap; a release counts only for the current stay and never goes
 * below zero; a restamp starts a stay with every slot free.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProbeSlotsLincheckTests {

    private static final int CAP = 2;

    public static class Slots {
        private final ProbeSlots slots = new ProbeSlots();

        @Operation
        public int take(@Param(gen = IntGen.class, conf = "0:2") int epoch) {
            return slots.tryTake(epoch, CAP);
        }

        @Operation
        public void release(@Param(gen = IntGen.class, conf = "0:2") int epoch) {
            slots.release(epoch);
        }

        @Operation
        public void restamp(@Param(gen = IntGen.class, conf = "0:2") int epoch) {
            slots.restamp(epoch);
        }

        @Operation
        public int inUse() {
            return slots.inUse();
        }
    }

    public static class SlotsSpec {
        private long epoch;
        private int inUse;

        public int take(int stay) {
            if (stay != epoch) {
                return ProbeSlots.STAY_ENDED;
            }
            if (inUse >= CAP) {
                return ProbeSlots.FULL;
            }
            inUse++;
            return ProbeSlots.TAKEN;
        }

        public void release(int stay) {
            if (stay == epoch && inUse > 0) {
                inUse--;
            }
        }

        public void restamp(int stay) {
            epoch = stay;
            inUse = 0;
        }

        public int inUse() {
            return inUse;
        }
    }

    @Test
    void isLinearizableAgainstItsInvariant() {
        new ModelCheckingOptions()
                .iterations(50)
                .invocationsPerIteration(500)
                .threads(3)
                .actorsPerThread(3)
                .sequentialSpecification(SlotsSpec.class)
                .check(Slots.class);
    }
}
