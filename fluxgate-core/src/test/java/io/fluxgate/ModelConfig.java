package io.fluxgate;

import io.fluxgate.permits.Permit;
import io.fluxgate.retries.Always;
import io.fluxgate.retries.Backoff;
import io.fluxgate.retries.Cooldown;
import io.fluxgate.retries.Never;
import io.fluxgate.retries.Retry;
import io.fluxgate.trackers.All;
import io.fluxgate.trackers.Custom;
import io.fluxgate.trackers.Tracker;
import io.fluxgate.trackers.TypeOf;
import io.fluxgate.trippers.Closed;
import io.fluxgate.trippers.FailureRate;
import io.fluxgate.trippers.FailureStreak;
import io.fluxgate.trippers.HalfOpened;
import io.fluxgate.trippers.MinRequests;
import io.fluxgate.trippers.SlowRate;
import io.fluxgate.trippers.Tripper;
import io.fluxgate.windows.CountWindow;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * One generated breaker configuration, described so that it can be built twice: as the real breaker's
 * components and as the reference model's plain rules ({@link BreakerModel}). Each rule here restates SPEC §4
 * independently of the component's code.
 *
 * @param slowThresholdNanos 0 for "no slow threshold"
 * @param startNanos         the ticker's first reading (may be negative or close to overflow, as
 *                           {@code System.nanoTime()} may be)
 */
record ModelConfig(int windowSize, TrackerSpec tracker, TripperSpec tripper, RetrySpec retry, PermitSpec permit,
        long slowThresholdNanos, int maxHalfOpenCalls, long startNanos) {

    /** What a protected call can throw. */
    enum Fault {
        IO, ILLEGAL_STATE, ERROR;

        Throwable newThrowable() {
            return switch (this) {
                case IO -> new IOException("model io");
                case ILLEGAL_STATE -> new IllegalStateException("model illegal state");
                case ERROR -> new ModelError();
            };
        }
    }

    /** An {@link Error} the model throws; {@code All()} does not track it. */
    static final class ModelError extends Error {
        private static final long serialVersionUID = 1L;

        ModelError() {
            super("model error", null, false, false);
        }
    }

    enum TrackerSpec {
        ALL(true, true, false),
        TYPE_OF_IO(true, false, false),
        TYPE_OF_IO_AND_ERROR(true, false, true),
        CUSTOM_NOT_ILLEGAL_STATE(true, false, true),
        ALL_AND_NOT_ILLEGAL_STATE(true, false, false);

        private final boolean io;
        private final boolean illegalState;
        private final boolean error;

        TrackerSpec(boolean io, boolean illegalState, boolean error) {
            this.io = io;
            this.illegalState = illegalState;
            this.error = error;
        }

        boolean tracks(Fault fault) {
            return switch (fault) {
                case IO -> io;
                case ILLEGAL_STATE -> illegalState;
                case ERROR -> error;
            };
        }

        Tracker build() {
            return switch (this) {
                case ALL -> new All();
                case TYPE_OF_IO -> new TypeOf(IOException.class);
                case TYPE_OF_IO_AND_ERROR -> new TypeOf(IOException.class).or(new TypeOf(ModelError.class));
                case CUSTOM_NOT_ILLEGAL_STATE ->
                        new Custom("not-illegal-state", e -> !(e instanceof IllegalStateException));
                case ALL_AND_NOT_ILLEGAL_STATE -> new All().and(new TypeOf(IllegalStateException.class).negate());
            };
        }
    }

    /** A tripper as a tiny expression tree the model evaluates with exact arithmetic. */
    sealed interface TripperSpec {

        boolean test(long total, long failures, long slow, State state, int streak);

        Tripper build();

        record MinReq(int count) implements TripperSpec {
            public boolean test(long total, long failures, long slow, State state, int streak) {
                return total >= count;
            }

            public Tripper build() {
                return new MinRequests(count);
            }
        }

        /** {@code failures / total >= num / den}, false when empty. */
        record FailRate(int num, int den) implements TripperSpec {
            public boolean test(long total, long failures, long slow, State state, int streak) {
                return total > 0 && failures * den >= (long) num * total;
            }

            public Tripper build() {
                return new FailureRate((double) num / den);
            }
        }

        record SlowShare(int num, int den) implements TripperSpec {
            public boolean test(long total, long failures, long slow, State state, int streak) {
                return total > 0 && slow * den >= (long) num * total;
            }

            public Tripper build() {
                return new SlowRate((double) num / den);
            }
        }

        record Streak(int count) implements TripperSpec {
            public boolean test(long total, long failures, long slow, State state, int streak) {
                return streak >= count;
            }

            public Tripper build() {
                return new FailureStreak(count);
            }
        }

        record InState(State state) implements TripperSpec {
            public boolean test(long total, long failures, long slow, State current, int streak) {
                return current == state;
            }

            public Tripper build() {
                return state == State.CLOSED ? new Closed() : new HalfOpened();
            }
        }

        record And(TripperSpec left, TripperSpec right) implements TripperSpec {
            public boolean test(long total, long failures, long slow, State state, int streak) {
                return left.test(total, failures, slow, state, streak)
                        && right.test(total, failures, slow, state, streak);
            }

            public Tripper build() {
                return left.build().and(right.build());
            }
        }

        record Or(TripperSpec left, TripperSpec right) implements TripperSpec {
            public boolean test(long total, long failures, long slow, State state, int streak) {
                return left.test(total, failures, slow, state, streak)
                        || right.test(total, failures, slow, state, streak);
            }

            public Tripper build() {
                return left.build().or(right.build());
            }
        }
    }

    /** How long OPEN waits, drawn once per OPEN episode; {@link Retry#NEVER} for never. */
    sealed interface RetrySpec {

        long waitNanos(int reopens);

        Retry build();

        record CooldownOf(long nanos) implements RetrySpec {
            public long waitNanos(int reopens) {
                return nanos;
            }

            public Retry build() {
                return new Cooldown(Duration.ofNanos(nanos));
            }
        }

        /** min(initial × multiplier^reopens, max), computed exactly. */
        record BackoffOf(long initialNanos, double multiplier, long maxNanos) implements RetrySpec {
            public long waitNanos(int reopens) {
                BigDecimal grown = BigDecimal.valueOf(initialNanos)
                        .multiply(BigDecimal.valueOf(multiplier).pow(reopens));
                return grown.min(BigDecimal.valueOf(maxNanos)).setScale(0, RoundingMode.FLOOR).longValueExact();
            }

            public Retry build() {
                return new Backoff(Duration.ofNanos(initialNanos), multiplier, Duration.ofNanos(maxNanos), 0);
            }
        }

        record AlwaysRetry() implements RetrySpec {
            public long waitNanos(int reopens) {
                return 0;
            }

            public Retry build() {
                return new Always();
            }
        }

        record NeverRetry() implements RetrySpec {
            public long waitNanos(int reopens) {
                return Retry.NEVER;
            }

            public Retry build() {
                return new Never();
            }
        }
    }

    /** Which HALF_OPEN calls the permit admits, given the time since entering HALF_OPEN. */
    sealed interface PermitSpec {

        boolean admits(long elapsedNanos);

        Permit build();

        record AllPermit() implements PermitSpec {
            public boolean admits(long elapsedNanos) {
                return true;
            }

            public Permit build() {
                return new io.fluxgate.permits.All();
            }
        }

        /** {@code Random(1.0)} admits everything, {@code Random(0.0)} nothing. */
        record CertainRandom(boolean admitsAll) implements PermitSpec {
            public boolean admits(long elapsedNanos) {
                return admitsAll;
            }

            public Permit build() {
                return new io.fluxgate.permits.Random(admitsAll ? 1.0 : 0.0);
            }
        }

        /** A user permit that admits once HALF_OPEN has lasted {@code nanos}. */
        record After(long nanos) implements PermitSpec {
            public boolean admits(long elapsedNanos) {
                return elapsedNanos >= nanos;
            }

            public Permit build() {
                long threshold = nanos;
                return elapsed -> elapsed >= threshold;
            }
        }
    }

    CircuitBreaker.Builder builder(Ticker ticker, java.time.Clock clock) {
        CircuitBreaker.Builder builder = CircuitBreaker.builder("model")
                .window(new CountWindow(windowSize))
                .tracker(tracker.build())
                .tripper(tripper.build())
                .retry(retry.build())
                .permit(permit.build())
                .maxHalfOpenCalls(maxHalfOpenCalls)
                .ticker(ticker)
                .clock(clock);
        if (slowThresholdNanos > 0) {
            builder.slowThreshold(Duration.ofNanos(slowThresholdNanos));
        }
        return builder;
    }

    boolean isSlow(long durationNanos) {
        return slowThresholdNanos > 0 && durationNanos >= slowThresholdNanos;
    }
}
