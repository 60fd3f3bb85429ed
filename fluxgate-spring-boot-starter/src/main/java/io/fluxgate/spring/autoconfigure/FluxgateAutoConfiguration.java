package io.fluxgate.spring.autoconfigure;

import io.fluxgate.CircuitBreaker;
import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.KeyedCircuitBreaker;
import io.fluxgate.Ticker;
import io.fluxgate.listeners.Listener;
import io.fluxgate.spring.CircuitBreakerFactory;
import io.fluxgate.spring.KeyedBreakers;
import io.fluxgate.expression.TrackerContext;
import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
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
 *       your own is used as it is: nothing is added to it. A configured breaker with a {@code keys} block is
 *       not in the registry: it is a keyed family.</li>
 *   <li>{@code fluxgateKeyedBreakers} ({@link KeyedBreakers}): the keyed families, built like the factory's
 *       breakers and bounded by {@code fluxgate.breakers.<name>.keys}; holds, from start-up, a family for every
 *       {@code fluxgate.breakers} entry with a {@code keys} block, and one for every {@code @CircuitBreaker}
 *       name with a {@code key}, and one for every name under {@code fluxgate.http} (HTTP clients, one breaker per
 *       host). With a {@link CircuitBreakerFactory} of your own, families use the core's defaults.</li>
 * </ul>
 *
 * <p>Breaker names are kept as written ({@code payment_api}, {@code PaymentApi}); a name with characters other
 * than letters, digits, {@code -} and {@code _} goes in brackets ({@code "[a.b]"}). Names that differ only in
 * case, {@code -} or {@code _} are one property to Spring Boot and are rejected. Once the context is refreshed,
 * names that do not match are logged at WARN, or fail start-up with {@code fluxgate.strict-names: true}: a
 * name built from {@code fluxgate.defaults} because it is not configured, and a configured breaker that nothing
 * looked up during start-up ({@link BreakerNameCheck} says exactly what counts).
 */
@AutoConfiguration
@EnableConfigurationProperties(FluxgateProperties.class)
public final class FluxgateAutoConfiguration {

    /** Created by Spring. */
    FluxgateAutoConfiguration() {
    }

    @Bean
    BreakerNameCheck fluxgateBreakerNameCheck(FluxgateProperties properties) {
        return new BreakerNameCheck(properties.strictNames());
    }

    // Lazy: only the factory and the registry below need the names; with both replaced, nothing is settled.
    @Bean
    @Lazy
    BreakerNames fluxgateBreakerNames(FluxgateProperties properties, Environment environment,
            BreakerNameCheck check) {
        BreakerNames names = BreakerNames.settle(properties.breakers(), environment);
        check.settled(names.breakers().keySet());
        return names;
    }

    @Bean
    @ConditionalOnMissingBean(CircuitBreakerFactory.class)
    PropertiesCircuitBreakerFactory fluxgateCircuitBreakerFactory(FluxgateProperties properties, BreakerNames names,
            BreakerNameCheck check, ConfigurableListableBeanFactory beanFactory, ObjectProvider<Listener> listeners,
            ObjectProvider<Ticker> ticker, ObjectProvider<Clock> clock) {
        ClassLoader classLoader = beanFactory.getBeanClassLoader();
        TrackerContext trackers = (classLoader != null ? TrackerContext.of(classLoader) : TrackerContext.defaults())
                .withCustoms(new BeanTrackers(beanFactory));
        return new PropertiesCircuitBreakerFactory(properties, names.breakers(), trackers,
                listeners.orderedStream().toList(), ticker.getIfAvailable(), clock.getIfAvailable(),
                check::builtFromDefaults);
    }

    @Bean
    @ConditionalOnMissingBean
    CircuitBreakerRegistry fluxgateCircuitBreakerRegistry(FluxgateProperties properties, BreakerNames names,
            CircuitBreakerFactory factory, BreakerNameCheck check, ObjectProvider<CircuitBreaker> breakerBeans,
            ListableBeanFactory beanFactory) {
        CircuitBreakerRegistry registry = new CircuitBreakerRegistry();
        check.observe(registry);
        Set<String> httpFamilies = properties.http().families();
        names.breakers().forEach((name, breaker) -> {
            if (breaker.keys() == null && !httpFamilies.contains(name)) {
                registry.register(factory.create(name));
            }
        });
        breakerBeans.stream().forEach(breaker -> {
            if (names.isConfigured(breaker.name())) {
                throw new IllegalStateException("Circuit breaker '" + breaker.name() + "' is defined by bean '"
                        + beanName(beanFactory, breaker) + "' and configured under "
                        + PropertiesCircuitBreakerFactory.path(breaker.name())
                        + "; a breaker bean is registered as it is, so remove one of them");
            }
            if (httpFamilies.contains(breaker.name())) {
                throw new IllegalStateException("Circuit breaker '" + breaker.name() + "' is defined by bean '"
                        + beanName(beanFactory, breaker) + "' and named under fluxgate.http, which guards HTTP "
                        + "clients with a keyed family of that name; a name is either keyed or not, so rename one");
            }
            registry.register(breaker);
        });
        return registry;
    }

    @Bean
    @ConditionalOnMissingBean
    KeyedBreakers fluxgateKeyedBreakers(FluxgateProperties fluxgate, BreakerNameCheck check,
            ObjectProvider<PropertiesCircuitBreakerFactory> factory) {
        PropertiesCircuitBreakerFactory properties = factory.getIfAvailable();
        KeyedBreakers keyed;
        if (properties == null) { // a factory of your own: nothing settled, families from the core's defaults
            keyed = new KeyedBreakers(name -> KeyedCircuitBreaker.builder(CircuitBreaker.builder(name)).build());
        } else {
            keyed = new KeyedBreakers(properties::createKeyed, name -> properties.keySettings(name).keyTag());
            properties.keyedByConfiguration().forEach(name -> keyed.register(properties.createKeyed(name)));
            check.observe(keyed);
        }
        // Before any @CircuitBreaker is resolved, so that one without a key on such a name is refused; a lookup, so
        // that the name counts as used.
        fluxgate.http().families().forEach(keyed::family);
        return keyed;
    }

    /**
     * With Spring Cloud Context: running breakers follow {@code fluxgate.*} changes ({@link PropertiesRefresh}).
     * That needs the starter's own factory, which knows how it built each breaker: with a factory of your own, a
     * change is logged at WARN and applies at the next start.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.cloud.context.environment.EnvironmentChangeEvent")
    static final class RefreshConfiguration {

        @Bean
        ApplicationListener<EnvironmentChangeEvent> fluxgatePropertiesRefresh(Environment environment,
                ObjectProvider<PropertiesCircuitBreakerFactory> factory, CircuitBreakerRegistry registry,
                KeyedBreakers keyed) {
            PropertiesCircuitBreakerFactory properties = factory.getIfAvailable();
            PropertiesRefresh refresh = properties == null ? null
                    : new PropertiesRefresh(environment, properties, registry, keyed);
            return event -> {
                if (refresh != null) {
                    refresh.changed(event.getKeys());
                } else if (event.getKeys().stream().anyMatch(key -> key.startsWith("fluxgate."))) {
                    LogFactory.getLog(PropertiesRefresh.class).warn("Changed fluxgate.* properties apply at the"
                            + " next start: the application has a CircuitBreakerFactory of its own");
                }
            };
        }
    }

    /** Only for the message: the provider gives the breaker beans, not their names. */
    private static String beanName(ListableBeanFactory beanFactory, CircuitBreaker breaker) {
        return Arrays.stream(beanFactory.getBeanNamesForType(CircuitBreaker.class))
                .filter(name -> beanFactory.getBean(name, CircuitBreaker.class).name().equals(breaker.name()))
                .findFirst().orElseThrow();
    }
}
