package io.fluxgate.benchmarks;

import io.fluxgate.CircuitBreaker;
import io.fluxgate.permits.All;
import io.fluxgate.retries.Cooldown;
import io.fluxgate.trippers.FailureRate;
import io.fluxgate.trippers.MinRequests;
import io.fluxgate.windows.CountWindow;
import io.fluxgate.windows.TimeWindow;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import java.time.Duration;
import java.util.function.Supplier;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The one place where the three libraries are configured alike: a count window of 100 calls (or a time
 * window of 10 s), at least 100 calls before the failure rate counts, a 50 % failure threshold, an OPEN wait
 * of one hour (so OPEN stays OPEN for a whole run) and 10 HALF_OPEN probes.
 *
 * <p>Failsafe has no "rate over the last N calls with a minimum" for a count window: its closest equivalent is
 * {@code withFailureThreshold(50, 100)} (50 failures among the last 100 executions). Its time window uses
 * {@code withFailureRateThreshold(50, 100, 10s)}, which is the same rule as ours.
 */
final class Fixtures {

    static final int WINDOW_CALLS = 100;
    static final int WINDOW_SECONDS = 10;
    static final int MINIMUM_CALLS = 100;
    static final int PROBES = 10;
    static final Duration OPEN_WAIT = Duration.ofHours(1);

    /** What a successful call returns; preallocated so the payload itself allocates nothing. */
    static final Object RESULT = new Object();

    /** What a failing call throws: preallocated and stackless, so a failure costs only the breaker's work. */
    static final BenchmarkFailure FAILURE = new BenchmarkFailure();


    private Fixtures() {
    }

    /**
     * The protected code: {@code none} returns at once, {@code cpu100} burns {@code Blackhole.consumeCPU(100)}
     * first (about 150-250 ns), so the breaker's share of a realistic call is visible.
     */
    static Supplier<Object> payload(String payload) {
        return switch (payload) {
            case "none" -> () -> RESULT;
            case "cpu100" -> () -> {
                Blackhole.consumeCPU(100);
                return RESULT;
            };
            default -> throw new IllegalArgumentException("payload must be none or cpu100, got " + payload);
        };
    }

    /** A payload that always throws {@link #FAILURE} (after the same work as {@link #payload}). */
    static Supplier<Object> failingPayload(String payload) {
        Supplier<Object> work = payload(payload);
        return () -> {
            work.get();
            throw FAILURE;
        };
    }

    static CircuitBreaker.Builder fluxgate(String name, String window) {
        return CircuitBreaker.builder(name)
                .window(switch (window) {
                    case "count" -> new CountWindow(WINDOW_CALLS);
                    case "time" -> new TimeWindow(WINDOW_SECONDS);
                    default -> throw new IllegalArgumentException("window must be count or time, got " + window);
                })
                .tripper(new MinRequests(MINIMUM_CALLS).and(new FailureRate(0.5)))
                .retry(new Cooldown(OPEN_WAIT))
                .permit(new All())
                .maxHalfOpenCalls(PROBES);
    }

    static CircuitBreaker fluxgate(String window) {
        return fluxgate("fluxgate", window).build();
    }

    /**
     * Fluxgate "without timing": {@code measureDurations(false)}, allowed because the tripper reads no durations
     * and there is no slow threshold. A count-window breaker then reads no clock on its CLOSED path; a
     * time-window breaker reads it once per call, to find the bucket.
     */
    static CircuitBreaker fluxgateWithoutTiming(String window) {
        return fluxgate("fluxgate-without-timing", window).measureDurations(false).build();
    }

    /** Opens a Fluxgate breaker the way production does: by failing {@code MINIMUM_CALLS} calls. */
    static void trip(CircuitBreaker breaker) {
        for (int i = 0; i < MINIMUM_CALLS; i++) {
            long permission = breaker.tryAcquirePermission();
            if (permission < 0) {
                break;
            }
            breaker.endCall(permission, FAILURE, breaker.startCall(permission));
        }
    }

    static CircuitBreakerConfig resilience4j(String window) {
        return resilience4jBuilder(window).build();
    }

    static CircuitBreakerConfig.Builder resilience4jBuilder(String window) {
        return CircuitBreakerConfig.custom()
                .slidingWindow(switch (window) {
                    case "count" -> WINDOW_CALLS;
                    case "time" -> WINDOW_SECONDS;
                    default -> throw new IllegalArgumentException("window must be count or time, got " + window);
                }, MINIMUM_CALLS, "count".equals(window) ? SlidingWindowType.COUNT_BASED : SlidingWindowType.TIME_BASED)
                .failureRateThreshold(50)
                .waitDurationInOpenState(OPEN_WAIT)
                .permittedNumberOfCallsInHalfOpenState(PROBES);
    }

    static io.github.resilience4j.circuitbreaker.CircuitBreaker resilience4jBreaker(String window) {
        return io.github.resilience4j.circuitbreaker.CircuitBreaker.of("resilience4j", resilience4j(window));
    }

    static dev.failsafe.CircuitBreaker<Object> failsafe(String window) {
        var builder = dev.failsafe.CircuitBreaker.builder().withDelay(OPEN_WAIT);
        return switch (window) {
            case "count" -> builder.withFailureThreshold(WINDOW_CALLS / 2, WINDOW_CALLS).build();
            case "time" -> builder.withFailureRateThreshold(50, MINIMUM_CALLS, Duration.ofSeconds(WINDOW_SECONDS))
                    .build();
            default -> throw new IllegalArgumentException("window must be count or time, got " + window);
        };
    }

    /** Fails an iteration whose breaker left the state the benchmark measures: its numbers would be invalid. */
    static void expectState(String library, Object actual, Object expected) {
        if (!String.valueOf(actual).equals(String.valueOf(expected))) {
            throw new IllegalStateException(library + " breaker is " + actual + " but this benchmark measures "
                    + expected + ": the iteration is invalid");
        }
    }

    static void expect(String library, boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException(library + ": " + what + ": the iteration is invalid");
        }
    }

    /** A stackless failure, like a preallocated exception an application would reuse. */
    static final class BenchmarkFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        BenchmarkFailure() {
            super("benchmark failure", null, false, false);
        }
    }
}
