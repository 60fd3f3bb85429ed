package io.fluxgate.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.Metric;
import io.fluxgate.State;
import io.fluxgate.expression.Expressions;
import io.fluxgate.trippers.Tripper;
import org.junit.jupiter.api.Test;

/** Where a tripper fires in the state whose rule applies, read from the tripper itself. */
class ThresholdsTests {

    private static Thresholds of(String tripper, State state) {
        return Thresholds.of(Expressions.tripper(tripper), state);
    }

    @Test
    void showsTheRateOfTheRuleOfTheCurrentStateOnly() {
        String tripper = "Closed() & FailureRate(0.5) | HalfOpened() & FailureRate(0.2)";

        assertThat(of(tripper, State.CLOSED)).isEqualTo(new Thresholds(State.CLOSED, 0.5, null, 1L));
        assertThat(of(tripper, State.HALF_OPEN)).isEqualTo(new Thresholds(State.HALF_OPEN, 0.2, null, 1L));
    }

    @Test
    void anOpenBreakerShowsTheHalfOpenRuleWhichItsProbesMeetAndAForcedOneTheClosedRuleOfAReset() {
        assertThat(of("Closed() & FailureRate(0.6) | HalfOpened() & FailureRate(0.5)", State.OPEN).failureRate())
                .isEqualTo(0.5);
        assertThat(of("Closed() & FailureRate(0.6) | HalfOpened() & FailureRate(0.5)", State.FORCED_OPEN)
                .appliesIn()).isEqualTo(State.CLOSED);
        assertThat(of("Closed() & FailureRate(0.6) | HalfOpened() & FailureRate(0.5)", State.METRICS_ONLY)
                .failureRate()).isEqualTo(0.6);
    }

    @Test
    void readsTheSampleAppsPaymentTripperWithItsStreakAndMinimum() {
        String tripper = "FailureStreak(5) | MinRequests(10) & (Closed() & FailureRate(0.6) | HalfOpened() "
                + "& FailureRate(0.5))";

        assertThat(of(tripper, State.CLOSED)).isEqualTo(new Thresholds(State.CLOSED, 0.6, null, 10L));
        assertThat(of(tripper, State.HALF_OPEN)).isEqualTo(new Thresholds(State.HALF_OPEN, 0.5, null, 10L));
    }

    @Test
    void findsBothRatesWhetherEitherOrBothMustBeReached() {
        assertThat(of("FailureRate(0.33) | SlowRate(0.8)", State.CLOSED))
                .isEqualTo(new Thresholds(State.CLOSED, 0.33, 0.8, 1L));
        assertThat(of("FailureRate(0.5) & SlowRate(0.25)", State.CLOSED))
                .isEqualTo(new Thresholds(State.CLOSED, 0.5, 0.25, 1L));
        assertThat(of("FailureRate(0.5) & AvgLatency(2s)", State.CLOSED).failureRate()).isEqualTo(0.5);
    }

    @Test
    void hasNoRateWhereTheRateDoesNotDecide() {
        assertThat(of("FailureStreak(3)", State.CLOSED)).isEqualTo(new Thresholds(State.CLOSED, null, null, null));
        assertThat(of("MinRequests(20)", State.CLOSED)).isEqualTo(new Thresholds(State.CLOSED, null, null, 20L));
        assertThat(of("HalfOpened() & FailureRate(0.5)", State.CLOSED).failureRate()).isNull();
    }

    @Test
    void givesAUsersOwnTripperItsThresholdsFromItsBehaviour() {
        Tripper quarter = (Metric metric, State state, int streak) -> metric.totalCount() >= 40
                && metric.failureCount() * 4 >= metric.totalCount();

        assertThat(Thresholds.of(quarter, State.CLOSED)).isEqualTo(new Thresholds(State.CLOSED, 0.25, null, 40L));
    }

    @Test
    void showsNoThresholdForATripperThatThrows() {
        Tripper broken = (metric, state, streak) -> {
            throw new IllegalStateException("broken");
        };

        assertThat(Thresholds.of(broken, State.CLOSED)).isEqualTo(new Thresholds(State.CLOSED, null, null, null));
    }
}
