package io.fluxgate.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.fluxgate.State;
import io.fluxgate.spring.actuate.FleetScope;
import io.fluxgate.spring.autoconfigure.FluxgateAutoConfiguration;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** When fleet mode is on, what bad settings say, and that an unreachable Redis never stops the application. */
class FleetAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FluxgateAutoConfiguration.class,
                    DataRedisAutoConfiguration.class, FleetAutoConfiguration.class))
            .withPropertyValues("spring.data.redis.port=" + unusedPort(), "spring.data.redis.timeout=300ms",
                    "spring.application.name=payments", "fluxgate.breakers.payment_api.tripper=FailureStreak(1)");

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void offUnlessEnabled() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(FleetScope.class));
    }

    @Test
    void startsWithoutRedisAndReportsTheLinkDegradedNotDown() {
        runner.withPropertyValues("fluxgate.fleet.enabled=true", "fluxgate.fleet.heartbeat=100ms").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(FleetScope.class);
            FleetHealthIndicator health = context.getBean(FleetHealthIndicator.class);
            Health degraded = Poll.until(Duration.ofSeconds(5), health::health,
                    h -> "degraded".equals(h.getDetails().get("link")));
            assertThat(degraded.getStatus().getCode()).isEqualTo("UP");
            assertThat(degraded.getDetails()).containsEntry("fleet", "payments")
                    .hasEntrySatisfying("error", error -> assertThat(error.toString()).contains("Unable to connect"));
            assertThatIllegalStateException()
                    .isThrownBy(() -> context.getBean(FleetMember.class).send("payment_api", State.FORCED_OPEN))
                    .withMessageContaining("the link to Redis is degraded");
        });
    }

    @Test
    void joinsTheFleetWithoutTheActuator() {
        runner.withClassLoader(new FilteredClassLoader(OperationResponseBody.class, HealthIndicator.class))
                .withPropertyValues("fluxgate.fleet.enabled=true").run(context -> assertThat(context).hasNotFailed()
                        .hasSingleBean(FleetMember.class).doesNotHaveBean(FleetScope.class)
                        .doesNotHaveBean(FleetHealthIndicator.class));
    }

    @Nested
    class BadSettings {

        @Test
        void heartbeatNotShorterThanTtl() {
            fails("fluxgate.fleet.heartbeat", "must be shorter than fluxgate.fleet.ttl", "fluxgate.fleet.heartbeat=5s",
                    "fluxgate.fleet.ttl=5s");
        }

        @Test
        void negativeTtl() {
            fails("fluxgate.fleet.ttl", "must be positive", "fluxgate.fleet.ttl=-1s");
        }

        @Test
        void quorumOutsideZeroToOne() {
            fails("fluxgate.fleet.follow-quorum", "in (0, 1]", "fluxgate.fleet.follow-quorum=1.5");
        }

        @Test
        void blankInstanceId() {
            fails("fluxgate.fleet.instance-id", "non-blank", "fluxgate.fleet.instance-id= ");
        }

        @Test
        void followOnAKeyedBreaker() {
            fails("fluxgate.breakers.hosts.fleet.follow", "plain breakers", "fluxgate.breakers.hosts.keys.max=10",
                    "fluxgate.breakers.hosts.fleet.follow=true");
        }

        private void fails(String property, String message, String... values) {
            runner.withPropertyValues("fluxgate.fleet.enabled=true").withPropertyValues(values).run(context -> {
                assertThat(context).hasFailed();
                Throwable cause = context.getStartupFailure();
                while (cause != null && !(cause instanceof InvalidConfigurationPropertyValueException)) {
                    cause = cause.getCause();
                }
                assertThat(cause).isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, e -> {
                    assertThat(e.getName()).isEqualTo(property);
                    assertThat(e.getReason()).contains(message);
                });
            });
        }
    }
}
