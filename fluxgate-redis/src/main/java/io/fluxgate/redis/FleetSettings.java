package io.fluxgate.redis;

import io.fluxgate.spring.autoconfigure.FluxgateProperties;
import io.fluxgate.spring.autoconfigure.FluxgateProperties.Breaker;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * {@code fluxgate.fleet.*} checked once, at start-up, each error naming the property, the value and what is allowed.
 *
 * @param fleet      the fleet's name, the middle of every Redis key
 * @param instanceId this instance's name in the fleet
 * @param heartbeat  how often the instance's entry is written
 * @param ttl        how long an entry outlives its last heartbeat
 * @param commandTtl how long a fleet-wide command stands for late joiners and instances cut off when it was sent
 * @param quorum     share of live instances reporting OPEN that makes a followed breaker open
 * @param followByDefault whether a breaker without its own {@code fleet.follow} follows
 *                        ({@code fluxgate.defaults.fleet.follow})
 * @param follow     the breakers with their own {@code fleet.follow}
 */
record FleetSettings(String fleet, String instanceId, Duration heartbeat, Duration ttl, Duration commandTtl,
        double quorum, boolean followByDefault, Map<String, Boolean> follow) {

    boolean follows(String breaker) {
        return follow.getOrDefault(breaker, followByDefault);
    }

    static final String PREFIX = "fluxgate.fleet.";

    static FleetSettings of(FluxgateProperties properties, @Nullable String applicationName) {
        FluxgateProperties.Fleet fleet = properties.fleet();
        String name = fleet.name() != null ? fleet.name() : applicationName != null ? applicationName : "application";
        if (!usable(name)) {
            throw new InvalidConfigurationPropertyValueException(PREFIX + "name", name,
                    "The fleet name (spring.application.name when unset) must be non-blank, without tabs or line"
                            + " breaks");
        }
        String instance = fleet.instanceId() != null ? fleet.instanceId() : defaultInstanceId();
        if (!usable(instance)) {
            throw new InvalidConfigurationPropertyValueException(PREFIX + "instance-id", instance,
                    "An instance id must be non-blank, without tabs or line breaks");
        }
        positive("heartbeat", fleet.heartbeat());
        positive("ttl", fleet.ttl());
        positive("command-ttl", fleet.commandTtl());
        if (fleet.heartbeat().compareTo(fleet.ttl()) >= 0) {
            throw new InvalidConfigurationPropertyValueException(PREFIX + "heartbeat", fleet.heartbeat(),
                    "The heartbeat must be shorter than " + PREFIX + "ttl (" + fleet.ttl() + "), or a live instance"
                            + " would drop out of the fleet between two heartbeats");
        }
        double quorum = fleet.followQuorum();
        if (!(quorum > 0 && quorum <= 1)) {
            throw new InvalidConfigurationPropertyValueException(PREFIX + "follow-quorum", quorum,
                    "The quorum is a share of the live instances, in (0, 1], e.g. 0.5");
        }
        return new FleetSettings(name, instance, fleet.heartbeat(), fleet.ttl(), fleet.commandTtl(), quorum,
                follows(properties.defaults(), false), follow(properties));
    }

    /** Tabs and line breaks separate the fields of the fleet's messages. */
    private static boolean usable(String name) {
        return !name.isBlank() && name.chars().noneMatch(c -> c == '\t' || c == '\n' || c == '\r');
    }

    private static void positive(String key, @Nullable Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidConfigurationPropertyValueException(PREFIX + key, value,
                    "The duration must be positive, e.g. 1s or 500ms");
        }
    }

    /** The breakers with their own {@code fleet.follow}; keyed ones may not follow. */
    private static Map<String, Boolean> follow(FluxgateProperties properties) {
        Set<String> families = properties.http().families();
        Map<String, Boolean> follow = new HashMap<>();
        for (Map.Entry<String, Breaker> entry : properties.breakers().entrySet()) {
            String name = entry.getKey();
            Breaker breaker = entry.getValue();
            boolean keyed = breaker.keys() != null || families.contains(name);
            boolean explicit = breaker.fleet() != null && Boolean.TRUE.equals(breaker.fleet().follow());
            if (keyed && explicit) {
                throw new InvalidConfigurationPropertyValueException("fluxgate.breakers." + name + ".fleet.follow",
                        true, "Follow mode applies to plain breakers; '" + name + "' is keyed (one breaker per key),"
                                + " and its keys differ from instance to instance");
            }
            if (breaker.fleet() != null && breaker.fleet().follow() != null) {
                follow.put(name, !keyed && breaker.fleet().follow());
            } else if (keyed) {
                follow.put(name, false);
            }
        }
        return Map.copyOf(follow);
    }

    private static boolean follows(@Nullable Breaker breaker, boolean otherwise) {
        if (breaker == null || breaker.fleet() == null || breaker.fleet().follow() == null) {
            return otherwise;
        }
        return breaker.fleet().follow();
    }

    private static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception unknown) {
            host = "host";
        }
        String pid = String.valueOf(ManagementFactory.getRuntimeMXBean().getPid());
        return host + "-" + pid + "-" + UUID.randomUUID().toString().substring(0, 6);
    }
}
