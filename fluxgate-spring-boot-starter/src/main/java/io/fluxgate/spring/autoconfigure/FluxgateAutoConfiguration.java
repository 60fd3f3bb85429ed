package io.fluxgate.spring.autoconfigure;

import io.fluxgate.CircuitBreaker;
import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.Ticker;
import io.fluxgate.listeners.Listener;
import io.fluxgate.spring.CircuitBreakerFactory;
import io.fluxgate.spring.autoconfigure.FluxgateProperties.Breaker;
import io.fluxgate.expression.TrackerContext;
import java.time.Clock;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of Fluxgate's breakers from {@code fluxgate.*} properties.
 *
 * <p>Beans, each replaceable by a bean of the same type:
 * <ul>
 *   <li>{@code fluxgateCircuitBreakerFactory} ({@link CircuitBreakerFactory}): builds a breaker from
 *       {@code fluxgate.breakers.<name>} over {@code fluxgate.defaults} over the core's defaults, with the named
 *       {@code listeners} ({@code log}, {@code slack}) and then every {@link Listener} bean in {@code @Order}
 *       order; uses the {@link Ticker} and {@link Clock} beans when there are any (two of a kind without
 *       {@code @Primary} are a start-up error, as for any ambiguous bean). Every value is
 *       checked at start-up: a bad one stops the application with the property path, the value and what is
 *       allowed.</li>
 *   <li>{@code fluxgateCircuitBreakerRegistry} ({@link CircuitBreakerRegistry}): holds, from start-up, a breaker
 *       for every {@code fluxgate.breakers} entry, built by the factory, and every {@link CircuitBreaker} bean as
 *       it is. A breaker bean and a configured breaker of the same name are a start-up error. A registry bean of
 *       your own is used as it is: nothing is added to it.</li>
 * </ul>
 *
 * <p>Breaker names are kept as written ({@code payment_api}, {@code PaymentApi}); a name with characters other
 * than letters, digits, {@code -} and {@code _} goes in brackets ({@code "[a.b]"}). Names that differ only in
 * case, {@code -} or {@code _} are one property to Spring Boot and are rejected.
 */
@AutoConfiguration
@EnableConfigurationProperties(FluxgateProperties.class)
public final class FluxgateAutoConfiguration {

    /** Created by Spring. */
    FluxgateAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(CircuitBreakerFactory.class)
    PropertiesCircuitBreakerFactory fluxgateCircuitBreakerFactory(FluxgateProperties properties,
            Environment environment, ConfigurableListableBeanFactory beanFactory, ObjectProvider<Listener> listeners,
            ObjectProvider<Ticker> ticker, ObjectProvider<Clock> clock) {
        ClassLoader classLoader = beanFactory.getBeanClassLoader();
        TrackerContext trackers = (classLoader != null ? TrackerContext.of(classLoader) : TrackerContext.defaults())
                .withCustoms(new BeanTrackers(beanFactory));
        return new PropertiesCircuitBreakerFactory(properties, BreakerNames.settle(properties.breakers(), environment),
                trackers, listeners.orderedStream().toList(), ticker.getIfAvailable(), clock.getIfAvailable());
    }

    @Bean
    @ConditionalOnMissingBean
    CircuitBreakerRegistry fluxgateCircuitBreakerRegistry(FluxgateProperties properties, Environment environment,
            CircuitBreakerFactory factory, ConfigurableListableBeanFactory beanFactory) {
        CircuitBreakerRegistry registry = new CircuitBreakerRegistry();
        Map<String, Breaker> configured = BreakerNames.settle(properties.breakers(), environment);
        configured.keySet().forEach(name -> registry.register(factory.create(name)));
        beanFactory.getBeansOfType(CircuitBreaker.class).forEach((beanName, breaker) -> {
            if (configured.containsKey(breaker.name())) {
                throw new IllegalStateException("Circuit breaker '" + breaker.name() + "' is defined by bean '"
                        + beanName + "' and configured under " + PropertiesCircuitBreakerFactory.path(breaker.name())
                        + "; a breaker bean is registered as it is, so remove one of them");
            }
            registry.register(breaker);
        });
        return registry;
    }
}
