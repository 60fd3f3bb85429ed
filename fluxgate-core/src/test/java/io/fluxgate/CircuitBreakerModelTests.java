package io.fluxgate;

import io.fluxgate.ModelConfig.PermitSpec;
import io.fluxgate.ModelConfig.RetrySpec;
import io.fluxgate.ModelConfig.TrackerSpec;
import io.fluxgate.ModelConfig.TripperSpec;
import io.fluxgate.ModelConfig.TripperSpec.And;
import io.fluxgate.ModelConfig.TripperSpec.Avg;
import io.fluxgate.ModelConfig.TripperSpec.FailRate;
import io.fluxgate.ModelConfig.TripperSpec.InState;
import io.fluxgate.ModelConfig.TripperSpec.MinReq;
import io.fluxgate.ModelConfig.TripperSpec.Or;
import io.fluxgate.ModelConfig.TripperSpec.SlowShare;
import io.fluxgate.ModelConfig.TripperSpec.Streak;
import io.fluxgate.ModelRun.Action;
import io.fluxgate.ModelRun.Ending;
import io.fluxgate.ModelRun.Outcome;
import io.fluxgate.ModelRun.Variant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Model-based tests: random action sequences run against a real breaker and against {@link BreakerModel}, a
 * plain restatement of SPEC §3–§4; after every step both must agree on state, window, reopens, counters,
 * rejections, probe slots and signals (see {@link ModelRun}). Seeds are fixed, so a CI run is reproducible;
 * the six properties together run 11 100 sequences (about 10 s on 2 cores).
 */
class CircuitBreakerModelTests {

    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;
    private static final long DAY = 86_400 * SECOND;

    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    @Property(tries = 4_000, edgeCases = EdgeCasesMode.NONE, seed = "20260101")
    void agreesWithTheModelOnRandomConfigurations(@ForAll("anyConfig") ModelConfig config,
            @ForAll("actions") List<Action> actions) {
        check(config, actions, ANY);
    }

    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    @Property(tries = 1_200, edgeCases = EdgeCasesMode.NONE, seed = "20260102")
    void agreesWithTheModelWithAWindowOfOne(@ForAll("windowOfOne") ModelConfig config,
            @ForAll("actions") List<Action> actions) {
        check(config, actions, COVERED);
    }

    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    @Property(tries = 1_200, edgeCases = EdgeCasesMode.NONE, seed = "20260103")
    void agreesWithTheModelWhenMinRequestsExceedsTheWindow(@ForAll("minRequestsAboveWindow") ModelConfig config,
            @ForAll("actions") List<Action> actions) {
        check(config, actions, COVERED);
    }

    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    @Property(tries = 1_200, edgeCases = EdgeCasesMode.NONE, seed = "20260104")
    void agreesWithTheModelWithASingleProbe(@ForAll("singleProbe") ModelConfig config,
            @ForAll("actions") List<Action> actions) {
        check(config, actions, COVERED);
    }

    /** TimeWindow(1..5): calls on both sides of second boundaries, idle gaps, jumps of days. */
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    @Property(tries = 2_000, edgeCases = EdgeCasesMode.NONE, seed = "20260105")
    void agreesWithTheModelOnTimeWindows(@ForAll("timeWindows") ModelConfig config,
            @ForAll("actions") List<Action> actions) {
        check(config, actions, TIME);
    }

    /** Jittered retries, Random and RampUp permits (replayed from the same seed), maxHalfOpenDuration. */
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    @Property(tries = 1_500, edgeCases = EdgeCasesMode.NONE, seed = "20260106")
    void agreesWithTheModelOnRandomisedRetriesAndPermits(@ForAll("randomised") ModelConfig config,
            @ForAll("actions") List<Action> actions) {
        check(config, actions, RANDOMISED);
    }

    /**
     * Runs one sequence and counts what it went through; the coverage checks keep the generators honest (a
     * generator that stops reaching HALF_OPEN would otherwise make every property pass vacuously): each
     * listed event must happen in at least 1% of the sequences.
     */
    private static void check(ModelConfig config, List<Action> actions, List<String> covered) {
        ModelRun run = new ModelRun(config);
        run.run(actions);
        for (String event : covered) {
            Statistics.label(event).collect(run.events().contains(event));
            Statistics.label(event).coverage(coverage -> coverage.check(true).percentage(p -> p >= 1.0));
        }
    }

    private static final List<String> COVERED = List.of("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED",
            "HALF_OPEN->OPEN", "probe limit", "stale outcome");

    private static final List<String> ANY = concat(COVERED, "AvgLatency fired", "unmeasured call recorded",
            "successful probe reopened",
            "fallback got a rejection", "fallback got the call's exception", "bucket expired on read",
            "jittered wait drawn", "random permit refused", "half-open bound passed");

    private static final List<String> TIME = concat(COVERED, "bucket expired on read",
            "bucket expired before evaluation", "AvgLatency fired");

    private static final List<String> RANDOMISED = concat(COVERED, "jittered wait drawn", "random permit admitted",
            "random permit refused", "half-open bound passed");

    private static List<String> concat(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return List.copyOf(all);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Configurations

    /** Everything, including the newer options, in small proportions. */
    @Provide
    Arbitrary<ModelConfig> anyConfig() {
        return extended(configs(Arbitraries.integers().between(1, 12), size -> trippers(2),
                Arbitraries.integers().between(1, 5)), 1);
    }

    @Provide
    Arbitrary<ModelConfig> windowOfOne() {
        return configs(Arbitraries.just(1), size -> trippers(2), Arbitraries.integers().between(1, 4));
    }

    @Provide
    Arbitrary<ModelConfig> minRequestsAboveWindow() {
        return configs(Arbitraries.integers().between(1, 8), size -> {
            Arbitrary<TripperSpec> gated = Combinators.combine(Arbitraries.integers().between(1, 5), trippers(1))
                    .as((extra, rest) -> new And(new MinReq(size + extra), rest));
            return Arbitraries.frequencyOf(
                    Tuple.of(1, gated),
                    Tuple.of(1, Combinators.combine(gated, streak()).as(Or::new)));
        }, Arbitraries.integers().between(1, 4));
    }

    @Provide
    Arbitrary<ModelConfig> singleProbe() {
        return configs(Arbitraries.integers().between(1, 8), size -> trippers(2), Arbitraries.just(1));
    }

    @Provide
    Arbitrary<ModelConfig> timeWindows() {
        return Combinators.combine(
                configs(Arbitraries.integers().between(1, 5), size -> trippers(2),
                        Arbitraries.integers().between(1, 4)),
                timeWindowStarts())
                .as((config, start) -> config.withTimeWindow(true).withStartNanos(start));
    }

    @Provide
    Arbitrary<ModelConfig> randomised() {
        return extended(configs(Arbitraries.integers().between(1, 8), size -> trippers(2),
                Arbitraries.integers().between(1, 4)), 6);
    }

    /**
     * Adds the newer options to base configurations: jittered retries and random permits with a seed, a
     * {@code maxHalfOpenDuration}, a time window (with start times that cannot wrap around during a run), and
     * {@code measureDurations(false)} where allowed. {@code weight} makes the randomised options likelier.
     */
    private Arbitrary<ModelConfig> extended(Arbitrary<ModelConfig> base, int weight) {
        Arbitrary<RetrySpec> jittered = Combinators.combine(Arbitraries.of(MS, SECOND, 60 * SECOND),
                Arbitraries.of(0.1, 0.5, 0.9), Arbitraries.of(false, true))
                .as((nanos, jitter, backoff) -> backoff
                        ? new RetrySpec.BackoffOf(nanos, 2.0, nanos * 8, jitter)
                        : new RetrySpec.CooldownOf(nanos, jitter));
        Arbitrary<PermitSpec> random = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.of(0.0, 0.25, 0.5, 0.9, 1.0).map(PermitSpec.RandomPermit::new)),
                Tuple.of(2, Combinators.combine(Arbitraries.of(0.1, 0.3), Arbitraries.of(0.3, 0.7, 1.0),
                        Arbitraries.of(MS, SECOND, 30 * SECOND)).as(PermitSpec.Ramp::new)));
        return Combinators.combine(base,
                Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(Optional.<RetrySpec>empty())),
                        Tuple.of(weight, jittered.map(Optional::of))),
                Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(Optional.<PermitSpec>empty())),
                        Tuple.of(weight, random.map(Optional::of))),
                Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(0L)),
                        Tuple.of(weight, Arbitraries.of(1L, MS, SECOND, 30 * SECOND))),
                Arbitraries.longs(),
                Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.just(false)), Tuple.of(1, Arbitraries.just(true))),
                Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(true)), Tuple.of(1, Arbitraries.just(false))),
                timeWindowStarts())
                .as((config, retry, permit, bound, seed, time, measure, timeStart) -> {
                    ModelConfig extended = new ModelConfig(config.windowSize(), false, config.tracker(),
                            config.tripper(), retry.orElse(config.retry()), permit.orElse(config.permit()),
                            config.slowThresholdNanos(), config.maxHalfOpenCalls(), bound, true, seed,
                            config.startNanos());
                    if (time) {
                        extended = extended.withTimeWindow(true).withStartNanos(timeStart);
                    }
                    boolean untimable = config.slowThresholdNanos() > 0 || config.tripper().usesDurations();
                    return measure || untimable ? extended : extended.withMeasureDurations(false);
                });
    }

    private Arbitrary<ModelConfig> configs(Arbitrary<Integer> windowSizes, IntFunction<Arbitrary<TripperSpec>> trippers,
            Arbitrary<Integer> maxHalfOpenCalls) {
        return windowSizes.flatMap(size -> Combinators.combine(
                Arbitraries.of(TrackerSpec.class), trippers.apply(size), retries(), permits(),
                Arbitraries.of(0L, 1L, MS, 100 * MS, SECOND), maxHalfOpenCalls, startTimes())
                .as((tracker, tripper, retry, permit, slow, probes, start) ->
                        new ModelConfig(size, tracker, tripper, retry, permit, slow, probes, start)));
    }

    private Arbitrary<TripperSpec> trippers(int depth) {
        if (depth == 0) {
            return leaves();
        }
        Arbitrary<TripperSpec> smaller = trippers(depth - 1);
        return Arbitraries.frequencyOf(
                Tuple.of(2, leaves()),
                Tuple.of(3, Combinators.combine(smaller, smaller).as(And::new)),
                Tuple.of(1, Combinators.combine(smaller, smaller).as(Or::new)));
    }

    private Arbitrary<TripperSpec> leaves() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(1, 10).map(MinReq::new)),
                Tuple.of(3, Arbitraries.of(new FailRate(1, 2), new FailRate(3, 5), new FailRate(1, 1),
                        new FailRate(1, 3), new FailRate(2, 3), new FailRate(1, 4))),
                Tuple.of(1, Arbitraries.of(new SlowShare(1, 2), new SlowShare(1, 1), new SlowShare(1, 3))),
                Tuple.of(1, Arbitraries.of(1L, MS, 100 * MS, 150 * MS, SECOND).map(Avg::new)),
                Tuple.of(2, streak()),
                Tuple.of(1, Arbitraries.of(new InState(State.CLOSED), new InState(State.HALF_OPEN))));
    }

    private Arbitrary<TripperSpec> streak() {
        return Arbitraries.integers().between(1, 5).map(Streak::new);
    }

    private Arbitrary<RetrySpec> retries() {
        Arbitrary<RetrySpec> backoff = Combinators.combine(
                Arbitraries.of(MS, SECOND, 10 * SECOND), Arbitraries.of(1.5, 2.0, 3.0), Arbitraries.of(1L, 4L, 300L))
                .as((initial, multiplier, factor) -> new RetrySpec.BackoffOf(initial, multiplier, initial * factor));
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(1L, MS, SECOND, 60 * SECOND, DAY).map(RetrySpec.CooldownOf::new)),
                Tuple.of(3, backoff),
                Tuple.of(1, Arbitraries.just(new RetrySpec.AlwaysRetry())),
                Tuple.of(1, Arbitraries.just(new RetrySpec.NeverRetry())));
    }

    private Arbitrary<PermitSpec> permits() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(new PermitSpec.AllPermit())),
                Tuple.of(1, Arbitraries.of(0.0, 1.0).map(PermitSpec.RandomPermit::new)),
                Tuple.of(2, Arbitraries.of(MS, SECOND, 30 * SECOND).map(PermitSpec.After::new)));
    }

    /**
     * Start times for time windows: anywhere at or below 0, so that a run (at most 80 jumps of 1 000 days) never
     * wraps the ticker around; buckets are aligned to the ticker's absolute seconds.
     */
    private Arbitrary<Long> timeWindowStarts() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(0L)),
                Tuple.of(2, Arbitraries.longs().between(Long.MIN_VALUE, 0)),
                Tuple.of(1, Arbitraries.just(-SECOND + 1)),
                Tuple.of(1, Arbitraries.just(Long.MIN_VALUE)));
    }

    /** {@code System.nanoTime()} may start anywhere, negative or about to overflow. */
    private Arbitrary<Long> startTimes() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(0L)),
                Tuple.of(2, Arbitraries.longs()),
                Tuple.of(1, Arbitraries.just(Long.MAX_VALUE - 10 * SECOND)),
                Tuple.of(1, Arbitraries.just(Long.MIN_VALUE)));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Actions

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<Outcome> outcomes = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(Outcome.OK)),
                Tuple.of(4, Arbitraries.just(Outcome.IO)),
                Tuple.of(1, Arbitraries.just(Outcome.ILLEGAL_STATE)),
                Tuple.of(1, Arbitraries.just(Outcome.ERROR)));
        Arbitrary<Integer> durations = Arbitraries.integers().between(0, ModelRun.DURATION_CHOICES - 1);
        Arbitrary<Variant> variants = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(Variant.CALL)),
                Tuple.of(4, Arbitraries.just(Variant.ASYNC)),
                Tuple.of(2, Arbitraries.of(Variant.CALL_WITH_FALLBACK, Variant.ASYNC_WITH_FALLBACK)),
                Tuple.of(2, Arbitraries.of(Variant.GET, Variant.RUN, Variant.DECORATE_SUPPLIER,
                        Variant.DECORATE_CALLABLE, Variant.DECORATE_RUNNABLE, Variant.DECORATE_FUNCTION)));
        Arbitrary<Action> call = Combinators.combine(outcomes, durations, variants).as(Action.Call::new);
        Arbitrary<Action> start = Combinators.combine(Arbitraries.of(false, true),
                Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(1)),
                        Tuple.of(1, Arbitraries.integers().between(2, 6))))
                .as(Action.Start::new);
        Arbitrary<Action> finish = Combinators.combine(Arbitraries.integers().between(0, 7), outcomes,
                Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(Ending.COMPLETE)),
                        Tuple.of(1, Arbitraries.just(Ending.CANCEL)),
                        Tuple.of(1, Arbitraries.just(Ending.CANCEL_SOURCE))),
                durations).as(Action.Finish::new);
        Arbitrary<Action> advance = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.longs().between(0, 2 * SECOND)),
                Tuple.of(2, Arbitraries.longs().between(SECOND, 600 * SECOND)),
                Tuple.of(1, Arbitraries.longs().between(DAY, 1_000 * DAY))).map(Action.Advance::new);
        Arbitrary<Action> toWait = Arbitraries.of(-1, 0, 1).map(Action.AdvanceToWait::new);
        Arbitrary<Action> manual = Arbitraries.of(State.CLOSED, State.FORCED_OPEN, State.DISABLED, State.METRICS_ONLY)
                .map(Action.Manual::new);
        Arbitrary<Action> boundary = Combinators.combine(Arbitraries.integers().between(0, 6), Arbitraries.of(-1, 0))
                .as(Action.AdvanceToBoundary::new);
        Arbitrary<Action> action = Arbitraries.frequencyOf(
                Tuple.of(10, call), Tuple.of(4, start), Tuple.of(4, finish), Tuple.of(3, advance),
                Tuple.of(4, toWait), Tuple.of(1, manual), Tuple.of(2, boundary));
        return action.list().ofMinSize(5).ofMaxSize(80);
    }
}
