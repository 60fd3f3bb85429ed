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
import io.fluxgate.trippers.AvgLatency;
import io.fluxgate.trippers.Closed;
import io.fluxgate.trippers.FailureRate;
import io.fluxgate.trippers.FailureStreak;
import io.fluxgate.trippers.HalfOpened;
import io.fluxgate.trippers.MinRequests;
import io.fluxgate.trippers.SlowRate;
import io.fluxgate.trippers.Tripper;
import io.fluxgate.windows.CountWindow;
import io.fluxgate.windows.TimeWindow;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * One generated breaker configuration, described so that it can be built twice: as the real breaker's
 * components and as the reference model's plain rules ({@link BreakerModel}). Each rule here restates SPEC §4
 * independently of the component's code.
 *
 * @param windowSize         calls of a {@code CountWindow}, or seconds of a {@code TimeWindow}
 * @param timeWindow         whether the window is a {@code TimeWindow}
 * @param slowThresholdNanos 0 for "no slow threshold"
 * @param maxHalfOpenNanos   {@code maxHalfOpenDuration}, 0 for the builder's default
 * @param measureDurations   {@code measureDurations(...)}: with {@code false} every duration counts as 0
 * @param randomSeed         seeds the generators of randomised retries and permits; the model replays them
 *                           from generators seeded alike ({@link #retryRandom()}, {@link #permitRandom()})
 * @param startNanos         the ticker's first reading (may be negative or close to overflow, as
 *                           {@code System.nanoTime()} may be)
 */
record ModelConfig(int windowSize, boolean timeWindow, TrackerSpec tracker, TripperSpec tripper, RetrySpec retry,
        PermitSpec permit, long slowThresholdNanos, int maxHalfOpenCalls, long maxHalfOpenNanos,
        boolean measureDurations, long randomSeed, long startNanos) {

    static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** How long HALF_OPEN may keep probes outstanding without a decision (SPEC §6: always bounded). */
    long halfOpenBoundNanos() {
        return maxHalfOpenNanos > 0 ? maxHalfOpenNanos
                : CircuitBreaker.Builder.DEFAULT_MAX_HALF_OPEN_DURATION.toNanos();
    }

    /** A count-window configuration with every newer option at its default. */
    ModelConfig(int windowSize, TrackerSpec tracker, TripperSpec tripper, RetrySpec retry, PermitSpec permit,
            long slowThresholdNanos, int maxHalfOpenCalls, long startNanos) {
        this(windowSize, false, tracker, tripper, retry, permit, slowThresholdNanos, maxHalfOpenCalls, 0, true, 0,
                startNanos);
    }

    ModelConfig withTimeWindow(boolean time) {
        return new ModelConfig(windowSize, time, tracker, tripper, retry, permit, slowThresholdNanos,
                maxHalfOpenCalls, maxHalfOpenNanos, measureDurations, randomSeed, startNanos);
    }

    ModelConfig withMaxHalfOpenNanos(long nanos) {
        return new ModelConfig(windowSize, timeWindow, tracker, tripper, retry, permit, slowThresholdNanos,
                maxHalfOpenCalls, nanos, measureDurations, randomSeed, startNanos);
    }

    ModelConfig withMeasureDurations(boolean measure) {
        return new ModelConfig(windowSize, timeWindow, tracker, tripper, retry, permit, slowThresholdNanos,
                maxHalfOpenCalls, maxHalfOpenNanos, measure, randomSeed, startNanos);
    }

    ModelConfig withRandomSeed(long seed) {
        return new ModelConfig(windowSize, timeWindow, tracker, tripper, retry, permit, slowThresholdNanos,
                maxHalfOpenCalls, maxHalfOpenNanos, measureDurations, seed, startNanos);
    }

    ModelConfig withStartNanos(long start) {
        return new ModelConfig(windowSize, timeWindow, tracker, tripper, retry, permit, slowThresholdNanos,
                maxHalfOpenCalls, maxHalfOpenNanos, measureDurations, randomSeed, start);
    }

    /** A fresh generator for the retry's jitter: the breaker gets one, the model an identical one. */
    RandomGenerator retryRandom() {
        return new SplittableRandom(randomSeed);
    }

    /** A fresh generator for the permit's draws: the breaker gets one, the model an identical one. */
    RandomGenerator permitRandom() {
        return new SplittableRandom(randomSeed ^ 0x5DEECE66DL);
    }

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

    /** What a tripper is evaluated with: the window's counts and total duration, the state, the streak. */
    record Seen(long total, long failures, long slow, long nanos, State state, int streak) {
    }

    /** A tripper as a tiny expression tree the model evaluates with exact arithmetic. */
    sealed interface TripperSpec {

        boolean test(Seen seen);

        Tripper build();

        /** Whether any leaf reads durations ({@code AvgLatency}). */
        default boolean usesDurations() {
            return false;
        }

        record MinReq(int count) implements TripperSpec {
            public boolean test(Seen seen) {
                return seen.total() >= count;
            }

            public Tripper build() {
                return new MinRequests(count);
            }
        }

        /** {@code failures / total >= num / den}, false when empty. */
        record FailRate(int num, int den) implements TripperSpec {
            public boolean test(Seen seen) {
                return seen.total() > 0 && seen.failures() * den >= (long) num * seen.total();
            }

            public Tripper build() {
                return new FailureRate((double) num / den);
            }
        }

        record SlowShare(int num, int den) implements TripperSpec {
            public boolean test(Seen seen) {
                return seen.total() > 0 && seen.slow() * den >= (long) num * seen.total();
            }

            public Tripper build() {
                return new SlowRate((double) num / den);
            }
        }

        /** {@code totalDuration / totalCount >= threshold}, false when empty; exact, with no division. */
        record Avg(long thresholdNanos) implements TripperSpec {
            public boolean test(Seen seen) {
                return seen.total() > 0 && java.math.BigInteger.valueOf(seen.nanos())
                        .compareTo(java.math.BigInteger.valueOf(thresholdNanos)
                                .multiply(java.math.BigInteger.valueOf(seen.total()))) >= 0;
            }

            public Tripper build() {
                return new AvgLatency(Duration.ofNanos(thresholdNanos));
            }

            @Override
            public boolean usesDurations() {
                return true;
            }
        }

        record Streak(int count) implements TripperSpec {
            public boolean test(Seen seen) {
                return seen.streak() >= count;
            }

            public Tripper build() {
                return new FailureStreak(count);
            }
        }

        record InState(State state) implements TripperSpec {
            public boolean test(Seen seen) {
                return seen.state() == state;
            }

            public Tripper build() {
                return state == State.CLOSED ? new Closed() : new HalfOpened();
            }
        }

        record And(TripperSpec left, TripperSpec right) implements TripperSpec {
            public boolean test(Seen seen) {
                return left.test(seen) && right.test(seen);
            }

            public Tripper build() {
                return left.build().and(right.build());
            }

            @Override
            public boolean usesDurations() {
                return left.usesDurations() || right.usesDurations();
            }
        }

        record Or(TripperSpec left, TripperSpec right) implements TripperSpec {
            public boolean test(Seen seen) {
                return left.test(seen) || right.test(seen);
            }

            public Tripper build() {
                return left.build().or(right.build());
            }

            @Override
            public boolean usesDurations() {
                return left.usesDurations() || right.usesDurations();
            }
        }
    }

    /**
     * How long OPEN waits, drawn once per OPEN stay; {@link Retry#NEVER} for never. A jittered wait is
     * {@code base × (1 + u)} with {@code u} drawn from the replayed generator as {@code nextDouble(-j, j)},
     * computed in {@code double} and truncated (the SPEC's formula; the exact rounding is the implementation's).
     */
    sealed interface RetrySpec {

        long waitNanos(int reopens, RandomGenerator random);

        Retry build(RandomGenerator random);

        default boolean jittered() {
            return false;
        }

        static long jitter(long base, double ratio, RandomGenerator random) {
            if (ratio == 0) {
                return base;
            }
            double waited = base * (1 + random.nextDouble(-ratio, ratio));
            return waited >= Retry.NEVER - 1 ? Retry.NEVER - 1 : (long) waited;
        }

        record CooldownOf(long nanos, double jitter) implements RetrySpec {
            CooldownOf(long nanos) {
                this(nanos, 0);
            }

            public long waitNanos(int reopens, RandomGenerator random) {
                return RetrySpec.jitter(nanos, jitter, random);
            }

            public Retry build(RandomGenerator random) {
                return new Cooldown(Duration.ofNanos(nanos), jitter, random);
            }

            @Override
            public boolean jittered() {
                return jitter > 0;
            }
        }

        /** min(initial × multiplier^reopens, max), computed exactly, then jittered. */
        record BackoffOf(long initialNanos, double multiplier, long maxNanos, double jitter) implements RetrySpec {
            BackoffOf(long initialNanos, double multiplier, long maxNanos) {
                this(initialNanos, multiplier, maxNanos, 0);
            }

            public long waitNanos(int reopens, RandomGenerator random) {
                BigDecimal grown = BigDecimal.valueOf(initialNanos)
                        .multiply(BigDecimal.valueOf(multiplier).pow(reopens));
                long base = grown.min(BigDecimal.valueOf(maxNanos)).setScale(0, RoundingMode.FLOOR).longValueExact();
                return RetrySpec.jitter(base, jitter, random);
            }

            public Retry build(RandomGenerator random) {
                return new Backoff(Duration.ofNanos(initialNanos), multiplier, Duration.ofNanos(maxNanos), jitter,
                        random);
            }

            @Override
            public boolean jittered() {
                return jitter > 0;
            }
        }

        record AlwaysRetry() implements RetrySpec {
            public long waitNanos(int reopens, RandomGenerator random) {
                return 0;
            }

            public Retry build(RandomGenerator random) {
                return new Always();
            }
        }

        record NeverRetry() implements RetrySpec {
            public long waitNanos(int reopens, RandomGenerator random) {
                return Retry.NEVER;
            }

            public Retry build(RandomGenerator random) {
                return new Never();
            }
        }
    }

    /** Which HALF_OPEN calls the permit admits, given the time since entering HALF_OPEN. */
    sealed interface PermitSpec {

        boolean admits(long elapsedNanos, RandomGenerator random);

        Permit build(RandomGenerator random);

        record AllPermit() implements PermitSpec {
            public boolean admits(long elapsedNanos, RandomGenerator random) {
                return true;
            }

            public Permit build(RandomGenerator random) {
                return new io.fluxgate.permits.All();
            }
        }

        /** One uniform draw in [0, 1) per HALF_OPEN call; admitted when below {@code ratio}. */
        record RandomPermit(double ratio) implements PermitSpec {
            public boolean admits(long elapsedNanos, RandomGenerator random) {
                return random.nextDouble() < ratio;
            }

            public Permit build(RandomGenerator random) {
                return new io.fluxgate.permits.Random(ratio, random);
            }
        }

        /**
         * One uniform draw per HALF_OPEN call, admitted below the ramp's probability: {@code initial} at 0,
         * growing linearly to {@code finalRatio} at {@code durationNanos}, then constant.
         */
        record Ramp(double initial, double finalRatio, long durationNanos) implements PermitSpec {
            public boolean admits(long elapsedNanos, RandomGenerator random) {
                double probability = elapsedNanos >= durationNanos ? finalRatio
                        : initial + (finalRatio - initial) * ((double) Math.max(elapsedNanos, 0) / durationNanos);
                return random.nextDouble() < probability;
            }

            public Permit build(RandomGenerator random) {
                return new io.fluxgate.permits.RampUp(initial, finalRatio, Duration.ofNanos(durationNanos), random);
            }
        }

        /** A user permit that admits once HALF_OPEN has lasted {@code nanos}. */
        record After(long nanos) implements PermitSpec {
            public boolean admits(long elapsedNanos, RandomGenerator random) {
                return elapsedNanos >= nanos;
            }

            public Permit build(RandomGenerator random) {
                long threshold = nanos;
                return elapsed -> elapsed >= threshold;
            }
        }
    }

    CircuitBreaker.Builder builder(Ticker ticker, java.time.Clock clock) {
        CircuitBreaker.Builder builder = CircuitBreaker.builder("model")
                .window(timeWindow ? new TimeWindow(windowSize) : new CountWindow(windowSize))
                .tracker(tracker.build())
                .tripper(tripper.build())
                .retry(retry.build(retryRandom()))
                .permit(permit.build(permitRandom()))
                .maxHalfOpenCalls(maxHalfOpenCalls)
                .measureDurations(measureDurations)
                .ticker(ticker)
                .clock(clock);
        if (slowThresholdNanos > 0) {
            builder.slowThreshold(Duration.ofNanos(slowThresholdNanos));
        }
        if (maxHalfOpenNanos > 0) {
            builder.maxHalfOpenDuration(Duration.ofNanos(maxHalfOpenNanos));
        }
        return builder;
    }

    /** The duration the breaker records for a call that took {@code nanos}: 0 when durations are not measured. */
    long recorded(long nanos) {
        return measureDurations ? nanos : 0;
    }

    boolean isSlow(long durationNanos) {
        return slowThresholdNanos > 0 && durationNanos >= slowThresholdNanos;
    }
}
