package io.fluxgate;

import static io.fluxgate.Fixture.fail;
import static io.fluxgate.Fixture.succeed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.permits.Permit;
import io.fluxgate.permits.RampUp;
import io.fluxgate.permits.Random;
import io.fluxgate.retries.Backoff;
import io.fluxgate.retries.Cooldown;
import io.fluxgate.retries.Never;
import io.fluxgate.trackers.All;
import io.fluxgate.trackers.TypeOf;
import io.fluxgate.trippers.AvgLatency;
import io.fluxgate.trippers.FailureRate;
import io.fluxgate.trippers.FailureStreak;
import io.fluxgate.trippers.MinRequests;
import io.fluxgate.windows.CountWindow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CircuitBreakerTests {

    private final Fixture fixture = new Fixture();

    private CircuitBreaker openBreaker() {
        CircuitBreaker cb = fixture.builder().build();
        for (int i = 0; i < 4; i++) {
            fail(cb);
        }
        assertThat(cb.state()).isEqualTo(State.OPEN);
        return cb;
    }

    private CircuitBreaker halfOpenBreaker(CircuitBreaker.Builder builder) {
        CircuitBreaker cb = builder.build();
        while (cb.state() != State.OPEN) {
            fail(cb);
        }
        fixture.advance(Duration.ofSeconds(60));
        long permission = cb.tryAcquirePermission();
        if (permission >= 0) {
            cb.releasePermission(permission);
        }
        assertThat(cb.state()).isEqualTo(State.HALF_OPEN);
        return cb;
    }

    @Nested
    class Building {

        @Test
        void defaultsAreTheDocumentedOnes() {
            CircuitBreaker.Config config = CircuitBreaker.ofDefaults("payment_api").config();

            assertThat(config.name()).isEqualTo("payment_api");
            assertThat(config.window()).isEqualTo(new CountWindow(100));
            assertThat(config.tracker()).isEqualTo(new All());
            assertThat(config.tripper()).isEqualTo(new MinRequests(100).and(new FailureRate(0.5)));
            assertThat(config.retry()).isEqualTo(new Cooldown(Duration.ofSeconds(60)));
            assertThat(config.permit()).isEqualTo(new RampUp(0.1, 1.0, Duration.ofSeconds(60)));
            assertThat(config.slowThreshold()).isNull();
            assertThat(config.maxHalfOpenCalls()).isEqualTo(10);
            assertThat(config.maxHalfOpenDuration()).isEqualTo(Duration.ofSeconds(60));
            assertThat(CircuitBreaker.ofDefaults("payment_api").state()).isEqualTo(State.CLOSED);
        }

        @Test
        void keepsTheNameExactly() {
            assertThat(CircuitBreaker.ofDefaults("Payment_API.v2").name()).isEqualTo("Payment_API.v2");
        }

        @Test
        void rejectsMissingAndBlankNames() {
            assertThatNullPointerException().isThrownBy(() -> CircuitBreaker.builder(null)).withMessage("name");
            assertThatIllegalArgumentException().isThrownBy(() -> CircuitBreaker.builder(" "))
                    .withMessage("Circuit breaker name must not be blank");
        }

        @Test
        void rejectsNullComponentsNamingTheParameter() {
            CircuitBreaker.Builder builder = CircuitBreaker.builder("x");
            assertThatNullPointerException().isThrownBy(() -> builder.window(null)).withMessage("window");
            assertThatNullPointerException().isThrownBy(() -> builder.tracker(null)).withMessage("tracker");
            assertThatNullPointerException().isThrownBy(() -> builder.tripper(null)).withMessage("tripper");
            assertThatNullPointerException().isThrownBy(() -> builder.retry(null)).withMessage("retry");
            assertThatNullPointerException().isThrownBy(() -> builder.permit(null)).withMessage("permit");
            assertThatNullPointerException().isThrownBy(() -> builder.slowThreshold(null)).withMessage("slowThreshold");
            assertThatNullPointerException().isThrownBy(() -> builder.listener(null)).withMessage("listener");
            assertThatNullPointerException().isThrownBy(() -> builder.listeners(null)).withMessage("listeners");
            assertThatNullPointerException().isThrownBy(() -> builder.ticker(null)).withMessage("ticker");
            assertThatNullPointerException().isThrownBy(() -> builder.clock(null)).withMessage("clock");
        }

        @Test
        void rejectsOutOfRangeValuesNamingBreakerPropertyAndRange() {
            CircuitBreaker.Builder builder = CircuitBreaker.builder("payment_api");
            assertThatIllegalArgumentException().isThrownBy(() -> builder.maxHalfOpenCalls(0))
                    .withMessage("Circuit breaker 'payment_api': maxHalfOpenCalls must be >= 1, got 0");
            assertThatIllegalArgumentException().isThrownBy(() -> builder.slowThreshold(Duration.ZERO))
                    .withMessage("Circuit breaker 'payment_api': slowThreshold must be > 0, got 0s");
            assertThatIllegalArgumentException().isThrownBy(() -> builder.slowThreshold(Duration.ofSeconds(-1)))
                    .withMessageContaining("slowThreshold must be > 0");
        }

        @Test
        void keepsListenersInRegistrationOrder() {
            List<String> calls = new ArrayList<>();
            CircuitBreaker cb = CircuitBreaker.builder("x")
                    .listener(s -> calls.add("first"))
                    .listeners(List.of(s -> calls.add("second"), s -> calls.add("third")))
                    .build();

            cb.forceOpen();

            assertThat(calls).containsExactly("first", "second", "third");
        }
    }

    @Nested
    class Closed {

        @Test
        void staysClosedBelowTheThreshold() {
            CircuitBreaker cb = fixture.builder().build();
            succeed(cb);
            succeed(cb);
            fail(cb);
            succeed(cb);

            assertThat(cb.state()).isEqualTo(State.CLOSED);
            assertThat(cb.info().metric()).isEqualTo(new Metric(4, 1, 0, Duration.ZERO));
        }

        @Test
        void opensWhenFailureRateReachesThresholdExactly() {
            CircuitBreaker cb = fixture.builder().build();
            succeed(cb);
            succeed(cb);
            fail(cb);
            assertThat(cb.state()).isEqualTo(State.CLOSED);

            fail(cb);

            assertThat(cb.state()).isEqualTo(State.OPEN);
            assertThat(fixture.listener.transitions()).containsExactly("CLOSED->OPEN");
        }

        @Test
        void waitsForMinRequestsBeforeOpening() {
            CircuitBreaker cb = fixture.builder().build();
            fail(cb);
            fail(cb);
            fail(cb);

            assertThat(cb.state()).isEqualTo(State.CLOSED);
        }

        @Test
        void evaluatesTheTripperAfterSuccessesToo() {
            CircuitBreaker cb = fixture.builder()
                    .tripper(new MinRequests(2).and(new AvgLatency(Duration.ofSeconds(1))))
                    .build();

            fixture.succeedTaking(cb, Duration.ofSeconds(2));
            assertThat(cb.state()).isEqualTo(State.CLOSED);
            fixture.succeedTaking(cb, Duration.ofSeconds(2));

            assertThat(cb.state()).isEqualTo(State.OPEN);
        }

        @Test
        void recordsNothingForExceptionsTheTrackerRejects() {
            CircuitBreaker cb = fixture.builder().tracker(new TypeOf(IOException.class)).build();
            IllegalStateException untracked = new IllegalStateException("not ours");

            assertThatThrownBy(() -> cb.run(() -> {
                throw untracked;
            })).isSameAs(untracked);

            assertThat(cb.info().metric().totalCount()).isZero();
        }

        @Test
        void leavesTheFailureStreakUntouchedOnUntrackedExceptions() {
            CircuitBreaker cb = fixture.builder()
                    .tracker(new TypeOf(UncheckedIOException.class))
                    .tripper(new FailureStreak(2))
                    .build();

            fail(cb);
            assertThatThrownBy(() -> cb.run(() -> {
                throw new IllegalStateException();
            })).isInstanceOf(IllegalStateException.class);
            fail(cb);

            assertThat(cb.state()).isEqualTo(State.OPEN);
        }

        @Test
        void offersErrorsToTheTracker() {
            CircuitBreaker tracksErrors = fixture.builder().tracker(new TypeOf(TestError.class)).build();
            CircuitBreaker tracksExceptions = fixture.builder().tracker(new All()).build();

            assertThatThrownBy(() -> tracksErrors.run(() -> {
                throw new TestError();
            })).isInstanceOf(TestError.class);
            assertThatThrownBy(() -> tracksExceptions.run(() -> {
                throw new TestError();
            })).isInstanceOf(TestError.class);

            assertThat(tracksErrors.info().metric().failureCount()).isEqualTo(1);
            assertThat(tracksExceptions.info().metric().totalCount()).isZero();
        }

        @Test
        void countsCallsAtOrAboveTheSlowThresholdAsSlow() {
            CircuitBreaker cb = fixture.builder().slowThreshold(Duration.ofSeconds(1)).build();

            fixture.succeedTaking(cb, Duration.ofMillis(999));
            fixture.succeedTaking(cb, Duration.ofSeconds(1));
            assertThatThrownBy(() -> cb.run(() -> {
                fixture.advance(Duration.ofSeconds(3));
                throw new IllegalStateException();
            })).isInstanceOf(IllegalStateException.class);

            Metric metric = cb.info().metric();
            assertThat(metric.slowCount()).isEqualTo(2);
            assertThat(metric.failureCount()).isEqualTo(1);
            assertThat(metric.totalDuration()).isEqualTo(Duration.ofMillis(4999));
        }

        @Test
        void countsNoCallAsSlowWithoutAThreshold() {
            CircuitBreaker cb = fixture.builder().build();

            fixture.succeedTaking(cb, Duration.ofDays(1));

            assertThat(cb.info().metric().slowCount()).isZero();
        }
    }

    @Nested
    class Open {

        @Test
        void rejectsWithoutRunningTheCall() {
            CircuitBreaker cb = openBreaker();
            AtomicBoolean ran = new AtomicBoolean();

            assertThatThrownBy(() -> cb.run(() -> ran.set(true)))
                    .isInstanceOfSatisfying(CallNotPermittedException.class, e -> {
                        assertThat(e.circuitName()).isEqualTo("payment_api");
                        assertThat(e.state()).isEqualTo(State.OPEN);
                    })
                    .hasMessage("Circuit breaker 'payment_api' is OPEN and does not permit calls");
            assertThat(ran).isFalse();
        }

        @Test
        void staysOpenUntilACallArrivesAfterTheCooldown() {
            CircuitBreaker cb = openBreaker();

            fixture.advance(Duration.ofSeconds(60).minusNanos(1));
            assertThat(cb.tryAcquirePermission()).isNegative();
            fixture.advance(Duration.ofNanos(1));
            assertThat(cb.state()).isEqualTo(State.OPEN);

            assertThat(succeed(cb)).isEqualTo("ok");
            assertThat(fixture.listener.transitions()).containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN",
                    "HALF_OPEN->CLOSED");
        }

        @Test
        void staysOpenForeverWithNever() {
            CircuitBreaker cb = fixture.builder().retry(new Never()).build();
            for (int i = 0; i < 4; i++) {
                fail(cb);
            }

            fixture.advance(Duration.ofDays(10_000));

            assertThatThrownBy(() -> succeed(cb)).isInstanceOf(CallNotPermittedException.class);
            assertThat(cb.state()).isEqualTo(State.OPEN);
        }

        @Test
        void explainsTheTripAndTheProbe() {
            CircuitBreaker cb = openBreaker();
            fixture.advance(Duration.ofSeconds(61));
            succeed(cb);

            List<Signal> signals = fixture.listener.signals;
            assertThat(signals.get(0).reason()).contains("MinRequests(4)").contains("FailureRate(0.5)");
            assertThat(signals.get(1).reason()).isEqualTo("Cooldown(1m) allowed a probe after 61s OPEN");
            assertThat(signals.get(2).reason()).contains("probe succeeded");
            assertThat(signals).allSatisfy(s -> {
                assertThat(s.circuitName()).isEqualTo("payment_api");
                assertThat(s.timestamp()).isEqualTo(Fixture.NOW);
            });
        }

        @Test
        void clearsTheWindowOnOpening() {
            CircuitBreaker cb = openBreaker();

            assertThat(cb.info().metric()).isEqualTo(Metric.EMPTY);
        }
    }

    @Nested
    class HalfOpen {

        @Test
        void closesAfterASuccessfulProbe() {
            CircuitBreaker cb = halfOpenBreaker(fixture.builder());

            succeed(cb);

            assertThat(cb.state()).isEqualTo(State.CLOSED);
            assertThat(cb.info().reopens()).isZero();
        }

        @Test
        void reopensAfterAFailedProbeWhenTheTripperFires() {
            CircuitBreaker cb = halfOpenBreaker(fixture.builder().tripper(new FailureStreak(1)));

            fail(cb);

            assertThat(cb.state()).isEqualTo(State.OPEN);
            assertThat(cb.info().reopens()).isEqualTo(1);
            assertThat(fixture.listener.last().reason()).startsWith("probe failed: FailureStreak(1)");
        }

        @Test
        void staysHalfOpenAfterAFailedProbeWhenTheTripperDoesNotFire() {
            CircuitBreaker cb = halfOpenBreaker(fixture.builder());

            fail(cb);

            assertThat(cb.state()).isEqualTo(State.HALF_OPEN);
            assertThat(cb.info().metric().failureCount()).isEqualTo(1);
        }

        @Test
        void rejectsCallsBeyondMaxHalfOpenCalls() throws Exception {
            CircuitBreaker cb = halfOpenBreaker(fixture.builder().maxHalfOpenCalls(1));

            String inner = cb.call(() -> {
                assertThatThrownBy(() -> succeed(cb))
                        .isInstanceOf(CallNotPermittedException.class)
                        .hasMessage("Circuit breaker 'payment_api' is HALF_OPEN and did not permit this call");
                return "probe";
            });

            assertThat(inner).isEqualTo("probe");
            assertThat(cb.state()).isEqualTo(State.CLOSED);
        }

        @Test
        void rejectsCallsThePermitRefuses() {
            CircuitBreaker cb = halfOpenBreaker(fixture.builder().permit(new Random(0.0)));

            assertThatThrownBy(() -> succeed(cb)).isInstanceOfSatisfying(CallNotPermittedException.class,
                    e -> assertThat(e.state()).isEqualTo(State.HALF_OPEN));
            assertThat(cb.state()).isEqualTo(State.HALF_OPEN);
        }

        @Test
        void givesThePermitTheTimeSinceEnteringHalfOpen() {
            List<Long> elapsed = new ArrayList<>();
            Permit recording = e -> elapsed.add(e);
            CircuitBreaker cb = halfOpenBreaker(fixture.builder().permit(recording));
            fixture.advance(Duration.ofSeconds(5));

            cb.releasePermission(cb.acquirePermission());

            assertThat(elapsed).containsExactly(0L, Duration.ofSeconds(5).toNanos());
        }

        @Test
        void waitsLongerAfterEachReopenWithBackoff() {
            CircuitBreaker cb = fixture.builder().tripper(new FailureStreak(1))
                    .retry(new Backoff(Duration.ofSeconds(10)))
                    .build();
            fail(cb);

            fixture.advance(Duration.ofSeconds(10));
            fail(cb);
            assertThat(cb.info().reopens()).isEqualTo(1);

            fixture.advance(Duration.ofSeconds(19));
            assertThat(cb.tryAcquirePermission()).isNegative();
            fixture.advance(Duration.ofSeconds(1));
            fail(cb);
            assertThat(cb.info().reopens()).isEqualTo(2);

            fixture.advance(Duration.ofSeconds(40));
            succeed(cb);
            assertThat(cb.state()).isEqualTo(State.CLOSED);
            assertThat(cb.info().reopens()).isZero();
        }

        @Test
        void waitsForHungProbesForTheDefaultMaxHalfOpenDurationOnly() {
            CircuitBreaker cb = halfOpenBreaker(fixture.builder().maxHalfOpenCalls(1));
            long hung = cb.acquirePermission();

            fixture.advance(Duration.ofSeconds(60).minusNanos(1));
            assertThat(cb.tryAcquirePermission()).isNegative();
            assertThat(cb.state()).isEqualTo(State.HALF_OPEN);
            fixture.advance(Duration.ofNanos(1));

            assertThat(cb.tryAcquirePermission()).isNegative();
            assertThat(cb.state()).isEqualTo(State.OPEN);
            assertThat(fixture.listener.last().reason())
                    .isEqualTo("no decision after 60s HALF_OPEN (maxHalfOpenDuration 1m, 1 probe(s) still running)");
            cb.releasePermission(hung);
        }

        @Test
        void aStayWithNoProbeOutstandingIsNotBounded() {
            CircuitBreaker cb = halfOpenBreaker(fixture.builder().maxHalfOpenCalls(1));

            fixture.advance(Duration.ofDays(1));

            assertThat(succeed(cb)).as("a quiet HALF_OPEN stay still probes").isEqualTo("ok");
            assertThat(cb.state()).isEqualTo(State.CLOSED);
        }

        @Test
        void reopensWhenProbesHangLongerThanMaxHalfOpenDuration() {
            CircuitBreaker cb = halfOpenBreaker(fixture.builder().maxHalfOpenCalls(1)
                    .maxHalfOpenDuration(Duration.ofSeconds(30)));
            long hung = cb.acquirePermission();

            fixture.advance(Duration.ofSeconds(30).minusNanos(1));
            assertThat(cb.tryAcquirePermission()).isNegative();
            assertThat(cb.state()).isEqualTo(State.HALF_OPEN);
            fixture.advance(Duration.ofNanos(1));
            assertThatThrownBy(() -> succeed(cb)).isInstanceOfSatisfying(CallNotPermittedException.class,
                    e -> assertThat(e.state()).isEqualTo(State.OPEN));

            assertThat(cb.info().reopens()).isEqualTo(1);
            assertThat(fixture.listener.last().reason())
                    .isEqualTo("no decision after 30s HALF_OPEN (maxHalfOpenDuration 30s, 1 probe(s) still running)");
            fixture.advance(Duration.ofSeconds(60));
            assertThat(succeed(cb)).as("the hung probe holds no slot of the next stay").isEqualTo("ok");
            assertThat(cb.state()).isEqualTo(State.CLOSED);
            cb.releasePermission(hung);
            assertThat(cb.machine().halfOpenCalls()).isZero();
        }

        @Test
        void rejectsANonPositiveMaxHalfOpenDuration() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> CircuitBreaker.builder("payment_api").maxHalfOpenDuration(Duration.ZERO))
                    .withMessage("Circuit breaker 'payment_api': maxHalfOpenDuration must be > 0, got 0s");
            assertThatNullPointerException()
                    .isThrownBy(() -> CircuitBreaker.builder("payment_api").maxHalfOpenDuration(null))
                    .withMessage("maxHalfOpenDuration");
        }

        @Test
        void startsTheFailureStreakAfreshOnEnteringHalfOpen() {
            CircuitBreaker cb = fixture.builder().tripper(new FailureStreak(2)).build();
            fail(cb);
            fail(cb);
            fixture.advance(Duration.ofSeconds(60));

            fail(cb);
            assertThat(cb.state()).isEqualTo(State.HALF_OPEN);
            fail(cb);
            assertThat(cb.state()).isEqualTo(State.OPEN);
        }
    }

    @Nested
    class ManualControl {

        @Test
        void metricsOnlyRecordsButNeverTransitions() {
            CircuitBreaker cb = fixture.builder().build();
            cb.metricsOnly();

            for (int i = 0; i < 20; i++) {
                fail(cb);
            }

            assertThat(cb.state()).isEqualTo(State.METRICS_ONLY);
            assertThat(cb.info().metric().failureCount()).isEqualTo(10);
            assertThat(fixture.listener.transitions()).containsExactly("CLOSED->METRICS_ONLY");
            assertThat(fixture.listener.last().reason()).isEqualTo("metricsOnly()");
        }

        @Test
        void disabledRunsEverythingAndRecordsNothing() {
            CircuitBreaker cb = openBreaker();
            cb.disable();

            fail(cb);
            assertThat(succeed(cb)).isEqualTo("ok");

            assertThat(cb.state()).isEqualTo(State.DISABLED);
            assertThat(cb.info().metric()).isEqualTo(Metric.EMPTY);
            assertThat(fixture.listener.last().reason()).isEqualTo("disable()");
        }

        @Test
        void forcedOpenRejectsEverythingWhateverTheTime() {
            CircuitBreaker cb = fixture.builder().build();
            cb.forceOpen();
            fixture.advance(Duration.ofDays(1));

            assertThatThrownBy(() -> succeed(cb))
                    .isInstanceOfSatisfying(CallNotPermittedException.class,
                            e -> assertThat(e.state()).isEqualTo(State.FORCED_OPEN))
                    .hasMessageContaining("'payment_api' is FORCED_OPEN");
            assertThat(fixture.listener.last().reason()).isEqualTo("forceOpen()");
        }

        @Test
        void askingForTheManualStateTheBreakerIsInChangesNothingAndSignalsNothing() {
            CircuitBreaker cb = fixture.builder().build();
            cb.metricsOnly();
            fail(cb);
            java.time.Instant changedAt = cb.info().changedAt();
            fixture.advance(Duration.ofSeconds(5));

            cb.metricsOnly();
            assertThat(cb.info().metric().failureCount()).as("the window is kept").isEqualTo(1);
            assertThat(cb.info().changedAt()).isEqualTo(changedAt);
            cb.disable();
            cb.disable();
            cb.forceOpen();
            cb.forceOpen();

            assertThat(fixture.listener.transitions())
                    .containsExactly("CLOSED->METRICS_ONLY", "METRICS_ONLY->DISABLED", "DISABLED->FORCED_OPEN");
        }

        @Test
        void resetOnAClosedBreakerClearsTheWindowAndSignals() {
            CircuitBreaker cb = fixture.builder().build();
            fail(cb);

            cb.reset();

            assertThat(cb.info().metric()).isEqualTo(Metric.EMPTY);
            assertThat(fixture.listener.transitions()).containsExactly("CLOSED->CLOSED");
            assertThat(fixture.listener.last().reason()).isEqualTo("reset()");
        }

        @Test
        void resetClosesAnOpenBreakerAndClearsReopens() {
            CircuitBreaker cb = halfOpenBreaker(fixture.builder().tripper(new FailureStreak(1)));
            fail(cb);
            assertThat(cb.info().reopens()).isEqualTo(1);

            cb.reset();

            assertThat(cb.state()).isEqualTo(State.CLOSED);
            assertThat(cb.info().reopens()).isZero();
            assertThat(succeed(cb)).isEqualTo("ok");
        }

        @Test
        void reportsWhenItLastChanged() {
            java.util.concurrent.atomic.AtomicReference<java.time.Instant> now =
                    new java.util.concurrent.atomic.AtomicReference<>(Fixture.NOW);
            java.time.Clock clock = new java.time.Clock() {
                @Override
                public java.time.ZoneId getZone() {
                    return java.time.ZoneOffset.UTC;
                }

                @Override
                public java.time.Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public java.time.Instant instant() {
                    return now.get();
                }
            };
            CircuitBreaker cb = fixture.builder().clock(clock).build();
            assertThat(cb.info().changedAt()).isEqualTo(Fixture.NOW);

            now.set(Fixture.NOW.plusSeconds(30));
            cb.forceOpen();

            assertThat(cb.info().changedAt()).isEqualTo(Fixture.NOW.plusSeconds(30));
            assertThat(fixture.listener.last().timestamp()).isEqualTo(Fixture.NOW.plusSeconds(30));
        }
    }

    @Nested
    class Outcomes {

        @Test
        void doesNotRecordACallThatBeganBeforeATransition() throws Exception {
            CircuitBreaker cb = fixture.builder().build();

            cb.call(() -> {
                cb.forceOpen();
                cb.reset();
                return "ok";
            });

            assertThat(cb.info().metric()).isEqualTo(Metric.EMPTY);
        }

        @Test
        void releasesTheProbeSlotOfAStaleCall() throws Exception {
            CircuitBreaker cb = halfOpenBreaker(fixture.builder().maxHalfOpenCalls(1));

            cb.call(() -> {
                cb.forceOpen();
                return "ok";
            });
            cb.reset();
            for (int i = 0; i < 4; i++) {
                fail(cb);
            }
            fixture.advance(Duration.ofSeconds(60));

            assertThat(succeed(cb)).isEqualTo("ok");
        }

        @Test
        void rethrowsCheckedExceptionsAsThrown() {
            CircuitBreaker cb = fixture.builder().build();
            IOException thrown = new IOException("down");

            assertThatThrownBy(() -> cb.call(() -> {
                throw thrown;
            })).isSameAs(thrown);
            assertThat(cb.info().metric().failureCount()).isEqualTo(1);
        }

        @Test
        void fallbackReceivesEveryExceptionIncludingRejections() {
            CircuitBreaker cb = fixture.builder().build();

            String failed = cb.callWithFallback(() -> {
                throw new IOException("down");
            }, e -> "fallback:" + e.getMessage());
            cb.forceOpen();
            String rejected = cb.callWithFallback(() -> "never", e -> "fallback:" + e.getClass().getSimpleName());

            assertThat(failed).isEqualTo("fallback:down");
            assertThat(rejected).isEqualTo("fallback:CallNotPermittedException");
        }

        @Test
        void fallbackDoesNotReceiveErrors() {
            CircuitBreaker cb = fixture.builder().build();
            AtomicBoolean fallbackRan = new AtomicBoolean();

            assertThatThrownBy(() -> cb.callWithFallback(() -> {
                throw new TestError();
            }, e -> {
                fallbackRan.set(true);
                return "fallback";
            })).isInstanceOf(TestError.class);
            assertThat(fallbackRan).isFalse();
        }

        @Test
        void decoratedFunctionsGoThroughTheBreaker() throws Exception {
            CircuitBreaker cb = fixture.builder().build();

            assertThat(cb.decorateSupplier(() -> "s").get()).isEqualTo("s");
            assertThat(cb.decorateCallable(() -> "c").call()).isEqualTo("c");
            AtomicInteger runs = new AtomicInteger();
            cb.decorateRunnable(runs::incrementAndGet).run();
            assertThat(cb.<Integer, Integer>decorateFunction(x -> x * 2).apply(21)).isEqualTo(42);

            assertThat(runs).hasValue(1);
            assertThat(cb.info().metric().totalCount()).isEqualTo(4);
            cb.forceOpen();
            assertThatThrownBy(() -> cb.decorateSupplier(() -> "s").get())
                    .isInstanceOf(CallNotPermittedException.class);
        }

        @Test
        void rejectsNullCallsNamingTheParameter() {
            CircuitBreaker cb = fixture.builder().build();

            assertThatNullPointerException().isThrownBy(() -> cb.call(null)).withMessage("callable");
            assertThatNullPointerException().isThrownBy(() -> cb.get(null)).withMessage("supplier");
            assertThatNullPointerException().isThrownBy(() -> cb.run(null)).withMessage("runnable");
            assertThatNullPointerException().isThrownBy(() -> cb.callWithFallback(() -> "x", null))
                    .withMessage("fallback");
            assertThatNullPointerException().isThrownBy(() -> cb.callAsync(null)).withMessage("supplier");
            assertThatNullPointerException().isThrownBy(() -> cb.decorateFunction(null)).withMessage("function");
        }
    }

    @Nested
    class LowLevelProtocol {

        @Test
        void recordsReportedOutcomesWithTheirDurations() {
            CircuitBreaker cb = fixture.builder().slowThreshold(Duration.ofSeconds(1)).build();

            long slow = cb.acquirePermission();
            long slowStart = cb.startCall(slow);
            fixture.nanos.addAndGet(Duration.ofSeconds(2).toNanos());
            cb.endCall(slow, null, slowStart);
            long failed = cb.acquirePermission();
            long failedStart = cb.startCall(failed);
            fixture.nanos.addAndGet(Duration.ofMillis(5).toNanos());
            boolean tracked = cb.endCall(failed, new IOException(), failedStart);
            cb.releasePermission(cb.acquirePermission());

            assertThat(tracked).isTrue();
            assertThat(cb.info().metric()).isEqualTo(new Metric(2, 1, 1, Duration.ofMillis(2005)));
        }

        @Test
        void saysWhetherTheTrackerCountedAnError() {
            CircuitBreaker cb = fixture.builder().tracker(new TypeOf(IOException.class)).build();

            long permission = cb.acquirePermission();

            assertThat(cb.endCall(permission, new IllegalStateException(), cb.startCall(permission))).isFalse();
            assertThat(cb.info().metric().totalCount()).isZero();
        }

        @Test
        void aPermissionReleasedTwiceCannotRaiseTheProbeCapForGood() {
            CircuitBreaker cb = halfOpenBreaker(fixture.builder().maxHalfOpenCalls(2));
            long probe = cb.acquirePermission();
            cb.releasePermission(probe);
            cb.releasePermission(probe);

            long first = cb.acquirePermission();
            long second = cb.acquirePermission();

            assertThat(cb.tryAcquirePermission()).isNegative();
            cb.releasePermission(first);
            cb.releasePermission(second);
        }

        @Test
        void tryAcquireReturnsANegativeValueWhenRejected() {
            CircuitBreaker cb = openBreaker();

            assertThat(cb.tryAcquirePermission()).isNegative();
            assertThatIllegalArgumentException().isThrownBy(() -> cb.endCall(-1, null, 0))
                    .withMessageContaining("Not a permission");
        }
    }

    @Nested
    class Listeners {

        @Test
        void swallowsListenerExceptionsAndNotifiesTheRest() {
            RecordingListener after = new RecordingListener();
            CircuitBreaker cb = fixture.builder()
                    .listener(s -> {
                        throw new IllegalStateException("listener bug");
                    })
                    .listener(after)
                    .build();

            assertThatCode(cb::forceOpen).doesNotThrowAnyException();

            assertThat(after.transitions()).containsExactly("CLOSED->FORCED_OPEN");
        }

        @Test
        void letsAListenerCallBackIntoTheBreaker() {
            List<String> seen = new ArrayList<>();
            CircuitBreaker[] holder = new CircuitBreaker[1];
            holder[0] = fixture.builder()
                    .listener(s -> {
                        seen.add(s.oldState() + "->" + s.newState());
                        if (s.newState() == State.OPEN) {
                            holder[0].reset();
                        }
                    })
                    .build();

            for (int i = 0; i < 4; i++) {
                fail(holder[0]);
            }

            assertThat(seen).containsExactly("CLOSED->OPEN", "OPEN->CLOSED");
            assertThat(fixture.listener.transitions()).containsExactly("CLOSED->OPEN", "OPEN->CLOSED");
            assertThat(holder[0].state()).isEqualTo(State.CLOSED);
        }

        @Test
        void deliversTheSignalBeforeTheCausingCallReturns() {
            CircuitBreaker cb = fixture.builder().build();
            for (int i = 0; i < 3; i++) {
                fail(cb);
            }
            assertThat(fixture.listener.signals).isEmpty();

            fail(cb);

            assertThat(fixture.listener.transitions()).containsExactly("CLOSED->OPEN");
        }
    }

    static final class TestError extends Error {
        private static final long serialVersionUID = 1L;
    }
}
