package io.fluxgate.spring.actuate;

import io.fluxgate.CircuitBreaker;
import io.fluxgate.CircuitBreakerInfo;
import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.KeyedCircuitBreaker;
import io.fluxgate.State;
import io.fluxgate.retries.Retry;
import io.fluxgate.spring.actuate.DashboardDescriptor.KeyDetail;
import io.fluxgate.spring.actuate.DashboardDescriptor.OpenWait;
import io.fluxgate.spring.actuate.FamilyDescriptor.KeyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
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

    /** How many keys of each family the data lists, problems first: a family may have thousands. */
    static final int TOP_KEYS = 10;

    /** Problems first, as the page orders its tiles. */
    private static final List<State> ORDER = List.of(State.OPEN, State.FORCED_OPEN, State.HALF_OPEN,
            State.METRICS_ONLY, State.DISABLED, State.CLOSED);

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
     * @param breaker the breaker (or keyed family) to follow, or {@code null} for none
     * @param key     with a family as {@code breaker}, the key to follow ({@code toString()}), or {@code null}
     * @return the dashboard's data, or {@code null} (404) for another {@code view}
     */
    @ReadOperation
    public @Nullable DashboardDescriptor data(@Selector String view, @Nullable String breaker, @Nullable String key) {
        if (!"data".equals(view)) {
            return null;
        }
        List<CircuitBreaker> all = List.copyOf(registry.all());
        CircuitBreaker keyBreaker = breaker == null || key == null ? null : endpoint.keyBreaker(breaker, key);
        traffic.sample(all, keyBreaker);
        BreakersDescriptor described = endpoint.breakers();
        Map<String, OpenWait> waits = new LinkedHashMap<>();
        Map<String, Thresholds> thresholds = new LinkedHashMap<>();
        for (CircuitBreaker each : all) {
            CircuitBreakerInfo info = each.info();
            if (info.state() == State.OPEN) {
                waits.put(each.name(), openWait(each.config().retry(), info));
            }
            thresholds.put(each.name(), Thresholds.of(each.config().tripper(), info.state()));
        }
        Map<String, Map<String, KeyDescriptor>> keys = new LinkedHashMap<>();
        for (KeyedCircuitBreaker<Object> family : endpoint.keyed().all()) {
            keys.put(family.name(), topKeys(family));
        }
        KeyDetail detail = keyBreaker == null ? null : detail(breaker, key, keyBreaker);
        TrafficDescriptor followed = keyBreaker != null ? traffic.keyTraffic(keyBreaker.name())
                : breaker == null ? null : traffic.traffic(breaker);
        String selected = followed != null || detail != null || described.families().containsKey(breaker)
                ? breaker : null;
        return new DashboardDescriptor(clock.instant().toString(), writable.getAsBoolean(), described.breakers(),
                described.families(), waits, thresholds, keys, selected, detail, followed);
    }

    private @Nullable KeyDetail detail(String family, String key, CircuitBreaker breaker) {
        BreakerDescriptor described = endpoint.key(family, key);
        if (described == null) {
            return null; // dropped since it was sampled
        }
        CircuitBreakerInfo info = breaker.info();
        return new KeyDetail(key, described, Thresholds.of(breaker.config().tripper(), info.state()),
                info.state() == State.OPEN ? openWait(breaker.config().retry(), info) : null);
    }

    /** The family's first {@link #TOP_KEYS} keys: problems first, then the busiest, then by key. */
    private static Map<String, KeyDescriptor> topKeys(KeyedCircuitBreaker<Object> family) {
        List<Map.Entry<String, KeyDescriptor>> all = new ArrayList<>();
        family.breakers().forEach((key, breaker) -> all.add(Map.entry(String.valueOf(key), KeyDescriptor.of(breaker))));
        all.sort(Comparator.<Map.Entry<String, KeyDescriptor>>comparingInt(e -> ORDER.indexOf(e.getValue().state()))
                .thenComparingLong(e -> -e.getValue().metric().totalCount())
                .thenComparing(Map.Entry::getKey));
        Map<String, KeyDescriptor> top = new LinkedHashMap<>();
        for (Map.Entry<String, KeyDescriptor> entry : all.subList(0, Math.min(TOP_KEYS, all.size()))) {
            top.put(entry.getKey(), entry.getValue());
        }
        return top;
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
