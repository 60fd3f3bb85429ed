package io.fluxgate.redis;

import java.time.Instant;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code fluxgateFleet} health contributor: always {@code UP}, since the breakers work without the fleet, with
 * the link in the details: {@code {"link": "up"}}, {@code {"link": "degraded", "error": "..."}} or, before the
 * first heartbeat, {@code {"link": "starting"}}, the fleet, this
 * instance and its last heartbeat. It reads what the heartbeat found and never calls Redis itself.
 */
final class FleetHealthIndicator implements HealthIndicator {

    private final FleetSettings settings;
    private final FleetLink link;

    FleetHealthIndicator(FleetSettings settings, FleetLink link) {
        this.settings = settings;
        this.link = link;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up().withDetail("link", link.state())
                .withDetail("fleet", settings.fleet()).withDetail("instance", settings.instanceId());
        Instant heartbeat = link.lastHeartbeat();
        if (heartbeat != null) {
            health.withDetail("lastHeartbeat", heartbeat.toString());
        }
        String error = link.lastError();
        if (error != null) {
            health.withDetail("error", error);
        }
        return health.build();
    }
}
