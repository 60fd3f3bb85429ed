package io.fluxgate.benchmarks;

import io.fluxgate.CircuitBreaker;
import io.fluxgate.spring.actuate.DashboardDescriptor;
import io.fluxgate.spring.actuate.FluxgateDashboardEndpoint;
import io.fluxgate.spring.actuate.FluxgateDashboardAutoConfiguration;
import io.fluxgate.spring.actuate.FluxgateEndpointAutoConfiguration;
import io.fluxgate.spring.autoconfigure.FluxgateAutoConfiguration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * {@link ClosedSuccess}'s {@code fluxgate} row with the dashboard open: the same CLOSED call, on a breaker built by
 * {@link Fixtures} and registered by the starter, while a background thread polls the {@code fluxgatedashboard}
 * endpoint's data producer for that breaker ({@code data("data", "fluxgate", null)}: it samples every breaker's
 * counters into the per-second history, then describes every breaker) as an open page does.
 *
 * <p>{@code poll=none} is the same context with no poller, the row to compare with; {@code poll=1s} is one open
 * page; {@code poll=100ms} ten times that, to be conservative (ten pages, or a page's bursts). The poller runs on
 * its own thread, so with few cores it also competes for the CPU. The HTTP and JSON layers of a real poll are not
 * included: they touch no breaker.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class ClosedSuccessDashboard {

    @Param({"count", "time"})
    public String window;

    @Param({"none", "cpu100"})
    public String payload;

    @Param({"none", "1s", "100ms"})
    public String poll;

    private ConfigurableApplicationContext context;
    private CircuitBreaker fluxgate;
    private Supplier<Object> fluxgateCall;
    private Thread poller;
    private volatile boolean polling;
    private final AtomicLong polls = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp() {
        context = SpringContexts.start(Config.class, payload, Map.<String, Object>of("benchmark.window", window,
                "management.endpoints.web.exposure.include", "fluxgate,fluxgatedashboard"));
        fluxgate = context.getBean(CircuitBreaker.class);
        fluxgateCall = fluxgate.decorateSupplier(Fixtures.payload(payload));
        FluxgateDashboardEndpoint dashboard = context.getBean(FluxgateDashboardEndpoint.class);
        DashboardDescriptor first = dashboard.data("data", fluxgate.name(), null);
        Fixtures.expect("Fluxgate", first != null && first.breakers().containsKey(fluxgate.name())
                && first.traffic() != null, "the dashboard's data does not follow breaker " + fluxgate.name());
        if (!"none".equals(poll)) {
            long interval = switch (poll) {
                case "1s" -> TimeUnit.SECONDS.toNanos(1);
                case "100ms" -> TimeUnit.MILLISECONDS.toNanos(100);
                default -> throw new IllegalArgumentException("poll must be none, 1s or 100ms, got " + poll);
            };
            polling = true;
            poller = new Thread(() -> {
                while (polling) {
                    dashboard.data("data", fluxgate.name(), null);
                    polls.incrementAndGet();
                    LockSupport.parkNanos(interval);
                }
            }, "dashboard-poller");
            poller.setDaemon(true);
            poller.start();
        }
    }

    @TearDown(Level.Iteration)
    public void stillClosed() {
        Fixtures.expectState("Fluxgate", fluxgate.state(), io.fluxgate.State.CLOSED);
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        polling = false;
        if (poller != null) {
            poller.interrupt();
            poller.join();
            Fixtures.expect("Fluxgate", polls.get() > 0, "the dashboard poller never polled");
        }
        context.close();
    }

    @Benchmark
    public Object fluxgate() {
        return fluxgateCall.get();
    }

    /** The starter, its endpoint and the dashboard, and one breaker as {@link ClosedSuccess} builds it. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @ImportAutoConfiguration({FluxgateAutoConfiguration.class, FluxgateEndpointAutoConfiguration.class,
            FluxgateDashboardAutoConfiguration.class})
    static class Config {

        @Bean
        CircuitBreaker fluxgate(Environment environment) {
            return Fixtures.fluxgate("fluxgate", environment.getRequiredProperty("benchmark.window")).build();
        }
    }
}
