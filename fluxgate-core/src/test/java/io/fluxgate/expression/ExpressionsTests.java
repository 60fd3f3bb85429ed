package io.fluxgate.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExpressionsTests {

    @Nested
    class Windows {

        @Test
        void parsesCountWindowPositionallyAndByName() {
            assertThat(Expressions.window("CountWindow(100)")).isEqualTo(new CountWindow(100));
            assertThat(Expressions.window("CountWindow(size=100)")).isEqualTo(new CountWindow(100));
        }

        @Test
        void parsesTimeWindowPositionallyAndByName() {
            assertThat(Expressions.window("TimeWindow(60)")).isEqualTo(new TimeWindow(60));
            assertThat(Expressions.window("TimeWindow(seconds=60)")).isEqualTo(new TimeWindow(60));
        }

        @Test
        void acceptsParenthesesAroundTheSingleComponent() {
            assertThat(Expressions.window(" ( CountWindow( 5 ) ) ")).isEqualTo(new CountWindow(5));
        }
    }

    @Nested
    class Trackers {

        @Test
        void parsesAll() {
            assertThat(Expressions.tracker("All()")).isEqualTo(new io.fluxgate.trackers.All());
        }

        @Test
        void parsesTypeOfWithOneOrMoreClasses() {
            assertThat(Expressions.tracker("TypeOf(java.net.ConnectException)"))
                    .isEqualTo(new TypeOf(ConnectException.class));
            assertThat(Expressions.tracker("TypeOf(java.net.ConnectException, java.io.UncheckedIOException)"))
                    .isEqualTo(new TypeOf(ConnectException.class, UncheckedIOException.class));
            assertThat(Expressions.tracker("TypeOf(types=java.net.ConnectException)"))
                    .isEqualTo(new TypeOf(ConnectException.class));
        }

        @Test
        void loadsNestedClassesByBinaryName() {
            assertThat(Expressions.tracker("TypeOf(" + Nested1.Failure.class.getName() + ")"))
                    .isEqualTo(new TypeOf(Nested1.Failure.class));
        }

        @Test
        void loadsClassesWithTheContextClassLoader() {
            ClassLoader loader = new ClassLoader(getClass().getClassLoader()) { };
            Tracker tracker = Expressions.tracker("TypeOf(java.io.IOException)", TrackerContext.of(loader));
            assertThat(tracker).isEqualTo(new TypeOf(IOException.class));
        }

        @Test
        void resolvesCustomNamesThroughTheContext() {
            Predicate<Throwable> isTimeout = e -> e instanceof TimeoutException;
            TrackerContext context = TrackerContext.defaults().withCustoms(Map.of("isTimeout", isTimeout)::get);
            assertThat(Expressions.tracker("Custom(isTimeout)", context)).isEqualTo(new Custom("isTimeout", isTimeout));
            assertThat(Expressions.tracker("Custom(name=isTimeout)", context))
                    .isEqualTo(new Custom("isTimeout", isTimeout));
        }

        @Test
        void negatesWithTilde() {
            assertThat(Expressions.tracker("~TypeOf(java.io.IOException)"))
                    .isEqualTo(new TypeOf(IOException.class).negate());
            assertThat(Expressions.tracker("~~All()")).isEqualTo(new io.fluxgate.trackers.All().negate().negate());
        }

        @Test
        void negationBindsTighterThanAndAndOr() {
            Tracker io = new TypeOf(IOException.class);
            Tracker connect = new TypeOf(ConnectException.class);
            assertThat(Expressions.tracker("~TypeOf(java.io.IOException) & TypeOf(java.net.ConnectException)"))
                    .isEqualTo(io.negate().and(connect));
            assertThat(Expressions.tracker("~(TypeOf(java.io.IOException) | TypeOf(java.net.ConnectException))"))
                    .isEqualTo(io.or(connect).negate());
        }

        @Test
        void parsesTheReadmeExample() {
            assertThat(Expressions.tracker(
                    "TypeOf(java.net.ConnectException) | TypeOf(java.net.http.HttpTimeoutException)"))
                    .isEqualTo(new TypeOf(ConnectException.class).or(new TypeOf(HttpTimeoutException.class)));
        }
    }

    @Nested
    class Trippers {

        @Test
        void parsesEveryTripperPositionally() {
            assertThat(Expressions.tripper("Closed()")).isEqualTo(new Closed());
            assertThat(Expressions.tripper("HalfOpened()")).isEqualTo(new HalfOpened());
            assertThat(Expressions.tripper("MinRequests(20)")).isEqualTo(new MinRequests(20));
            assertThat(Expressions.tripper("FailureRate(0.5)")).isEqualTo(new FailureRate(0.5));
            assertThat(Expressions.tripper("SlowRate(1)")).isEqualTo(new SlowRate(1.0));
            assertThat(Expressions.tripper("AvgLatency(500ms)")).isEqualTo(new AvgLatency(Duration.ofMillis(500)));
            assertThat(Expressions.tripper("FailureStreak(5)")).isEqualTo(new FailureStreak(5));
        }

        @Test
        void parsesEveryTripperByName() {
            assertThat(Expressions.tripper("MinRequests(count=20)")).isEqualTo(new MinRequests(20));
            assertThat(Expressions.tripper("FailureRate(ratio=0.5)")).isEqualTo(new FailureRate(0.5));
            assertThat(Expressions.tripper("SlowRate(ratio=.25)")).isEqualTo(new SlowRate(0.25));
            assertThat(Expressions.tripper("AvgLatency(threshold=2s)"))
                    .isEqualTo(new AvgLatency(Duration.ofSeconds(2)));
            assertThat(Expressions.tripper("FailureStreak(count=5)")).isEqualTo(new FailureStreak(5));
        }

        @Test
        void andBindsTighterThanOr() {
            assertThat(Expressions.tripper("FailureStreak(5) | MinRequests(20) & FailureRate(0.6)"))
                    .isEqualTo(new FailureStreak(5).or(new MinRequests(20).and(new FailureRate(0.6))));
            assertThat(Expressions.tripper("MinRequests(20) & FailureRate(0.6) | FailureStreak(5)"))
                    .isEqualTo(new MinRequests(20).and(new FailureRate(0.6)).or(new FailureStreak(5)));
        }

        @Test
        void operatorsAssociateToTheLeft() {
            assertThat(Expressions.tripper("Closed() & MinRequests(10) & FailureRate(0.5)"))
                    .isEqualTo(new Closed().and(new MinRequests(10)).and(new FailureRate(0.5)));
            assertThat(Expressions.tripper("Closed() | HalfOpened() | FailureStreak(1)"))
                    .isEqualTo(new Closed().or(new HalfOpened()).or(new FailureStreak(1)));
        }

        @Test
        void parenthesesOverridePrecedence() {
            assertThat(Expressions.tripper("(FailureStreak(5) | MinRequests(20)) & FailureRate(0.6)"))
                    .isEqualTo(new FailureStreak(5).or(new MinRequests(20)).and(new FailureRate(0.6)));
            assertThat(Expressions.tripper("Closed() & (MinRequests(10) & FailureRate(0.5))"))
                    .isEqualTo(new Closed().and(new MinRequests(10).and(new FailureRate(0.5))));
        }

        @Test
        void parsesTheReadmeExamples() {
            assertThat(Expressions.tripper("MinRequests(20) & FailureRate(0.5)"))
                    .isEqualTo(new MinRequests(20).and(new FailureRate(0.5)));
            assertThat(Expressions.tripper("FailureStreak(5) | MinRequests(20) & (Closed() & FailureRate(0.6)"
                    + " | HalfOpened() & FailureRate(0.5))"))
                    .isEqualTo(new FailureStreak(5).or(new MinRequests(20).and(
                            new Closed().and(new FailureRate(0.6)).or(new HalfOpened().and(new FailureRate(0.5))))));
        }

        @Test
        void ignoresWhitespaceEverywhere() {
            assertThat(Expressions.tripper("\n\tMinRequests ( count = 20 )&FailureRate(\t0.5 ) \n"))
                    .isEqualTo(new MinRequests(20).and(new FailureRate(0.5)));
        }
    }

    @Nested
    class Retries {

        @Test
        void parsesAlwaysAndNever() {
            assertThat(Expressions.retry("Always()")).isEqualTo(new Always());
            assertThat(Expressions.retry("Never()")).isEqualTo(new Never());
        }

        @Test
        void parsesCooldownWithAndWithoutJitter() {
            assertThat(Expressions.retry("Cooldown(60s)")).isEqualTo(new Cooldown(Duration.ofSeconds(60)));
            assertThat(Expressions.retry("Cooldown(60s, 0.2)")).isEqualTo(new Cooldown(Duration.ofSeconds(60), 0.2));
            assertThat(Expressions.retry("Cooldown(duration=1m, jitter_ratio=0.2)"))
                    .isEqualTo(new Cooldown(Duration.ofSeconds(60), 0.2));
        }

        @Test
        void parsesBackoffWithDefaultsForOmittedArguments() {
            Duration initial = Duration.ofSeconds(10);
            assertThat(Expressions.retry("Backoff(10s)")).isEqualTo(new Backoff(initial));
            assertThat(Expressions.retry("Backoff(10s, 3)"))
                    .isEqualTo(new Backoff(initial, 3.0, Duration.ofSeconds(300), 0.0));
            assertThat(Expressions.retry("Backoff(initial=10s, jitter_ratio=0.1)"))
                    .isEqualTo(new Backoff(initial, 2.0, Duration.ofSeconds(300), 0.1));
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "Backoff(initial=10s, multiplier=2, max_duration=300s, jitter_ratio=0.1)",
                "Backoff(initial=10s, multiplier=2, maxDuration=300s, jitterRatio=0.1)",
                "Backoff(initial=10s, multiplier=2, max-duration=300s, jitter-ratio=0.1)",
                "Backoff(10s, 2, 5m, 0.1)",
                "Backoff(10s, multiplier=2.0, max_duration=PT5M, jitter_ratio=0.1)"})
        void parsesBackoffInEveryNamingStyle(String text) {
            assertThat(Expressions.retry(text))
                    .isEqualTo(new Backoff(Duration.ofSeconds(10), 2.0, Duration.ofMinutes(5), 0.1));
        }
    }

    @Nested
    class Permits {

        @Test
        void parsesAllAndRandom() {
            assertThat(Expressions.permit("All()")).isEqualTo(new io.fluxgate.permits.All());
            assertThat(Expressions.permit("Random(0.5)")).isEqualTo(new Random(0.5));
            assertThat(Expressions.permit("Random(ratio=0)")).isEqualTo(new Random(0.0));
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "RampUp(0.1, 0.5, 60s)",
                "RampUp(initial=0.1, final=0.5, duration=60s)",
                "RampUp(initial=0.1, final_ratio=0.5, duration=1m)",
                "RampUp(initial=0.1, finalRatio=0.5, duration=60)",
                "RampUp(initial=0.1, final-ratio=0.5, duration=PT60S)",
                "RampUp(0.1, duration=60s, final=0.5)"})
        void parsesRampUpInEveryNamingStyle(String text) {
            assertThat(Expressions.permit(text)).isEqualTo(new RampUp(0.1, 0.5, Duration.ofSeconds(60)));
        }
    }

    @Nested
    class Durations {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "500ms      | PT0.5S",
                "1.5s       | PT1.5S",
                "10s        | PT10S",
                "10         | PT10S",
                "0.25       | PT0.25S",
                "2m         | PT2M",
                "1h         | PT1H",
                "1d         | PT24H",
                "1500us     | PT0.0015S",
                "2000000ns  | PT0.002S",
                "10 s       | PT10S",
                "10MS       | PT0.01S",
                "PT10S      | PT10S",
                "pt1m30s    | PT1M30S",
                "P1DT1H     | PT25H"})
        void acceptsEveryForm(String text, Duration expected) {
            assertThat(Expressions.retry("Cooldown(" + text + ")")).isEqualTo(new Cooldown(expected));
            assertThat(Expressions.tripper("AvgLatency(threshold=" + text + ")")).isEqualTo(new AvgLatency(expected));
        }
    }

    @Nested
    class BuiltIns {

        @Test
        void listsEachFamilysComponentsInCatalogueOrder() {
            assertThat(Expressions.builtIns(Window.class)).containsExactly("CountWindow", "TimeWindow");
            assertThat(Expressions.builtIns(Tracker.class)).containsExactly("All", "TypeOf", "Custom");
            assertThat(Expressions.builtIns(Tripper.class)).containsExactly("Closed", "HalfOpened", "MinRequests",
                    "FailureRate", "SlowRate", "AvgLatency", "FailureStreak");
            assertThat(Expressions.builtIns(Retry.class)).containsExactly("Always", "Never", "Cooldown", "Backoff");
            assertThat(Expressions.builtIns(Permit.class)).containsExactly("All", "Random", "RampUp");
        }

        @Test
        void rejectsATypeThatNoExpressionNames() {
            assertThatIllegalArgumentException().isThrownBy(() -> Expressions.builtIns(CountWindow.class))
                    .withMessage("no expression names a io.fluxgate.windows.CountWindow; expected one of Window,"
                            + " Tracker, Tripper, Retry, Permit");
        }
    }

    @Test
    void formatsDurationsAsTheComponentsWriteThem() {
        assertThat(Expressions.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Expressions.format(Duration.ofMinutes(2))).isEqualTo("2m");
        assertThat(Expressions.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Expressions.format(Duration.ofNanos(500))).isEqualTo("PT0.0000005S");
        Duration minute = Duration.ofMinutes(1);
        assertThat(new Cooldown(minute)).hasToString("Cooldown(" + Expressions.format(minute) + ")");
    }

    @Test
    void rejectsNullText() {
        assertThatNullPointerException().isThrownBy(() -> Expressions.tripper(null)).withMessage("text");
        assertThatNullPointerException().isThrownBy(() -> Expressions.tracker("All()", null)).withMessage("context");
    }

    static final class Nested1 {
        static final class Failure extends RuntimeException {
            private static final long serialVersionUID = 1L;
        }
    }
}
