package io.fluxgate.spring.actuate;

import io.fluxgate.CircuitBreaker;
import io.fluxgate.CircuitBreakerInfo;
import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.State;
import io.fluxgate.retries.Retry;
import io.fluxgate.spring.actuate.DashboardDescriptor.OpenWait;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * The live dashboard, a sibling of the {@code fluxgate} endpoint that only the web exposes:
 * {@code GET /actuator/fluxgatedashboard} answers a self-contained HTML page (its CSS and JavaScript inline,
 * nothing fetched from elsewhere), which polls {@code GET /actuator/fluxgatedashboard/data} once a second and
 * steers breakers through the {@code fluxgate} endpoint's own {@code POST}, shown only when that is mapped.
 *
 * <p>Read-only: it changes no breaker. Each poll samples the breakers' cumulative counters for the per-second
 * chart ({@link TrafficHistory}); nothing is sampled while no page polls. Thread-safe.
 */
@WebEndpoint(id = "fluxgatedashboard", defaultAccess = Access.READ_ONLY)
public class FluxgateDashboardEndpoint {

    /** Where the page lives on the class path. */
    static final String PAGE = "io/fluxgate/spring/actuate/dashboard.html";

    private final FluxgateEndpoint endpoint;
    private final CircuitBreakerRegistry registry;
    private final TrafficHistory traffic;
    private final BooleanSupplier writable;
    private final Clock clock;
    private final String page;

    FluxgateDashboardEndpoint(FluxgateEndpoint endpoint, CircuitBreakerRegistry registry, TrafficHistory traffic,
            BooleanSupplier writable, Clock clock) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.traffic = Objects.requireNonNull(traffic, "traffic");
        this.writable = Objects.requireNonNull(writable, "writable");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.page = load();
    }

    /**
     * The dashboard page.
     *
     * @return the HTML page, the same for every request
     */
    @ReadOperation(produces = "text/html;charset=UTF-8")
    public String page() {
        return page;
    }

    /**
     * What the page polls: samples the traffic counters, then describes every breaker.
     *
     * @param view    must be {@code data}; anything else is {@code 404}
     * @param breaker the breaker whose traffic to include, or {@code null} for none
     * @return the dashboard's data, or {@code null} (404) for another {@code view}
     */
    @ReadOperation
    public @Nullable DashboardDescriptor data(@Selector String view, @Nullable String breaker) {
        if (!"data".equals(view)) {
            return null;
        }
        List<CircuitBreaker> all = List.copyOf(registry.all());
        traffic.sample(all);
        BreakersDescriptor described = endpoint.breakers();
        Map<String, OpenWait> waits = new LinkedHashMap<>();
        for (CircuitBreaker each : all) {
            CircuitBreakerInfo info = each.info();
            if (info.state() == State.OPEN) {
                waits.put(each.name(), openWait(each.config().retry(), info));
            }
        }
        TrafficDescriptor selected = breaker == null ? null : traffic.traffic(breaker);
        return new DashboardDescriptor(clock.instant().toString(), writable.getAsBoolean(), described.breakers(),
                described.families(), waits, selected == null ? null : breaker, selected);
    }

    /** When the wait of a breaker that opened at {@code info.changedAt()} ends, as its retry tells. */
    private static OpenWait openWait(Retry retry, CircuitBreakerInfo info) {
        long nanos;
        try {
            nanos = retry.waitNanos(info.reopens());
        } catch (RuntimeException e) {
            return new OpenWait(null, false); // a user's retry that throws: the page says "waiting for a call"
        }
        if (nanos == Retry.NEVER) {
            return new OpenWait(null, true);
        }
        return new OpenWait(info.changedAt().plus(Duration.ofNanos(nanos)).toString(), false);
    }

    private static String load() {
        try (InputStream in = FluxgateDashboardEndpoint.class.getClassLoader().getResourceAsStream(PAGE)) {
            if (in == null) {
                throw new IllegalStateException("The dashboard page " + PAGE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the dashboard page " + PAGE, e);
        }
    }
}
