package io.fluxgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.trackers.TypeOf;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class CallStatisticsTests {

    private final Fixture fixture = new Fixture();

    @Test
    void countsEveryOutcomeWithItsDurationAndSlowness() {
        CircuitBreaker cb = fixture.builder().tracker(new TypeOf(IOException.class))
                .slowThreshold(Duration.ofSeconds(1)).build();

        fixture.succeedTaking(cb, Duration.ofMillis(100));
        fixture.succeedTaking(cb, Duration.ofSeconds(2));
        assertThatThrownBy(() -> cb.call(() -> {
            fixture.advance(Duration.ofMillis(300));
            throw new IOException();
        })).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> cb.run(() -> {
            throw new IllegalStateException();
        })).isInstanceOf(IllegalStateException.class);
        cb.forceOpen();
        assertThatThrownBy(() -> Fixture.succeed(cb)).isInstanceOf(CallNotPermittedException.class);
        cb.callAsync(() -> CompletableFuture.completedFuture("x"));

        CallStatistics stats = cb.statistics();
        assertThat(stats.count(CallOutcome.SUCCESS, false)).isEqualTo(1);
        assertThat(stats.count(CallOutcome.SUCCESS, true)).isEqualTo(1);
        assertThat(stats.totalDuration(CallOutcome.SUCCESS, true)).isEqualTo(Duration.ofSeconds(2));
        assertThat(stats.count(CallOutcome.FAILURE, false)).isEqualTo(1);
        assertThat(stats.totalDuration(CallOutcome.FAILURE, false)).isEqualTo(Duration.ofMillis(300));
        assertThat(stats.count(CallOutcome.IGNORED, false)).isEqualTo(1);
        assertThat(stats.count(CallOutcome.REJECTED, false)).isEqualTo(2);
        assertThat(stats.totalDuration(CallOutcome.REJECTED, false)).isZero();
    }

    @Test
    void survivesTransitionsUnlikeTheWindow() {
        CircuitBreaker cb = fixture.builder().build();
        Fixture.succeed(cb);

        cb.reset();

        assertThat(cb.info().metric().totalCount()).isZero();
        assertThat(cb.statistics().count(CallOutcome.SUCCESS, false)).isEqualTo(1);
    }

    @Test
    void doesNotCountACancelledCall() {
        CircuitBreaker cb = fixture.builder().build();

        cb.callAsync(CompletableFuture::new).cancel(true);

        for (CallOutcome outcome : CallOutcome.values()) {
            assertThat(cb.statistics().count(outcome, false)).isZero();
        }
    }
}
