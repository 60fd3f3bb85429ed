package io.fluxgate;

import static io.fluxgate.Fixture.fail;
import static io.fluxgate.Fixture.succeed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.listeners.Listener;
import io.fluxgate.listeners.LogListener;
import io.fluxgate.retries.Cooldown;
import io.fluxgate.trippers.AvgLatency;
import io.fluxgate.trippers.FailureRate;
import io.fluxgate.trippers.FailureStreak;
import io.fluxgate.trippers.MinRequests;
import io.fluxgate.trippers.Tripper;
import io.fluxgate.windows.CountWindow;
import io.fluxgate.windows.TimeWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link CircuitBreaker#reconfigure}: a new configuration in place, with the breaker's state, stay, statistics and
 * calls in flight kept, the window kept, migrated or reset as documented, and a bad configuration refused before
 * anything changes.
 */
class ReconfigurationTests {

    private final Fixture fixture = new Fixture();

    private CircuitBreaker opened() {
        CircuitBreaker cb = fixture.builder().build();
        for (int i = 0; i < 4; i++) {
            fail(cb);
        }
        assertThat(cb.state()).isEqualTo(State.OPEN);
        return cb;
    }

    @Nested
    class Keeps {

        @Test
        void theStateStayReopensAndStatisticsOfAnOpenBreaker() {
            CircuitBreaker cb = opened();
            CircuitBreakerInfo before = cb.info();
            CircuitBreaker.Config old = cb.config();

            Reconfiguration change = cb.reconfigure(b -> b.tripper(new FailureStreak(1))
                    .retry(new Cooldown(Duration.ofSeconds(5))));

            CircuitBreakerInfo after = cb.info();
            assertThat(after.state()).isEqualTo(State.OPEN);
            assertThat(after.changedAt()).isEqualTo(before.changedAt());
            assertThat(after.reopens()).isEqualTo(before.reopens());
            assertThat(cb.statistics().count(CallOutcome.FAILURE, false)).isEqualTo(4);
            assertThat(cb.config().tripper()).isEqualTo(new FailureStreak(1));
            assertThat(cb.config().window()).isEqualTo(old.window());
            assertThat(change.oldConfig()).isEqualTo(old);
            assertThat(change.newConfig()).isEqualTo(cb.config());
            assertThat(change.state()).isEqualTo(State.OPEN);
            assertThat(change.reason())
                    .contains("tripper " + old.tripper() + " -> FailureStreak(1)")
                    .contains("retry " + old.retry() + " -> " + new Cooldown(Duration.ofSeconds(5)))
                    .contains("OPEN records nothing")
                    .doesNotContain("permit");
            assertThat(fixture.listener.events).containsExactly("CLOSED->OPEN", "reconfigured in OPEN");
            assertThat(fixture.listener.reconfigurations).containsExactly(change);
        }

        @Test
        void theWaitAnOpenBreakerDrewWhileTheNewRetryDrawsTheNextOne() {
            CircuitBreaker cb = opened();
            cb.reconfigure(b -> b.tripper(new FailureStreak(1)).retry(new Cooldown(Duration.ofSeconds(5))));

            fixture.advance(Duration.ofSeconds(59));
            assertThatThrownBy(() -> succeed(cb)).isInstanceOf(CallNotPermittedException.class);
            fixture.advance(Duration.ofSeconds(1));
            fail(cb);
            assertThat(cb.info().reopens()).as("the probe failed under FailureStreak(1)").isEqualTo(1);

            fixture.advance(Duration.ofSeconds(4));
            assertThatThrownBy(() -> succeed(cb)).isInstanceOf(CallNotPermittedException.class);
            fixture.advance(Duration.ofSeconds(1));
            assertThat(succeed(cb)).isEqualTo("ok");
            assertThat(cb.state()).isEqualTo(State.CLOSED);
        }

        @Test
        void theProbeSlotsOfRunningProbesAndAppliesTheNewCap() {
            CircuitBreaker cb = fixture.builder().maxHalfOpenCalls(3).build();
            for (int i = 0; i < 4; i++) {
                fail(cb);
            }
            fixture.advance(Duration.ofSeconds(60));
            long[] probes = {cb.acquirePermission(), cb.acquirePermission(), cb.acquirePermission()};
            assertThat(cb.state()).isEqualTo(State.HALF_OPEN);

            cb.reconfigure(b -> b.maxHalfOpenCalls(1));

            assertThat(cb.machine().halfOpenCalls()).isEqualTo(3);
            cb.releasePermission(probes[0]);
            cb.releasePermission(probes[1]);
            assertThat(cb.tryAcquirePermission()).as("one probe still runs: the new cap of 1 is used").isNegative();
            cb.releasePermission(probes[2]);
            long probe = cb.acquirePermission();
            assertThat(cb.tryAcquirePermission()).isNegative();

            cb.reconfigure(b -> b.maxHalfOpenCalls(2));
            long second = cb.acquirePermission();
            assertThat(cb.machine().halfOpenCalls()).isEqualTo(2);
            cb.releasePermission(second);
            cb.endCall(probe, null, cb.startCall(probe));
            assertThat(cb.state()).isEqualTo(State.CLOSED);
            assertThat(cb.machine().halfOpenCalls()).isZero();
        }

        @Test
        void callsInFlightTimedOrNotAsTheyWerePermitted() {
            CircuitBreaker cb = fixture.builder().measureDurations(false).build();
            long untimed = cb.acquirePermission();
            long untimedStart = cb.startCall(untimed);

            cb.reconfigure(b -> b.measureDurations(true).slowThreshold(Duration.ofMillis(1)));
            long timed = cb.acquirePermission();
            long timedStart = cb.startCall(timed);
            fixture.advance(Duration.ofSeconds(1));
            cb.endCall(untimed, null, untimedStart);
            cb.endCall(timed, null, timedStart);

            assertThat(untimedStart).isZero();
            assertThat(cb.statistics().count(CallOutcome.SUCCESS, false)).as("the untimed call").isEqualTo(1);
            assertThat(cb.statistics().count(CallOutcome.SUCCESS, true)).as("the timed one").isEqualTo(1);
            assertThat(cb.statistics().totalDuration(CallOutcome.SUCCESS, true)).isEqualTo(Duration.ofSeconds(1));

            long stillTimed = cb.acquirePermission();
            long start = cb.startCall(stillTimed);
            cb.reconfigure(b -> b.measureDurations(false).noSlowThreshold());
            fixture.advance(Duration.ofMillis(5));
            cb.endCall(stillTimed, null, start);
            assertThat(cb.statistics().totalDuration(CallOutcome.SUCCESS, false)).isEqualTo(Duration.ofMillis(5));
            assertThat(cb.startCall(cb.acquirePermission())).as("untimed from now on").isZero();
        }

        @Test
        void listenersAndAttachesNewOnesBeforeTheyHearAnything() {
            CircuitBreaker cb = fixture.builder().build();
            List<String> heard = new ArrayList<>();
            Listener added = new Listener() {
                @Override
                public void onTransition(Signal signal) {
                    heard.add(signal.oldState() + "->" + signal.newState());
                }

                @Override
                public void attached(String circuitName) {
                    heard.add("attached " + circuitName);
                }

                @Override
                public void onReconfigured(Reconfiguration reconfiguration) {
                    heard.add("reconfigured: " + reconfiguration.reason());
                }
            };

            cb.reconfigure(b -> b.noListeners().listener(added));
            cb.forceOpen();

            assertThat(heard).containsExactly("attached payment_api",
                    "reconfigured: listeners 1 -> 1; window CountWindow(10) kept", "CLOSED->FORCED_OPEN");
            assertThat(fixture.listener.events).as("the listener removed hears nothing more").isEmpty();
            assertThat(cb.listeners()).containsExactly(added);
        }

        @Test
        void aTripDecidedWhileTheBreakerIsReconfigured() {
            AtomicBoolean reconfigured = new AtomicBoolean();
            CircuitBreaker[] breaker = new CircuitBreaker[1];
            Tripper reconfiguringOnFirstAsk = new Tripper() {
                @Override
                public boolean test(Metric metric, State state, int consecutiveFailures) {
                    if (reconfigured.compareAndSet(false, true)) {
                        breaker[0].reconfigure(b -> b.tripper(new FailureStreak(1)));
                    }
                    return true;
                }

                @Override
                public boolean usesDurations() {
                    return false;
                }
            };
            CircuitBreaker cb = fixture.builder().tripper(reconfiguringOnFirstAsk).build();
            breaker[0] = cb;

            fail(cb);

            assertThat(cb.state()).as("the trip is decided again under the new tripper").isEqualTo(State.OPEN);
            assertThat(fixture.listener.events).containsExactly("reconfigured in CLOSED", "CLOSED->OPEN");
            assertThat(fixture.listener.last().reason()).startsWith("FailureStreak(1)");
        }
    }

    @Nested
    class TheWindow {

        @Test
        void isKeptWhenItIsTheSame() {
            CircuitBreaker cb = fixture.builder().build();
            fail(cb);
            succeed(cb);
            succeed(cb);

            Reconfiguration change = cb.reconfigure(b -> b.tripper(new MinRequests(8).and(new FailureRate(0.5))));

            assertThat(cb.info().metric().totalCount()).isEqualTo(3);
            assertThat(cb.info().metric().failureCount()).isEqualTo(1);
            assertThat(change.reason()).endsWith("window CountWindow(10) kept");
        }

        @Test
        void keepsTheNewestOutcomesInASmallerCountWindow() {
            CircuitBreaker cb = fixture.builder().tripper(new FailureStreak(100)).build();
            fail(cb);
            fail(cb);
            succeed(cb);
            succeed(cb);
            succeed(cb);

            Reconfiguration change = cb.reconfigure(b -> b.window(new CountWindow(3)));

            Metric metric = cb.info().metric();
            assertThat(metric.totalCount()).isEqualTo(3);
            assertThat(metric.failureCount()).isZero();
            assertThat(change.reason()).contains("window CountWindow(10) -> CountWindow(3) keeps the newest outcomes");
            fail(cb);
            assertThat(cb.info().metric().failureCount()).as("the ring of 3 goes on").isEqualTo(1);
            assertThat(cb.info().metric().totalCount()).isEqualTo(3);
        }

        @Test
        void keepsEveryOutcomeInALargerCountWindowAndEvictsThemInOrder() {
            CircuitBreaker cb = fixture.builder().build();
            fail(cb);
            succeed(cb);
            succeed(cb);

            cb.reconfigure(b -> b.window(new CountWindow(20)));

            assertThat(cb.info().metric().totalCount()).isEqualTo(3);
            assertThat(cb.info().metric().failureCount()).isEqualTo(1);
            for (int i = 0; i < 17; i++) {
                succeed(cb);
            }
            assertThat(cb.info().metric().failureCount()).isEqualTo(1);
            succeed(cb);
            assertThat(cb.info().metric().failureCount()).as("the oldest outcome, the failure, left first").isZero();
            assertThat(cb.info().metric().totalCount()).isEqualTo(20);
        }

        @Test
        void keepsTheNewestOutcomesOnceTheRingCameRound() {
            CircuitBreaker cb = fixture.builder().tripper(new FailureStreak(100)).build();
            for (int i = 0; i < 25; i++) {
                if (i % 5 == 0) {
                    fail(cb);
                } else {
                    succeed(cb);
                }
            }

            cb.reconfigure(b -> b.window(new CountWindow(6)));

            Metric metric = cb.info().metric();
            assertThat(metric.totalCount()).isEqualTo(6);
            assertThat(metric.failureCount()).as("calls 19 to 24: only call 20 failed").isEqualTo(1);
        }

        @Test
        void keepsTheNewestSecondsInAShorterTimeWindowAndAllOfThemInALongerOne() {
            CircuitBreaker cb = fixture.builder().window(new TimeWindow(10)).tripper(new FailureStreak(100)).build();
            for (int second = 0; second < 6; second++) {
                for (int call = 0; call <= second; call++) {
                    succeed(cb);
                }
                if (second < 5) {
                    fixture.advance(Duration.ofSeconds(1));
                }
            }
            fail(cb);
            assertThat(cb.info().metric().totalCount()).isEqualTo(22);

            Reconfiguration shorter = cb.reconfigure(b -> b.window(new TimeWindow(3)));

            assertThat(shorter.reason()).contains("window TimeWindow(10) -> TimeWindow(3) keeps the newest seconds");
            assertThat(cb.info().metric()).extracting(Metric::totalCount, Metric::failureCount)
                    .containsExactly(4L + 5 + 6 + 1, 1L);
            fixture.advance(Duration.ofSeconds(1));
            assertThat(cb.info().metric().totalCount()).as("the oldest second ages out").isEqualTo(5 + 6 + 1);

            cb.reconfigure(b -> b.window(new TimeWindow(20)));
            assertThat(cb.info().metric().totalCount()).isEqualTo(5 + 6 + 1);
            succeed(cb);
            assertThat(cb.info().metric().totalCount()).isEqualTo(5 + 6 + 1 + 1);
        }

        @Test
        void isResetBetweenACountAndATimeWindow() {
            CircuitBreaker cb = fixture.builder().build();
            fail(cb);
            succeed(cb);

            Reconfiguration change = cb.reconfigure(b -> b.window(new TimeWindow(5)));

            assertThat(cb.info().metric().totalCount()).isZero();
            assertThat(change.reason()).contains("window CountWindow(10) -> TimeWindow(5) reset: the outcomes of a"
                    + " count window do not carry over to a time window");
            succeed(cb);
            assertThat(cb.info().metric().totalCount()).isEqualTo(1);
        }

        @Test
        void startsEmptyWithTheNextStateWhenTheBreakerRecordsNothing() {
            CircuitBreaker cb = opened();

            Reconfiguration change = cb.reconfigure(b -> b.window(new CountWindow(2)));

            assertThat(change.reason()).contains("window CountWindow(10) -> CountWindow(2) (OPEN records nothing");
            fixture.advance(Duration.ofSeconds(60));
            succeed(cb);
            assertThat(cb.state()).isEqualTo(State.CLOSED);
            fail(cb);
            fail(cb);
            fail(cb);
            assertThat(cb.info().metric().totalCount()).isEqualTo(2);
        }
    }

    @Nested
    class Refuses {

        @Test
        void anInvalidConfigurationAndKeepsTheOldOne() {
            CircuitBreaker cb = opened();
            CircuitBreaker.Config old = cb.config();

            assertThatThrownBy(() -> cb.reconfigure(b -> b.measureDurations(false)
                    .slowThreshold(Duration.ofSeconds(1))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Circuit breaker 'payment_api'").hasMessageContaining("slowThreshold 1s");
            assertThatThrownBy(() -> cb.reconfigure(b -> b.measureDurations(false)
                    .tripper(new AvgLatency(Duration.ofSeconds(1)))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reads durations");
            assertThatThrownBy(() -> cb.reconfigure(b -> b.maxHalfOpenCalls(0)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Circuit breaker 'payment_api': maxHalfOpenCalls must be >= 1, got 0");

            assertThat(cb.config()).isEqualTo(old);
            assertThat(cb.state()).isEqualTo(State.OPEN);
            assertThat(fixture.listener.events).containsExactly("CLOSED->OPEN");
        }

        @Test
        void aNewNameTickerOrClockAndANullBuilder() {
            CircuitBreaker cb = fixture.builder().build();

            assertThatThrownBy(() -> cb.reconfigure(b -> CircuitBreaker.builder("other")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cannot rename it (got 'other')");
            assertThatThrownBy(() -> cb.reconfigure(b -> b.ticker(() -> 0)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ticker or clock");
            assertThatThrownBy(() -> cb.reconfigure(b -> b.clock(java.time.Clock.systemUTC())))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ticker or clock");
            assertThatThrownBy(() -> cb.reconfigure(b -> null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("returned no builder");
            assertThat(fixture.listener.events).isEmpty();
        }

        @Test
        void anUnknownNameInTheRegistryInsteadOfCreatingABreaker() {
            CircuitBreakerRegistry registry = new CircuitBreakerRegistry();
            CircuitBreaker cb = registry.register(fixture.builder().build());

            assertThatThrownBy(() -> registry.reconfigure("payments", b -> b.tripper(new FailureStreak(1))))
                    .isInstanceOf(NoSuchElementException.class)
                    .hasMessage("No circuit breaker named 'payments' to reconfigure; registered: [payment_api]");
            assertThat(registry.all()).containsExactly(cb);

            registry.reconfigure("payment_api", b -> b.tripper(new FailureStreak(1)));
            assertThat(cb.config().tripper()).isEqualTo(new FailureStreak(1));
            fail(cb);
            assertThat(cb.state()).isEqualTo(State.OPEN);
        }
    }

    @Test
    void logsWhatChangedAtInfo() {
        CircuitBreaker cb = fixture.builder().listener(new LogListener()).build();

        List<LogRecord> records = CapturedLogs.during(() -> cb.reconfigure(b -> b.tripper(new FailureStreak(3))));

        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.getLevel()).isEqualTo(java.util.logging.Level.INFO);
            assertThat(record.getMessage()).isEqualTo("Circuit breaker 'payment_api' reconfigured in CLOSED: tripper"
                    + " MinRequests(4) & FailureRate(0.5) -> FailureStreak(3); window CountWindow(10) kept");
        });
    }
}
