package io.fluxgate.redis;

import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.spring.autoconfigure.FluxgateAutoConfiguration;
import io.fluxgate.spring.autoconfigure.FluxgateProperties;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.concurrent.ConcurrentTaskExecutor;

/**
 * Fleet mode, when {@code fluxgate.fleet.enabled} is true: this instance joins the fleet named by
 * {@code fluxgate.fleet.name} (default {@code spring.application.name}) on the application's own
 * {@link RedisConnectionFactory} ({@code spring.data.redis.*}). Provides the listener that hands transitions to
 * the fleet and, with the actuator, the {@code scope=fleet} answers of the {@code fluxgate} endpoint and the
 * {@code fluxgateFleet} health contributor. Redis being down at start-up does not stop the application: the link
 * shows degraded.
 */
@AutoConfiguration(after = { FluxgateAutoConfiguration.class, DataRedisAutoConfiguration.class })
@ConditionalOnClass(RedisConnectionFactory.class)
@ConditionalOnProperty(name = "fluxgate.fleet.enabled", havingValue = "true")
@EnableConfigurationProperties(FluxgateProperties.class)
public final class FleetAutoConfiguration {

    /** At most this many received messages wait for the one thread that applies them; older ones are dropped. */
    private static final int RECEIVED_BACKLOG = 1_000;

    /** Used by Spring. */
    FleetAutoConfiguration() {
    }

    @Bean
    FleetSettings fluxgateFleetSettings(FluxgateProperties properties, Environment environment) {
        return FleetSettings.of(properties, environment.getProperty("spring.application.name"));
    }

    @Bean
    FleetTransitions fluxgateFleetTransitions() {
        return new FleetTransitions();
    }

    @Bean
    FleetLink fluxgateFleetLink(FleetSettings settings) {
        return new FleetLink(settings.fleet());
    }

    @Bean
    FleetMember fluxgateFleetMember(FleetSettings settings, RedisConnectionFactory connectionFactory,
            CircuitBreakerRegistry registry, FleetTransitions transitions, FleetLink link,
            ObjectProvider<Clock> clock) {
        StringRedisTemplate redis = new StringRedisTemplate(connectionFactory);
        RedisMessageListenerContainer subscriber = new RedisMessageListenerContainer();
        subscriber.setConnectionFactory(connectionFactory);
        subscriber.setTaskExecutor(new ConcurrentTaskExecutor(new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(RECEIVED_BACKLOG), daemon("fluxgate-fleet-receiver"),
                new ThreadPoolExecutor.DiscardOldestPolicy())));
        subscriber.afterPropertiesSet();
        ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(daemon("fluxgate-fleet"));
        return new FleetMember(settings, redis, subscriber, registry, transitions, worker,
                clock.getIfAvailable(Clock::systemUTC), link);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(OperationResponseBody.class)
    @ImportRuntimeHints(FleetJsonHints.class)
    static final class FleetEndpointConfiguration {

        @Bean
        FleetEndpointScope fluxgateFleetScope(FleetMember member) {
            return new FleetEndpointScope(member);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnEnabledHealthIndicator("fluxgateFleet")
    static final class FleetHealthConfiguration {

        @Bean
        FleetHealthIndicator fluxgateFleetHealthIndicator(FleetSettings settings, FleetLink link) {
            return new FleetHealthIndicator(settings, link);
        }
    }
}
