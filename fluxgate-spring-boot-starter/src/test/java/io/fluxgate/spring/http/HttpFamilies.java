package io.fluxgate.spring.http;

import io.fluxgate.CircuitBreaker;
import io.fluxgate.KeyedCircuitBreaker;
import io.fluxgate.State;
import io.fluxgate.permits.All;
import io.fluxgate.retries.Cooldown;
import io.fluxgate.spring.TestBreakers.ManualTicker;
import io.fluxgate.trackers.Tracker;
import io.fluxgate.trippers.FailureStreak;
import java.time.Duration;

/** Families for the HTTP tests: two failures in a row open a host's breaker, which probes after ten seconds. */
final class HttpFamilies {

    static final Duration COOLDOWN = Duration.ofSeconds(10);

    private HttpFamilies() {
    }

    static KeyedCircuitBreaker<Object> family(ManualTicker ticker) {
        return family(ticker, new io.fluxgate.trackers.All());
    }

    static KeyedCircuitBreaker<Object> family(ManualTicker ticker, Tracker tracker) {
        return KeyedCircuitBreaker.builder(CircuitBreaker.builder("payment_api").tracker(tracker)
                .tripper(new FailureStreak(2)).retry(new Cooldown(COOLDOWN)).permit(new All()).maxHalfOpenCalls(1)
                .ticker(ticker)).build();
    }

    static State state(KeyedCircuitBreaker<Object> family, TestHost host) {
        return family.get(host.key()).orElseThrow(() -> new AssertionError("no breaker for " + host.key())).state();
    }
}
