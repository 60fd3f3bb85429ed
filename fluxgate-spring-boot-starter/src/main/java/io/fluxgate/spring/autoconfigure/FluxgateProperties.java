package io.fluxgate.spring.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

/**
 * Configuration of Fluxgate under {@code fluxgate}. Component values are expressions
 * ({@code MinRequests(20) & FailureRate(0.5)}); unknown keys are start-up errors.
 *
 * @param defaults    Settings every breaker starts from.
 * @param breakers    Breakers by name. Names are kept exactly as written; put a name with characters other
 *                    than letters, digits, '-' and '_' in brackets, e.g. "[a.b]".
 * @param aspectOrder Order of the @CircuitBreaker advisor among the advisors applied by order. Lowest precedence
 *                    when unset. Has no effect with aspect-placement 'outermost'.
 * @param aspectPlacement Where the @CircuitBreaker advice goes in a proxy's chain: 'ordered' (by aspect-order,
 *                    inside advice that post-processors put in front, such as Spring's @Retryable and
 *                    Spring's @ConcurrencyLimit) or 'outermost' (in front of all other advice, so that a retried
 *                    call is one breaker call).
 * @param health      Options of the health contributor.
 * @param slack       Settings of the 'slack' listener, which needs io.fluxgate:fluxgate-slack on the class path.
 * @param strictNames Whether a breaker name that does not match fails start-up instead of being logged at WARN:
 *                    a @CircuitBreaker name (or one given to the factory) that is not under fluxgate.breakers
 *                    while fluxgate.breakers has entries, and a configured breaker that nothing used during
 *                    start-up.
 * @param http        Outbound HTTP clients guarded by keyed breakers, one breaker per host and port.
 * @param dashboard   Options of the live dashboard page, GET /actuator/fluxgatedashboard.
 * @param fleet       Fleet mode: the breakers of every instance of this application seen and steered together
 *                    through Redis; needs io.fluxgate:fluxgate-redis on the class path.
 */
@ConfigurationProperties(prefix = "fluxgate", ignoreUnknownFields = false)
public record FluxgateProperties(@DefaultValue Breaker defaults, Map<String, Breaker> breakers, Integer aspectOrder,
        @DefaultValue("ordered") AspectPlacement aspectPlacement, @DefaultValue Health health,
        @DefaultValue Slack slack, @DefaultValue("false") boolean strictNames, @DefaultValue Http http,
        @DefaultValue Dashboard dashboard, @DefaultValue Fleet fleet) {

    /**
     * Binds a missing {@code breakers} map as empty.
     *
     * @param defaults    settings every breaker starts from
     * @param breakers    breakers by name, as written
     * @param aspectOrder order of the {@code @CircuitBreaker} advisor, or {@code null}
     * @param aspectPlacement where the {@code @CircuitBreaker} advice goes in a proxy's chain
     * @param health      options of the health contributor
     * @param slack       settings of the {@code slack} listener
     * @param strictNames whether names that do not match fail start-up
     * @param http        the HTTP clients guarded by keyed breakers
     * @param dashboard   options of the dashboard page
     * @param fleet       fleet mode options
     */
    @ConstructorBinding
    public FluxgateProperties {
        breakers = breakers == null ? Map.of() : breakers;
        http = http == null ? new Http(null, null) : http;
        dashboard = dashboard == null ? new Dashboard(true) : dashboard;
        fleet = fleet == null ? Fleet.OFF : fleet;
    }

    /**
     * Properties with fleet mode off.
     *
     * @param defaults    settings every breaker starts from
     * @param breakers    breakers by name, as written
     * @param aspectOrder order of the {@code @CircuitBreaker} advisor, or {@code null}
     * @param aspectPlacement where the {@code @CircuitBreaker} advice goes in a proxy's chain
     * @param health      options of the health contributor
     * @param slack       settings of the {@code slack} listener
     * @param strictNames whether names that do not match fail start-up
     * @param http        the HTTP clients guarded by keyed breakers
     * @param dashboard   options of the dashboard page
     */
    public FluxgateProperties(Breaker defaults, Map<String, Breaker> breakers, Integer aspectOrder,
            AspectPlacement aspectPlacement, Health health, Slack slack, boolean strictNames, Http http,
            Dashboard dashboard) {
        this(defaults, breakers, aspectOrder, aspectPlacement, health, slack, strictNames, http, dashboard, null);
    }

    /**
     * Properties with the default {@code fluxgate.dashboard} settings.
     *
     * @param defaults    settings every breaker starts from
     * @param breakers    breakers by name, as written
     * @param aspectOrder order of the {@code @CircuitBreaker} advisor, or {@code null}
     * @param aspectPlacement where the {@code @CircuitBreaker} advice goes in a proxy's chain
     * @param health      options of the health contributor
     * @param slack       settings of the {@code slack} listener
     * @param strictNames whether names that do not match fail start-up
     * @param http        the HTTP clients guarded by keyed breakers
     */
    public FluxgateProperties(Breaker defaults, Map<String, Breaker> breakers, Integer aspectOrder,
            AspectPlacement aspectPlacement, Health health, Slack slack, boolean strictNames, Http http) {
        this(defaults, breakers, aspectOrder, aspectPlacement, health, slack, strictNames, http, null, null);
    }

    /**
     * Properties without {@code fluxgate.http} settings.
     *
     * @param defaults    settings every breaker starts from
     * @param breakers    breakers by name, as written
     * @param aspectOrder order of the {@code @CircuitBreaker} advisor, or {@code null}
     * @param aspectPlacement where the {@code @CircuitBreaker} advice goes in a proxy's chain
     * @param health      options of the health contributor
     * @param slack       settings of the {@code slack} listener
     * @param strictNames whether names that do not match fail start-up
     */
    public FluxgateProperties(Breaker defaults, Map<String, Breaker> breakers, Integer aspectOrder,
            AspectPlacement aspectPlacement, Health health, Slack slack, boolean strictNames) {
        this(defaults, breakers, aspectOrder, aspectPlacement, health, slack, strictNames, null, null, null);
    }

    /**
     * Where the {@code @CircuitBreaker} advice goes in the chain of a proxy, relative to other advice on the same
     * method; the value of {@code fluxgate.aspect-placement}.
     */
    public enum AspectPlacement {

        /**
         * Among the advisors that the auto-proxy creator applies, by {@code fluxgate.aspect-order}. Advice that a
         * post-processor puts in front of existing advice, such as Spring Framework's {@code @Retryable} and
         * {@code @ConcurrencyLimit} ({@code @EnableResilientMethods}), runs outside the breaker: every attempt of
         * a retried call is one breaker call.
         */
        ORDERED,

        /**
         * In front of all other advice on the bean, including advice that post-processors put in front of existing
         * advice: a retried call is one breaker call with one outcome, and {@code fluxgate.aspect-order} has no
         * effect.
         */
        OUTERMOST
    }

    /**
     * One breaker's settings; anything unset falls back to {@code fluxgate.defaults}, then to the core's
     * defaults.
     *
     * @param window           Window expression, which calls the tripper looks at, e.g. CountWindow(100).
     * @param tracker          Tracker expression, which exceptions are failures, e.g.
     *                         TypeOf(java.net.ConnectException) | Custom(beanName).
     * @param tripper          Tripper expression, when to open, e.g. FailureStreak(5).
     * @param retry            Retry expression, when an open breaker may probe again, e.g. Backoff(10s).
     * @param permit           Permit expression, which half-open calls are admitted, e.g. RampUp(0.1, 0.5, 60s).
     * @param slowThreshold    Duration from which a call counts as slow, e.g. 2s or 500ms; a bare number is seconds.
     *                         No call is slow when unset.
     * @param maxHalfOpenCalls Maximum number of calls running at once in HALF_OPEN; at least 1.
     * @param maxHalfOpenDuration How long HALF_OPEN may last without a decision (probes that hang) before the
     *                         next call reopens the breaker, e.g. 30s; a bare number is seconds. 60s when unset.
     * @param measureDurations Whether to time each call. When false, the clock is not read around calls (a
     *                         TimeWindow still reads it once per call) and durations show as 0 in metrics and the
     *                         endpoint; not allowed with a slow-threshold or a tripper that reads durations
     *                         (AvgLatency). Calls are timed when unset.
     * @param listeners        Named listeners to notify of transitions: log, slack (needs io.fluxgate:fluxgate-slack).
     * @param health           Health options of the breaker.
     * @param keys             Bounds of a keyed breaker (@CircuitBreaker with a key): one breaker per key, each
     *                         built from these settings. A breaker with this block is keyed.
     * @param fleet            Fleet mode options of the breaker (fluxgate.fleet.enabled, io.fluxgate:fluxgate-redis).
     */
    public record Breaker(String window, String tracker, String tripper, String retry, String permit,
            @DurationUnit(ChronoUnit.SECONDS) Duration slowThreshold, Integer maxHalfOpenCalls,
            @DurationUnit(ChronoUnit.SECONDS) Duration maxHalfOpenDuration, Boolean measureDurations,
            List<String> listeners, BreakerHealth health, Keys keys, BreakerFleet fleet) {

        /**
         * Binds every key of a breaker.
         *
         * @param window           window expression
         * @param tracker          tracker expression
         * @param tripper          tripper expression
         * @param retry            retry expression
         * @param permit           permit expression
         * @param slowThreshold    duration from which a call is slow
         * @param maxHalfOpenCalls maximum number of calls at once in HALF_OPEN
         * @param maxHalfOpenDuration how long HALF_OPEN may last without a decision
         * @param measureDurations whether to time each call
         * @param listeners        named listeners
         * @param health           health options
         * @param keys             bounds of a keyed breaker
         * @param fleet            fleet mode options
         */
        @ConstructorBinding
        public Breaker {
        }

        /**
         * A breaker's settings without fleet options.
         *
         * @param window           window expression
         * @param tracker          tracker expression
         * @param tripper          tripper expression
         * @param retry            retry expression
         * @param permit           permit expression
         * @param slowThreshold    duration from which a call is slow
         * @param maxHalfOpenCalls maximum number of calls at once in HALF_OPEN
         * @param maxHalfOpenDuration how long HALF_OPEN may last without a decision
         * @param measureDurations whether to time each call
         * @param listeners        named listeners
         * @param health           health options
         * @param keys             bounds of a keyed breaker
         */
        public Breaker(String window, String tracker, String tripper, String retry, String permit,
                Duration slowThreshold, Integer maxHalfOpenCalls, Duration maxHalfOpenDuration,
                Boolean measureDurations, List<String> listeners, BreakerHealth health, Keys keys) {
            this(window, tracker, tripper, retry, permit, slowThreshold, maxHalfOpenCalls, maxHalfOpenDuration,
                    measureDurations, listeners, health, keys, null);
        }
    }

    /**
     * A breaker's fleet mode options.
     *
     * @param follow Whether this instance opens the breaker itself when at least fluxgate.fleet.follow-quorum of
     *               the live instances report it OPEN; it then probes on its own retry schedule. Off when unset.
     */
    public record BreakerFleet(Boolean follow) {
    }

    /**
     * Fleet mode, which io.fluxgate:fluxgate-redis provides on the application's Redis
     * ({@code spring.data.redis.*}): every instance publishes its breakers' states, a {@code scope=fleet} request
     * of the endpoint reads or steers all live instances, and followed breakers open when enough peers are OPEN.
     *
     * @param enabled      Whether to join the fleet. Needs io.fluxgate:fluxgate-redis and a RedisConnectionFactory.
     * @param name         Name of the fleet, shared by the instances that see and steer each other. The
     *                     application's spring.application.name when unset.
     * @param instanceId   This instance's name in the fleet, unique among its instances. Host name and process id
     *                     with a random suffix when unset.
     * @param heartbeat    How often this instance writes its breakers' states to Redis and renews its entry,
     *                     e.g. 1s; a bare number is seconds. Shorter than ttl.
     * @param ttl          How long an instance that stopped heartbeating stays in the fleet view, e.g. 5s; a bare
     *                     number is seconds.
     * @param commandTtl   How long a fleet-wide command stands for instances that join later or were cut off from
     *                     Redis when it was sent, e.g. 10m; a bare number is seconds.
     * @param followQuorum Share of live instances, in (0, 1], that must report a followed breaker OPEN before this
     *                     instance opens it too.
     */
    public record Fleet(@DefaultValue("false") boolean enabled, String name, String instanceId,
            @DefaultValue("1s") @DurationUnit(ChronoUnit.SECONDS) Duration heartbeat,
            @DefaultValue("5s") @DurationUnit(ChronoUnit.SECONDS) Duration ttl,
            @DefaultValue("10m") @DurationUnit(ChronoUnit.SECONDS) Duration commandTtl,
            @DefaultValue("0.5") double followQuorum) {

        /** Fleet mode off, with the default timings. */
        static final Fleet OFF = new Fleet(false, null, null, Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofMinutes(10), 0.5);
    }

    /**
     * Bounds and metrics of a keyed breaker; anything unset falls back to {@code fluxgate.defaults.keys}, then
     * to the core's defaults.
     *
     * @param max          Maximum number of keys with a breaker of their own; at least 1. 1000 when unset.
     * @param idleEviction How long a CLOSED key may go unused before its breaker may be dropped, e.g. 10m; a bare
     *                     number is seconds. 10m when unset.
     * @param metricsTag   Whether each live key also gets fluxgate.key.* meters with a 'key' tag (at most max
     *                     keys), besides the family's own meters. Off when unset: every key is a time series.
     */
    public record Keys(Integer max, @DurationUnit(ChronoUnit.SECONDS) Duration idleEviction, Boolean metricsTag) {
    }

    /**
     * Outbound HTTP clients guarded by keyed breakers: each request runs through the breaker of its host and port
     * ({@code payments.internal:443}) in the named family, whose settings are {@code fluxgate.breakers.<name>}.
     *
     * @param breaker Keyed breaker guarding every RestClient, RestTemplate and WebClient built from Spring Boot's
     *                auto-configured builders, HTTP service groups included unless fluxgate.http.clients names the
     *                group; one breaker per host and port. No breaker when unset.
     * @param clients HTTP service groups (@ImportHttpServices(group = ...)) by group name, each guarded by the keyed
     *                breaker its entry names instead of fluxgate.http.breaker.
     */
    public record Http(String breaker, Map<String, Client> clients) {

        /**
         * Binds a missing {@code clients} map as empty.
         *
         * @param breaker the family guarding every client built from Boot's builders, or {@code null}
         * @param clients the HTTP service groups with a family of their own, by group name
         */
        public Http {
            clients = clients == null ? Map.of() : clients;
        }

        /**
         * Every family named under {@code fluxgate.http}: the names that are keyed families, not plain breakers.
         *
         * @return the names, {@code breaker} first, then in the order of {@code clients}
         */
        public Set<String> families() {
            Set<String> families = new LinkedHashSet<>();
            if (breaker != null && !breaker.isBlank()) {
                families.add(breaker);
            }
            clients.values().forEach(client -> {
                if (client.breaker() != null && !client.breaker().isBlank()) {
                    families.add(client.breaker());
                }
            });
            return Collections.unmodifiableSet(families);
        }
    }

    /**
     * One HTTP service group's breaker.
     *
     * @param breaker Keyed breaker guarding the group's requests, one breaker per host and port, configured under
     *                fluxgate.breakers like any breaker (built from fluxgate.defaults when it is not there).
     */
    public record Client(String breaker) {
    }

    /**
     * Health contributor options.
     *
     * @param downWhenOpen Whether to report DOWN while any breaker is OPEN, HALF_OPEN or FORCED_OPEN.
     */
    public record Health(@DefaultValue("false") boolean downWhenOpen) {
    }

    /**
     * Options of the live dashboard page.
     *
     * @param enabled Whether to offer the dashboard endpoint 'fluxgatedashboard' (a page and the per-second
     *                traffic it charts) next to the 'fluxgate' endpoint; it still needs to be exposed like any
     *                endpoint. The traffic is sampled only while a page polls.
     */
    public record Dashboard(@DefaultValue("true") boolean enabled) {
    }

    /**
     * Per-breaker health options.
     *
     * @param downWhenOpen Whether to report DOWN while this breaker is OPEN, HALF_OPEN or FORCED_OPEN.
     *                     Follows fluxgate.defaults.health.down-when-open when unset, and
     *                     fluxgate.health.down-when-open when that is unset too.
     */
    public record BreakerHealth(Boolean downWhenOpen) {
    }

    /**
     * Settings of the {@code slack} listener, which needs {@code io.fluxgate:fluxgate-slack} on the class path.
     *
     * @param channel        Slack channel to post to, e.g. #alerts. Required by the 'slack' listener.
     * @param token          Slack bot token with the chat:write scope. Required by the 'slack' listener; never
     *                       logged.
     * @param baseUrl        Base URL of the Slack Web API, for a proxy or a compatible server.
     * @param requestTimeout Time limit of one post to Slack, e.g. 10s; a bare number is seconds.
     */
    public record Slack(String channel, String token, @DefaultValue("https://slack.com/api/") String baseUrl,
            @DefaultValue("10s") @DurationUnit(ChronoUnit.SECONDS) Duration requestTimeout) {

        /**
         * The settings with the token masked, so that logging the properties never shows it.
         *
         * @return e.g. {@code Slack[channel=#alerts, token=****, baseUrl=https://slack.com/api/, requestTimeout=PT10S]}
         */
        @Override
        public String toString() {
            return "Slack[channel=" + channel + ", token=" + (token == null ? null : "****") + ", baseUrl=" + baseUrl
                    + ", requestTimeout=" + requestTimeout + "]";
        }
    }
}
