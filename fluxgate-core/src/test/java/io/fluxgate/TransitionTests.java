package io.fluxgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.listeners.Listener;
import io.fluxgate.retries.Retry;
import io.fluxgate.trippers.FailureStreak;
import io.fluxgate.trippers.HalfOpened;
import io.fluxgate.trippers.MinRequests;
import io.fluxgate.trippers.SlowRate;
import io.fluxgate.trippers.Tripper;
import io.fluxgate.windows.CountWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A transition runs the user code it needs (the tripper's explanation, the retry's wait, the new window, the clock
 * and the ticker) before it publishes anything, outside its lock: that code may call back into the breaker, may be
 * slow, and may throw, and the listeners still see a gap-free sequence that ends in {@code state()}.
 */
class TransitionTests {

    private final Fixture fixture = new Fixture();

    /** A tripper that opens on the first failure and runs {@code onExplain} while the breaker describes why. */
    private static Tripper explaining(Runnable onExplain) {
        Tripper streak = new FailureStreak(1);
        return new Tripper() {
            @Override
            public boolean test(Metric metric, State state, int consecutiveFailures) {
                return streak.test(metric, state, consecutiveFailures);
            }

            @Override
            public String explain(Metric metric, State state, int consecutiveFailures) {
                onExplain.run();
                return streak.explain(metric, state, consecutiveFailures);
            }
        };
    }

    private static void assertGapFreeAndEndingIn(List<Signal> signals, State state) {
        State previous = State.CLOSED;
        for (Signal signal : signals) {
            assertThat(signal.oldState()).as("gap in %s", signals).isEqualTo(previous);
            previous = signal.newState();
        }
        assertThat(previous).as("the last signal agrees with state()").isEqualTo(state);
    }

    @Nested
    class ReEntrancy {

        @Test
        void aResetFromTheTrippersExplanationWinsAndTheTripIsDropped() {
            AtomicReference<CircuitBreaker> breaker = new AtomicReference<>();
            AtomicBoolean once = new AtomicBoolean();
            CircuitBreaker cb = fixture.builder().tripper(explaining(() -> {
                if (once.compareAndSet(false, true)) {
                    breaker.get().reset();
                }
            })).build();
            breaker.set(cb);

            Fixture.fail(cb);

            assertThat(fixture.listener.transitions()).containsExactly("CLOSED->CLOSED");
            assertThat(cb.state()).isEqualTo(State.CLOSED);
            assertGapFreeAndEndingIn(fixture.listener.signals, cb.state());
        }

        @Test
        void aForceOpenFromTheRetrysWaitLeavesTheSequenceGapFree() {
            AtomicReference<CircuitBreaker> breaker = new AtomicReference<>();
            AtomicBoolean once = new AtomicBoolean();
            Retry retry = reopens -> {
                if (once.compareAndSet(false, true)) {
                    breaker.get().forceOpen();
                }
                return Duration.ofSeconds(60).toNanos();
            };
            CircuitBreaker cb = fixture.builder().tripper(new FailureStreak(1)).retry(retry).build();
            breaker.set(cb);

            Fixture.fail(cb);

            assertThat(fixture.listener.transitions()).containsExactly("CLOSED->FORCED_OPEN");
            assertThat(cb.state()).isEqualTo(State.FORCED_OPEN);
        }

        @Test
        void aListenerThatResetsSeesItsOwnSignalAfterTheOneThatCausedIt() {
            AtomicReference<CircuitBreaker> breaker = new AtomicReference<>();
            List<String> seen = new ArrayList<>();
            Listener resetting = signal -> {
                seen.add(signal.oldState() + "->" + signal.newState());
                if (signal.newState() == State.OPEN) {
                    breaker.get().reset();
                }
            };
            CircuitBreaker cb = fixture.builder().tripper(new FailureStreak(1)).listener(resetting).build();
            breaker.set(cb);

            Fixture.fail(cb);

            assertThat(seen).containsExactly("CLOSED->OPEN", "OPEN->CLOSED");
            assertGapFreeAndEndingIn(fixture.listener.signals, cb.state());
        }
    }

    @Nested
    class SlowUserCode {

        @Test
        void aSlowExplanationHoldsUpNoOtherThreadsTransition() throws Exception {
            CountDownLatch explaining = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CircuitBreaker cb = fixture.builder().tripper(explaining(() -> {
                explaining.countDown();
                await(release);
            })).build();
            Thread tripping = new Thread(() -> Fixture.fail(cb));
            tripping.start();
            assertThat(explaining.await(10, TimeUnit.SECONDS)).isTrue();

            cb.forceOpen(); // would wait for the lock if the explanation ran under it

            assertThat(cb.state()).isEqualTo(State.FORCED_OPEN);
            release.countDown();
            tripping.join(10_000);
            assertThat(cb.state()).as("the stale trip is dropped").isEqualTo(State.FORCED_OPEN);
            assertThat(fixture.listener.transitions()).containsExactly("CLOSED->FORCED_OPEN");
        }

        private static void await(CountDownLatch latch) {
            try {
                latch.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Nested
    class VirtualMachineErrors {

        @Test
        void oneThrownWhileDescribingATripPublishesNothingAndTheNextFailureTrips() {
            AtomicBoolean throwOnce = new AtomicBoolean(true);
            StackOverflowError overflow = new StackOverflowError("explain");
            CircuitBreaker cb = CircuitBreaker.builder("vme").tripper(explaining(() -> {
                if (throwOnce.getAndSet(false)) {
                    throw overflow;
                }
            })).listener(fixture.listener).build(); // the system ticker: an OPEN stay needs its wake-up

            assertThatThrownBy(() -> Fixture.fail(cb)).isSameAs(overflow);
            assertThat(cb.state()).as("no stay without its signal").isEqualTo(State.CLOSED);
            assertThat(fixture.listener.signals).isEmpty();

            Fixture.fail(cb);

            assertThat(cb.state()).isEqualTo(State.OPEN);
            assertThat(cb.machine().stay().waitMayBeOver()).as("its wake-up is pending").isFalse();
            assertThat(fixture.listener.transitions()).containsExactly("CLOSED->OPEN");
            cb.reset();
        }
    }

    @Nested
    class HalfOpenProbes {

        private CircuitBreaker halfOpen(Tripper tripper) {
            CircuitBreaker cb = fixture.builder().window(new CountWindow(4)).tripper(new FailureStreak(1).or(tripper))
                    .slowThreshold(Duration.ofSeconds(1)).build();
            Fixture.fail(cb);
            fixture.advance(Duration.ofSeconds(60));
            return cb;
        }

        @Test
        void aSlowSuccessfulProbeAfterWhichTheTripperFiresReopens() {
            CircuitBreaker cb = halfOpen(new HalfOpened().and(new SlowRate(0.5)));

            fixture.succeedTaking(cb, Duration.ofSeconds(2));

            assertThat(cb.state()).isEqualTo(State.OPEN);
            assertThat(cb.info().reopens()).isEqualTo(1);
            assertThat(fixture.listener.last().reason()).startsWith("probe was slow: ").contains("SlowRate(0.5)");
        }

        @Test
        void aFastSuccessfulProbeAfterWhichTheTripperIsQuietCloses() {
            CircuitBreaker cb = halfOpen(new HalfOpened().and(new SlowRate(0.5)));

            fixture.succeedTaking(cb, Duration.ofMillis(10));

            assertThat(cb.state()).isEqualTo(State.CLOSED);
        }

        @Test
        void aSuccessfulProbeThatIsNotSlowButFiresTheTripperReopensToo() {
            CircuitBreaker cb = halfOpen(new HalfOpened().and(new MinRequests(1)));

            Fixture.succeed(cb);

            assertThat(cb.state()).isEqualTo(State.OPEN);
            assertThat(fixture.listener.last().reason()).startsWith("probe succeeded, yet ");
        }
    }
}
