package io.fluxgate;

import io.fluxgate.ModelConfig.PermitSpec;
import io.fluxgate.ModelConfig.RetrySpec;
import io.fluxgate.ModelConfig.TrackerSpec;
import io.fluxgate.ModelConfig.TripperSpec;
import io.fluxgate.ModelConfig.TripperSpec.And;
import io.fluxgate.ModelConfig.TripperSpec.FailRate;
import io.fluxgate.ModelConfig.TripperSpec.InState;
import io.fluxgate.ModelConfig.TripperSpec.MinReq;
import io.fluxgate.ModelConfig.TripperSpec.Or;
import io.fluxgate.ModelConfig.TripperSpec.SlowShare;
import io.fluxgate.ModelConfig.TripperSpec.Streak;
import io.fluxgate.ModelRun.Action;
import io.fluxgate.ModelRun.Ending;
import io.fluxgate.ModelRun.Outcome;
import java.util.List;
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
 * the four properties together run 10 000 sequences.
 */
class CircuitBreakerModelTests {

    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;
    private static final long DAY = 86_400 * SECOND;

    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    @Property(tries = 5_500, edgeCases = EdgeCasesMode.NONE, seed = "20260101")
    void agreesWithTheModelOnRandomConfigurations(@ForAll("anyConfig") ModelConfig config,
            @ForAll("actions") List<Action> actions) {
        check(config, actions);
    }

    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    @Property(tries = 1_500, edgeCases = EdgeCasesMode.NONE, seed = "20260102")
    void agreesWithTheModelWithAWindowOfOne(@ForAll("windowOfOne") ModelConfig config,
            @ForAll("actions") List<Action> actions) {
        check(config, actions);
    }

    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    @Property(tries = 1_500, edgeCases = EdgeCasesMode.NONE, seed = "20260103")
    void agreesWithTheModelWhenMinRequestsExceedsTheWindow(@ForAll("minRequestsAboveWindow") ModelConfig config,
            @ForAll("actions") List<Action> actions) {
        check(config, actions);
    }

    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    @Property(tries = 1_500, edgeCases = EdgeCasesMode.NONE, seed = "20260104")
    void agreesWithTheModelWithASingleProbe(@ForAll("singleProbe") ModelConfig config,
            @ForAll("actions") List<Action> actions) {
        check(config, actions);
    }

    /**
     * Runs one sequence and counts what it went through; the coverage checks keep the generators honest (a
     * generator that stops reaching HALF_OPEN would otherwise make every property pass vacuously): each
     * listed event must happen in at least 1% of the sequences.
     */
    private static void check(ModelConfig config, List<Action> actions) {
        ModelRun run = new ModelRun(config);
        run.run(actions);
        for (String event : COVERED) {
            Statistics.label(event).collect(run.events().contains(event));
            Statistics.label(event).coverage(coverage -> coverage.check(true).percentage(p -> p >= 1.0));
        }
    }

    private static final List<String> COVERED = List.of("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED",
            "HALF_OPEN->OPEN", "probe limit", "stale outcome");

    // ---------------------------------------------------------------------------------------------------------
    // Configurations

    @Provide
    Arbitrary<ModelConfig> anyConfig() {
        return configs(Arbitraries.integers().between(1, 12), size -> trippers(2),
                Arbitraries.integers().between(1, 5));
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
                Tuple.of(1, Arbitraries.of(true, false).map(PermitSpec.CertainRandom::new)),
                Tuple.of(2, Arbitraries.of(MS, SECOND, 30 * SECOND).map(PermitSpec.After::new)));
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
        Arbitrary<Action> call = Combinators.combine(outcomes, durations, Arbitraries.of(false, true))
                .as(Action.Call::new);
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
        Arbitrary<Action> action = Arbitraries.frequencyOf(
                Tuple.of(10, call), Tuple.of(4, start), Tuple.of(4, finish), Tuple.of(3, advance),
                Tuple.of(4, toWait), Tuple.of(1, manual));
        return action.list().ofMinSize(5).ofMaxSize(80);
    }
}
