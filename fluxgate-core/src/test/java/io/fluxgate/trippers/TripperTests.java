package io.fluxgate.trippers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.fail;

import io.fluxgate.Metric;
import io.fluxgate.State;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TripperTests {

    private static final Metric HALF_FAILED = new Metric(100, 62, 0, Duration.ZERO);
    private static final Tripper UNREACHABLE = (metric, state, failures) -> fail("short-circuit expected");

    @Nested
    class Semantics {

        @Test
        void andFiresWhenBothFire() {
            Tripper tripper = new MinRequests(20).and(new FailureRate(0.5));

            assertThat(tripper.test(HALF_FAILED, State.CLOSED, 0)).isTrue();
            assertThat(tripper.test(new Metric(10, 10, 0, Duration.ZERO), State.CLOSED, 0)).isFalse();
        }

        @Test
        void orFiresWhenEitherFires() {
            Tripper tripper = new FailureStreak(5).or(new FailureRate(0.9));

            assertThat(tripper.test(HALF_FAILED, State.CLOSED, 5)).isTrue();
            assertThat(tripper.test(HALF_FAILED, State.CLOSED, 4)).isFalse();
        }

        @Test
        void shortCircuitsLeftToRight() {
            assertThat(new HalfOpened().and(UNREACHABLE).test(HALF_FAILED, State.CLOSED, 0)).isFalse();
            assertThat(new Closed().or(UNREACHABLE).test(HALF_FAILED, State.CLOSED, 0)).isTrue();
        }

        @Test
        void rejectsNullOperands() {
            assertThatNullPointerException().isThrownBy(() -> new Closed().and(null)).withMessage("other");
            assertThatNullPointerException().isThrownBy(() -> new Closed().or(null)).withMessage("other");
        }

        @Test
        void combinationsAreValues() {
            assertThat(new MinRequests(10).and(new FailureRate(0.5)))
                    .isEqualTo(new MinRequests(10).and(new FailureRate(0.5)))
                    .isNotEqualTo(new FailureRate(0.5).and(new MinRequests(10)));
        }
    }

    @Nested
    class Rendering {

        @Test
        void rendersTheSpecExamples() {
            assertThat(new FailureStreak(5).or(new MinRequests(20).and(new FailureRate(0.6))))
                    .hasToString("FailureStreak(5) | MinRequests(20) & FailureRate(0.6)");
            Tripper perState = new Closed().and(new FailureRate(0.6)).or(new HalfOpened().and(new FailureRate(0.5)));
            assertThat(new MinRequests(20).and(perState))
                    .hasToString("MinRequests(20) & (Closed() & FailureRate(0.6) | HalfOpened() & FailureRate(0.5))");
        }

        @Test
        void parenthesisesOrOnTheLeftOfAnd() {
            assertThat(new Closed().or(new HalfOpened()).and(new MinRequests(3)))
                    .hasToString("(Closed() | HalfOpened()) & MinRequests(3)");
        }

        @Test
        void omitsRedundantParentheses() {
            assertThat(new Closed().and(new MinRequests(1)).and(new FailureRate(0.5)))
                    .hasToString("Closed() & MinRequests(1) & FailureRate(0.5)");
            assertThat(new Closed().or(new HalfOpened()).or(new FailureStreak(2)))
                    .hasToString("Closed() | HalfOpened() | FailureStreak(2)");
        }

        @Test
        void keepsRightNestedGrouping() {
            assertThat(new Closed().or(new HalfOpened().or(new FailureStreak(2))))
                    .hasToString("Closed() | (HalfOpened() | FailureStreak(2))");
            assertThat(new Closed().and(new HalfOpened().and(new FailureStreak(2))))
                    .hasToString("Closed() & (HalfOpened() & FailureStreak(2))");
        }
    }

    @Nested
    class Explaining {

        @Test
        void andExplainsBothSides() {
            Tripper tripper = new MinRequests(20).and(new FailureRate(0.5));

            assertThat(tripper.explain(HALF_FAILED, State.CLOSED, 0))
                    .isEqualTo("MinRequests(20): 100 calls & FailureRate(0.5): 0.62 over 100 calls");
        }

        @Test
        void orExplainsTheLeftBranchWhenItFired() {
            Tripper tripper = new FailureStreak(5).or(new MinRequests(20).and(new FailureRate(0.5)));

            assertThat(tripper.explain(HALF_FAILED, State.CLOSED, 7))
                    .isEqualTo("FailureStreak(5): 7 consecutive failures");
        }

        @Test
        void orExplainsTheRightBranchOtherwise() {
            Tripper tripper = new FailureStreak(5).or(new MinRequests(20).and(new FailureRate(0.5)));

            assertThat(tripper.explain(HALF_FAILED, State.CLOSED, 1))
                    .isEqualTo("MinRequests(20): 100 calls & FailureRate(0.5): 0.62 over 100 calls");
        }

        @Test
        void explainsNestedPerStateRules() {
            Tripper tripper = new MinRequests(20).and(new Closed().and(new FailureRate(0.6))
                    .or(new HalfOpened().and(new FailureRate(0.5))));

            assertThat(tripper.explain(HALF_FAILED, State.HALF_OPEN, 0))
                    .isEqualTo("MinRequests(20): 100 calls & HalfOpened() & FailureRate(0.5): 0.62 over 100 calls");
        }

        @Test
        void userTrippersExplainWithTheirToString() {
            Tripper custom = new Tripper() {
                @Override
                public boolean test(Metric metric, State state, int consecutiveFailures) {
                    return true;
                }

                @Override
                public String toString() {
                    return "Custom()";
                }
            };

            assertThat(custom.and(new Closed()).explain(HALF_FAILED, State.CLOSED, 0)).isEqualTo("Custom() & Closed()");
        }
    }

    @Nested
    class Durations {

        @Test
        void onlyAvgLatencyAmongTheBuiltInsReadsDurations() {
            assertThat(new Closed().usesDurations()).isFalse();
            assertThat(new HalfOpened().usesDurations()).isFalse();
            assertThat(new MinRequests(1).usesDurations()).isFalse();
            assertThat(new FailureRate(0.5).usesDurations()).isFalse();
            assertThat(new SlowRate(0.5).usesDurations()).isFalse();
            assertThat(new FailureStreak(1).usesDurations()).isFalse();
            assertThat(new AvgLatency(Duration.ofSeconds(1)).usesDurations()).isTrue();
        }

        @Test
        void combinationsReadDurationsWhenAnyPartDoes() {
            Tripper counts = new MinRequests(5).and(new FailureRate(0.5)).or(new FailureStreak(3));
            Tripper latency = new AvgLatency(Duration.ofSeconds(1));

            assertThat(counts.usesDurations()).isFalse();
            assertThat(counts.or(latency).usesDurations()).isTrue();
            assertThat(latency.and(counts).usesDurations()).isTrue();
            assertThat(((Tripper) (metric, state, streak) -> true).usesDurations()).isTrue();
        }
    }
}
