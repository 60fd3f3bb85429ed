package io.fluxgate.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.CircuitBreaker;
import io.fluxgate.spring.TestBreakers;
import io.fluxgate.spring.TestBreakers.ManualTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's per-second buckets, on a ticker moved by hand and real breakers' counters.
 */
class TrafficHistoryTests {

    private final ManualTicker ticker = new ManualTicker();
    private final CircuitBreaker breaker = TestBreakers.builder("payment_api", ticker).build();
    private final TrafficHistory history = new TrafficHistory(ticker);

    @Test
    void keepsNothingUntilSampled() {
        TestBreakers.succeed(breaker);

        assertThat(history.traffic("payment_api")).isNull();
        assertThat(history.size()).isZero();
    }

    @Test
    void chartsTheCallsOfEachSecondAfterTheFirstSample() {
        TestBreakers.succeed(breaker);
        history.sample(List.of(breaker)); // the baseline: calls before it are not charted
        TestBreakers.succeed(breaker);
        TestBreakers.fail(breaker);
        ticker.advance(Duration.ofSeconds(1));
        history.sample(List.of(breaker));

        TrafficDescriptor traffic = history.traffic("payment_api");
        assertThat(traffic.successes()).hasSize(TrafficHistory.SECONDS);
        assertThat(last(traffic.successes(), 2)).containsExactly(0, 1);
        assertThat(last(traffic.failures(), 2)).containsExactly(0, 1);
        assertThat(sum(traffic.successes())).isEqualTo(1);
    }

    @Test
    void addsSamplesOfTheSameSecondToOneBucket() {
        history.sample(List.of(breaker));
        TestBreakers.fail(breaker);
        history.sample(List.of(breaker));
        TestBreakers.fail(breaker);
        history.sample(List.of(breaker));

        assertThat(last(history.traffic("payment_api").failures(), 1)).containsExactly(2);
    }

    @Test
    void countsSlowCallsAndRejections() {
        history.sample(List.of(breaker));
        TestBreakers.succeedAfter(breaker, ticker, TestBreakers.SLOW);
        breaker.forceOpen();
        TestBreakers.rejected(breaker);
        history.sample(List.of(breaker));

        TrafficDescriptor traffic = history.traffic("payment_api");
        assertThat(sum(traffic.slow())).isEqualTo(1);
        assertThat(sum(traffic.rejections())).isEqualTo(1);
        assertThat(sum(traffic.successes())).isEqualTo(1);
    }

    @Test
    void spreadsWhatGrewOverTheSecondsBetweenTwoSamples() {
        history.sample(List.of(breaker));
        for (int i = 0; i < 7; i++) {
            TestBreakers.succeed(breaker);
        }
        ticker.advance(Duration.ofSeconds(3));
        history.sample(List.of(breaker));

        assertThat(last(history.traffic("payment_api").successes(), 4)).containsExactly(0, 2, 2, 3);
    }

    @Test
    void forgetsSecondsOlderThanTwoMinutes() {
        history.sample(List.of(breaker));
        TestBreakers.fail(breaker);
        ticker.advance(Duration.ofSeconds(1));
        history.sample(List.of(breaker));
        ticker.advance(Duration.ofSeconds(TrafficHistory.SECONDS));
        history.sample(List.of(breaker));

        assertThat(sum(history.traffic("payment_api").failures())).isZero();
    }

    @Test
    void dropsTheSeriesOfABreakerNoLongerSampled() {
        history.sample(List.of(breaker));
        history.sample(List.of());

        assertThat(history.traffic("payment_api")).isNull();
        assertThat(history.size()).isZero();
    }

    @Test
    void chartsAShownKeyAndDropsItsSeriesWhenNoPageShowedItForTenSeconds() {
        CircuitBreaker key = TestBreakers.builder("hosts[host-a]", ticker).build();
        history.sample(List.of(breaker), key);
        TestBreakers.succeed(key);
        ticker.advance(Duration.ofSeconds(1));
        history.sample(List.of(breaker), key);

        assertThat(sum(history.keyTraffic("hosts[host-a]").successes())).isEqualTo(1);
        ticker.advance(Duration.ofSeconds(TrafficHistory.KEY_IDLE_SECONDS));
        history.sample(List.of(breaker));
        assertThat(history.keyTraffic("hosts[host-a]")).isNotNull();
        ticker.advance(Duration.ofSeconds(1));
        history.sample(List.of(breaker));
        assertThat(history.keyTraffic("hosts[host-a]")).isNull();
        assertThat(history.size()).isOne();
    }

    @Test
    void keepsAtMostSixteenKeysDroppingTheLeastRecentlyShown() {
        List<CircuitBreaker> keys = new ArrayList<>();
        for (int i = 0; i <= TrafficHistory.MAX_KEYS; i++) {
            keys.add(TestBreakers.builder("hosts[" + i + "]", ticker).build());
        }
        keys.subList(0, TrafficHistory.MAX_KEYS).forEach(key -> history.sample(List.of(), key));
        ticker.advance(Duration.ofSeconds(1));
        keys.subList(1, TrafficHistory.MAX_KEYS).forEach(key -> history.sample(List.of(), key)); // shown again
        history.sample(List.of(), keys.get(TrafficHistory.MAX_KEYS));

        assertThat(history.keys()).isEqualTo(TrafficHistory.MAX_KEYS);
        assertThat(history.keyTraffic("hosts[0]")).isNull();
        assertThat(history.keyTraffic("hosts[" + TrafficHistory.MAX_KEYS + "]")).isNotNull();
    }

    private static long[] last(long[] series, int count) {
        return Arrays.copyOfRange(series, series.length - count, series.length);
    }

    private static long sum(long[] series) {
        return Arrays.stream(series).sum();
    }
}
