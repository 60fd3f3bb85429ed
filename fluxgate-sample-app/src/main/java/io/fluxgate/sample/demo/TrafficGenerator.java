package io.fluxgate.sample.demo;

import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.sample.payments.PaymentClient;
import io.fluxgate.sample.payments.PaymentResult;
import io.fluxgate.sample.payments.RefundClient;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Sends steady background load through {@link PaymentClient} and {@link RefundClient} (so through their
 * breakers) and logs, once a second, what came back and what state the breakers are in:
 *
 * <pre>
 * traffic: 10 calls in the last second: charged=3 queued=7 | payment_api=OPEN refund_api=CLOSED
 * </pre>
 *
 * One run at a time; starting a new run replaces the current one. Thread-safe.
 */
@Component
public class TrafficGenerator implements DisposableBean {

    private static final Logger logger = LoggerFactory.getLogger(TrafficGenerator.class);

    private final PaymentClient payments;

    private final RefundClient refunds;

    private final ObjectProvider<CircuitBreakerRegistry> registry;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    /** Calls may block until the client's read timeout, so they run on their own pool, not on the ticker. */
    private final ExecutorService callers = Executors.newFixedThreadPool(32);

    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();

    private final AtomicInteger sent = new AtomicInteger();

    private final AtomicInteger inFlight = new AtomicInteger();

    private volatile Run current = Run.IDLE;

    TrafficGenerator(PaymentClient payments, RefundClient refunds, ObjectProvider<CircuitBreakerRegistry> registry) {
        this.payments = payments;
        this.refunds = refunds;
        this.registry = registry;
    }

    /**
     * Starts sending load, replacing a run in progress, and returns at once.
     *
     * @param duration       how long to send
     * @param callsPerSecond charges per second, from 1 to 100; every fifth call is also a refund
     * @return the run that was started
     */
    public synchronized Status start(Duration duration, int callsPerSecond) {
        if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("seconds must be in [1, 600], was " + duration.toSeconds());
        }
        if (callsPerSecond < 1 || callsPerSecond > 100) {
            throw new IllegalArgumentException("rate must be in [1, 100], was " + callsPerSecond);
        }
        this.current.cancel();
        long period = 1_000_000 / callsPerSecond;
        ScheduledFuture<?> calls = this.scheduler.scheduleAtFixedRate(this::sendOne, 0, period, TimeUnit.MICROSECONDS);
        ScheduledFuture<?> report = this.scheduler.scheduleAtFixedRate(this::report, 1, 1, TimeUnit.SECONDS);
        Run run = new Run(calls, report, System.nanoTime() + duration.toNanos(), callsPerSecond);
        this.current = run;
        this.scheduler.schedule(() -> stop(run), duration.toMillis(), TimeUnit.MILLISECONDS);
        logger.info("traffic: sending {} charges per second for {} s", callsPerSecond, duration.toSeconds());
        return status();
    }

    /**
     * Stops the run in progress, if any.
     *
     * @return the (now idle) status
     */
    public synchronized Status stop() {
        return stop(this.current);
    }

    private synchronized Status stop(Run run) {
        if (run == this.current && run != Run.IDLE) {
            run.cancel();
            this.current = Run.IDLE;
            report();
            logger.info("traffic: stopped");
        }
        return status();
    }

    /**
     * Whether load is being sent, and for how much longer.
     *
     * @return the status
     */
    public Status status() {
        Run run = this.current;
        long remaining = Math.max(0, TimeUnit.NANOSECONDS.toSeconds(run.endNanos() - System.nanoTime()));
        return new Status(run != Run.IDLE, run == Run.IDLE ? 0 : remaining, run.callsPerSecond(), this.inFlight.get());
    }

    private void sendOne() {
        int n = this.sent.incrementAndGet();
        BigDecimal amount = BigDecimal.TEN;
        this.inFlight.incrementAndGet();
        this.callers.execute(() -> {
            try {
                count(this.payments.charge(amount));
            } finally {
                this.inFlight.decrementAndGet();
            }
        });
        if (n % 5 == 0) {
            this.inFlight.incrementAndGet();
            this.refunds.refund(amount).whenComplete((@Nullable PaymentResult result, @Nullable Throwable ex) -> {
                this.inFlight.decrementAndGet();
                if (result != null) {
                    count(result);
                }
            });
        }
    }

    private void count(PaymentResult result) {
        this.outcomes.computeIfAbsent(result.status(), (status) -> new LongAdder()).increment();
    }

    private void report() {
        Map<String, Long> counts = new TreeMap<>();
        this.outcomes.forEach((status, adder) -> {
            long n = adder.sumThenReset();
            if (n > 0) {
                counts.put(status, n);
            }
        });
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        String results = counts.entrySet().stream().map((e) -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        logger.info("traffic: {} calls in the last second: {} | {}", total, results, breakerStates());
    }

    private String breakerStates() {
        CircuitBreakerRegistry breakers = this.registry.getIfAvailable();
        if (breakers == null) {
            return "no breaker registry";
        }
        return breakers.all().stream().map((cb) -> cb.name() + "=" + cb.state())
                .sorted().collect(Collectors.joining(" "));
    }

    @Override
    public void destroy() {
        this.scheduler.shutdownNow();
        this.callers.shutdownNow();
    }

    /**
     * The traffic generator's state.
     *
     * @param running          whether load is being sent
     * @param secondsRemaining how long the current run still lasts
     * @param callsPerSecond   the current run's rate, 0 when idle
     * @param callsInFlight    calls sent and not answered yet (they finish after a run stops)
     */
    public record Status(boolean running, long secondsRemaining, int callsPerSecond, int callsInFlight) {
    }

    private record Run(@Nullable ScheduledFuture<?> calls, @Nullable ScheduledFuture<?> report, long endNanos,
            int callsPerSecond) {

        static final Run IDLE = new Run(null, null, 0, 0);

        void cancel() {
            if (this.calls != null) {
                this.calls.cancel(false);
            }
            if (this.report != null) {
                this.report.cancel(false);
            }
        }
    }
}
