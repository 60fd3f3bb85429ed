package io.fluxgate.expression;

import static io.fluxgate.expression.Family.Param.optional;
import static io.fluxgate.expression.Family.Param.required;
import static io.fluxgate.expression.Family.Param.variadic;
import static io.fluxgate.expression.Family.Type.BEAN;
import static io.fluxgate.expression.Family.Type.DECIMAL;
import static io.fluxgate.expression.Family.Type.DURATION;
import static io.fluxgate.expression.Family.Type.INTEGER;
import static io.fluxgate.expression.Family.Type.THROWABLE_CLASS;

import io.fluxgate.permits.Permit;
import io.fluxgate.permits.RampUp;
import io.fluxgate.permits.Random;
import io.fluxgate.retries.Always;
import io.fluxgate.retries.Backoff;
import io.fluxgate.retries.Cooldown;
import io.fluxgate.retries.Never;
import io.fluxgate.retries.Retry;
import io.fluxgate.expression.Family.Component;
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
import io.fluxgate.windows.Window;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The built-in components of each family, with their parameters in constructor order. Parameter names are
 * the constructors' own, in snake_case. Validation stays in the constructors.
 */
final class Catalog {

    static final Family<Window> WINDOWS = new Family<>(Window.class, "window", "windows", List.of(
            new Component<>("CountWindow", List.of(required("size", INTEGER)),
                    a -> new CountWindow(a.<Integer>get("size"))),
            new Component<>("TimeWindow", List.of(required("seconds", INTEGER)),
                    a -> new TimeWindow(a.<Integer>get("seconds")))),
            null, null, null);

    static final Family<Tracker> TRACKERS = new Family<>(Tracker.class, "tracker", "trackers", List.of(
            new Component<>("All", List.of(), a -> new io.fluxgate.trackers.All()),
            new Component<>("TypeOf", List.of(variadic("types", THROWABLE_CLASS)),
                    a -> new TypeOf(a.<Class<? extends Throwable>>list("types"))),
            new Component<>("Custom", List.of(required("name", BEAN)), Catalog::custom)),
            Tracker::and, Tracker::or, Tracker::negate);

    static final Family<Tripper> TRIPPERS = new Family<>(Tripper.class, "tripper", "trippers", List.of(
            new Component<>("Closed", List.of(), a -> new Closed()),
            new Component<>("HalfOpened", List.of(), a -> new HalfOpened()),
            new Component<>("MinRequests", List.of(required("count", INTEGER)),
                    a -> new MinRequests(a.<Integer>get("count"))),
            new Component<>("FailureRate", List.of(required("ratio", DECIMAL)),
                    a -> new FailureRate(a.<Double>get("ratio"))),
            new Component<>("SlowRate", List.of(required("ratio", DECIMAL)),
                    a -> new SlowRate(a.<Double>get("ratio"))),
            new Component<>("AvgLatency", List.of(required("threshold", DURATION)),
                    a -> new AvgLatency(a.get("threshold"))),
            new Component<>("FailureStreak", List.of(required("count", INTEGER)),
                    a -> new FailureStreak(a.<Integer>get("count")))),
            Tripper::and, Tripper::or, null);

    static final Family<Retry> RETRIES = new Family<>(Retry.class, "retry", "retries", List.of(
            new Component<>("Always", List.of(), a -> new Always()),
            new Component<>("Never", List.of(), a -> new Never()),
            new Component<>("Cooldown", List.of(required("duration", DURATION), optional("jitter_ratio", DECIMAL)),
                    Catalog::cooldown),
            new Component<>("Backoff", List.of(required("initial", DURATION), optional("multiplier", DECIMAL),
                    optional("max_duration", DURATION), optional("jitter_ratio", DECIMAL)), Catalog::backoff)),
            null, null, null);

    static final Family<Permit> PERMITS = new Family<>(Permit.class, "permit", "permits", List.of(
            new Component<>("All", List.of(), a -> new io.fluxgate.permits.All()),
            new Component<>("Random", List.of(required("ratio", DECIMAL)),
                    a -> new Random(a.<Double>get("ratio"))),
            new Component<>("RampUp", List.of(required("initial", DECIMAL),
                    required("final", DECIMAL).alias("final_ratio"), required("duration", DURATION)),
                    a -> new RampUp(a.<Double>get("initial"), a.<Double>get("final"), a.get("duration")))),
            null, null, null);

    /** Every family, in the order {@link Expressions} documents them. */
    static final List<Family<?>> FAMILIES = List.of(WINDOWS, TRACKERS, TRIPPERS, RETRIES, PERMITS);

    private Catalog() {
    }

    private static Tracker custom(Arguments arguments) {
        Map.Entry<String, Predicate<Throwable>> bean = arguments.get("name");
        return new Custom(bean.getKey(), bean.getValue());
    }

    private static Retry cooldown(Arguments a) {
        Double jitter = a.find("jitter_ratio");
        return jitter == null ? new Cooldown(a.get("duration")) : new Cooldown(a.get("duration"), jitter);
    }

    private static Retry backoff(Arguments a) {
        Duration initial = a.get("initial");
        if (!a.has("multiplier") && !a.has("max_duration") && !a.has("jitter_ratio")) {
            return new Backoff(initial);
        }
        Double multiplier = a.find("multiplier");
        Duration maxDuration = a.find("max_duration");
        Double jitter = a.find("jitter_ratio");
        return new Backoff(initial, multiplier != null ? multiplier : Backoff.DEFAULT_MULTIPLIER,
                maxDuration != null ? maxDuration : Backoff.DEFAULT_MAX_DURATION,
                jitter != null ? jitter : Backoff.DEFAULT_JITTER_RATIO);
    }
}
