package io.fluxgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ValueTypesTests {

    @Nested
    class Metrics {

        @Test
        void ratesAndAverageAreEmptyWithoutCalls() {
            assertThat(Metric.EMPTY.failureRate()).isEmpty();
            assertThat(Metric.EMPTY.slowRate()).isEmpty();
            assertThat(Metric.EMPTY.avgDuration()).isEmpty();
        }

        @Test
        void computesRatesAndAverage() {
            Metric metric = new Metric(4, 1, 3, Duration.ofMillis(400));

            assertThat(metric.failureRate()).hasValue(0.25);
            assertThat(metric.slowRate()).hasValue(0.75);
            assertThat(metric.avgDuration()).contains(Duration.ofMillis(100));
        }

        @Test
        void rejectsInconsistentCounts() {
            assertThatIllegalArgumentException().isThrownBy(() -> new Metric(1, 2, 0, Duration.ZERO))
                    .withMessageContaining("must be <= totalCount 1");
            assertThatIllegalArgumentException().isThrownBy(() -> new Metric(-1, 0, 0, Duration.ZERO))
                    .withMessageContaining("must be >= 0");
            assertThatNullPointerException().isThrownBy(() -> new Metric(0, 0, 0, null))
                    .withMessage("totalDuration");
        }
    }

    @Nested
    class Rejections {

        @Test
        void namesBreakerAndStateAndCarriesNoStackTrace() {
            CallNotPermittedException open = new CallNotPermittedException("payment_api", State.OPEN);
            CallNotPermittedException halfOpen = new CallNotPermittedException("payment_api", State.HALF_OPEN);
            CallNotPermittedException forced = new CallNotPermittedException("payment_api", State.FORCED_OPEN);

            assertThat(open).hasMessage("Circuit breaker 'payment_api' is OPEN and does not permit calls");
            assertThat(halfOpen)
                    .hasMessage("Circuit breaker 'payment_api' is HALF_OPEN and did not permit this call");
            assertThat(forced)
                    .hasMessage("Circuit breaker 'payment_api' is FORCED_OPEN and did not permit this call");
            assertThat(open.getStackTrace()).isEmpty();
            assertThat(open.circuitName()).isEqualTo("payment_api");
            assertThat(forced.state()).isEqualTo(State.FORCED_OPEN);
        }
    }

    @Nested
    class Signals {

        @Test
        void requireEveryComponent() {
            assertThatNullPointerException()
                    .isThrownBy(() -> new Signal("x", State.CLOSED, State.OPEN, Instant.EPOCH, null))
                    .withMessage("reason");
        }
    }

    @Test
    void systemTickerIsMonotonic() {
        long first = Ticker.system().read();
        assertThat(Ticker.system().read()).isGreaterThanOrEqualTo(first);
    }

    @Test
    void onlyOpenStatesAreOpen() {
        assertThat(State.OPEN.isOpen()).isTrue();
        assertThat(State.FORCED_OPEN.isOpen()).isTrue();
        assertThat(State.HALF_OPEN.isOpen()).isFalse();
    }
}
