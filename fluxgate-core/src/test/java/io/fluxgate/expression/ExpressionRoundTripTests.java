package io.fluxgate.expression;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.permits.Permit;
import io.fluxgate.permits.RampUp;
import io.fluxgate.permits.Random;
import io.fluxgate.retries.Always;
import io.fluxgate.retries.Backoff;
import io.fluxgate.retries.Cooldown;
import io.fluxgate.retries.Never;
import io.fluxgate.retries.Retry;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Every component's {@code toString()} parses back to an equal component (SPEC §4). */
class ExpressionRoundTripTests {

    private static final Map<String, Predicate<Throwable>> CUSTOMS = Map.of(
            "isTimeout", e -> e instanceof TimeoutException,
            "retryable-errors", e -> e instanceof IOException,
            "com.example.Transient", e -> e instanceof IllegalStateException,
            "bean_2", e -> true);

    private static final TrackerContext CONTEXT = TrackerContext.defaults().withCustoms(CUSTOMS::get);

    @Property
    void windowsRoundTrip(@ForAll("windows") Window window) {
        assertThat(Expressions.window(window.toString())).isEqualTo(window);
    }

    @Property
    void trackersRoundTrip(@ForAll("trackers") Tracker tracker) {
        assertThat(Expressions.tracker(tracker.toString(), CONTEXT)).isEqualTo(tracker);
    }

    @Property
    void trippersRoundTrip(@ForAll("trippers") Tripper tripper) {
        assertThat(Expressions.tripper(tripper.toString())).isEqualTo(tripper);
    }

    @Property
    void retriesRoundTrip(@ForAll("retries") Retry retry) {
        assertThat(Expressions.retry(retry.toString())).isEqualTo(retry);
    }

    @Property
    void permitsRoundTrip(@ForAll("permits") Permit permit) {
        assertThat(Expressions.permit(permit.toString())).isEqualTo(permit);
    }

    @Property
    void formattedDurationsRoundTrip(@ForAll("durations") Duration duration) {
        assertThat(Expressions.tripper("AvgLatency(" + Expressions.format(duration) + ")"))
                .isEqualTo(new AvgLatency(duration));
    }

    @Provide
    Arbitrary<Duration> durations() {
        return positiveDurations();
    }

    @Provide
    Arbitrary<Window> windows() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(1, CountWindow.MAX_SIZE).map(CountWindow::new),
                Arbitraries.integers().between(1, TimeWindow.MAX_SECONDS).map(TimeWindow::new));
    }

    @Provide
    Arbitrary<Tracker> trackers() {
        Arbitrary<Tracker> typeOf = Arbitraries.<Class<? extends Throwable>>of(IOException.class,
                        ConnectException.class, HttpTimeoutException.class, UncheckedIOException.class,
                        TimeoutException.class, Inner.Failure.class)
                .list().ofMinSize(1).ofMaxSize(3).map(TypeOf::new);
        Arbitrary<Tracker> custom = Arbitraries.of(CUSTOMS.keySet()).map(name -> new Custom(name, CUSTOMS.get(name)));
        Arbitrary<Tracker> leaves = Arbitraries.oneOf(Arbitraries.just(new io.fluxgate.trackers.All()), typeOf, custom);
        return Arbitraries.recursive(() -> leaves, inner -> Arbitraries.oneOf(inner,
                inner.map(Tracker::negate),
                Combinators.combine(inner, inner).as(Tracker::and),
                Combinators.combine(inner, inner).as(Tracker::or)), 0, 5);
    }

    @Provide
    Arbitrary<Tripper> trippers() {
        Arbitrary<Tripper> leaves = Arbitraries.oneOf(
                Arbitraries.just(new Closed()),
                Arbitraries.just(new HalfOpened()),
                Arbitraries.integers().between(1, Integer.MAX_VALUE).map(MinRequests::new),
                ratios(false).map(FailureRate::new),
                ratios(false).map(SlowRate::new),
                positiveDurations().map(AvgLatency::new),
                Arbitraries.integers().between(1, Integer.MAX_VALUE).map(FailureStreak::new));
        return Arbitraries.recursive(() -> leaves, inner -> Arbitraries.oneOf(inner,
                Combinators.combine(inner, inner).as(Tripper::and),
                Combinators.combine(inner, inner).as(Tripper::or)), 0, 5);
    }

    @Provide
    Arbitrary<Retry> retries() {
        Arbitrary<Double> jitter = Arbitraries.oneOf(Arbitraries.just(0.0),
                Arbitraries.doubles().between(0, true, 1, false));
        Arbitrary<Double> multipliers = Arbitraries.doubles().between(1, false, 100, true);
        Arbitrary<Retry> backoff = Combinators.combine(positiveDurations(), multipliers, positiveDurations(), jitter)
                .as((initial, multiplier, extra, jitterRatio) ->
                        new Backoff(initial, multiplier, initial.plus(extra), jitterRatio));
        return Arbitraries.oneOf(
                Arbitraries.just(new Always()),
                Arbitraries.just(new Never()),
                positiveDurations().map(Cooldown::new),
                Combinators.combine(positiveDurations(), jitter).as(Cooldown::new),
                positiveDurations().filter(d -> d.compareTo(Duration.ofSeconds(300)) <= 0).map(Backoff::new),
                backoff);
    }

    @Provide
    Arbitrary<Permit> permits() {
        Arbitrary<Permit> rampUp = Combinators.combine(ratios(false), ratios(false), positiveDurations())
                .as((a, b, duration) -> new RampUp(Math.min(a, b), Math.max(a, b), duration));
        return Arbitraries.oneOf(
                Arbitraries.just(new io.fluxgate.permits.All()),
                ratios(true).map(Random::new),
                rampUp);
    }

    /** Ratios in (0, 1] or [0, 1]: arbitrary doubles, round decimals and the edges. */
    private static Arbitrary<Double> ratios(boolean zeroAllowed) {
        return Arbitraries.oneOf(
                Arbitraries.doubles().between(0, zeroAllowed, 1, true),
                Arbitraries.bigDecimals().between(java.math.BigDecimal.ZERO, java.math.BigDecimal.ONE).ofScale(2)
                        .map(java.math.BigDecimal::doubleValue).filter(d -> zeroAllowed || d > 0),
                Arbitraries.of(1.0, Double.MIN_VALUE, 1e-9, 0.1 + 0.2));
    }

    /** Positive durations in whole hours, minutes, seconds, milliseconds, and down to the nanosecond. */
    private static Arbitrary<Duration> positiveDurations() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(1, 10_000).map(Duration::ofHours),
                Arbitraries.longs().between(1, 10_000).map(Duration::ofMinutes),
                Arbitraries.longs().between(1, 1_000_000).map(Duration::ofSeconds),
                Arbitraries.longs().between(1, 100_000_000).map(Duration::ofMillis),
                Arbitraries.longs().between(1, Long.MAX_VALUE).map(Duration::ofNanos));
    }

    static final class Inner {
        static final class Failure extends RuntimeException {
            private static final long serialVersionUID = 1L;
        }
    }
}
