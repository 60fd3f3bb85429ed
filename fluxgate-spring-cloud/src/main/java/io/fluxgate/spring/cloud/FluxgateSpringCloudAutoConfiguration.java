package io.fluxgate.spring.cloud;

import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.spring.CircuitBreakerFactory;
import io.fluxgate.spring.autoconfigure.FluxgateAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.client.CommonsClientAutoConfiguration;
import org.springframework.cloud.client.ReactiveCommonsClientAutoConfiguration;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.cloud.gateway.filter.factory.FallbackHeadersGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.factory.SpringCloudCircuitBreakerFilterFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.DispatcherHandler;
import reactor.core.publisher.Mono;

/**
 * Registers Spring Cloud Circuit Breaker's factories on the starter's registry and factory: the blocking one always,
 * the reactive one with Reactor present, and Gateway's {@code CircuitBreaker} route filter with Gateway present. Each
 * stands back when the application defines its own. {@code Customizer} beans of each factory are applied to it.
 * Before Spring Cloud Commons' auto-configuration, whose HTTP service client support needs a factory.
 */
@AutoConfiguration(after = FluxgateAutoConfiguration.class,
        before = {CommonsClientAutoConfiguration.class, ReactiveCommonsClientAutoConfiguration.class})
@ConditionalOnClass(org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory.class)
@ConditionalOnBean({CircuitBreakerRegistry.class, CircuitBreakerFactory.class})
public class FluxgateSpringCloudAutoConfiguration {

    /** Creates the configuration; Spring does. */
    public FluxgateSpringCloudAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory.class)
    FluxgateCircuitBreakerFactory fluxgateSpringCloudCircuitBreakerFactory(CircuitBreakerRegistry registry,
            CircuitBreakerFactory factory, ObjectProvider<Customizer<FluxgateCircuitBreakerFactory>> customizers) {
        FluxgateCircuitBreakerFactory cloudFactory = new FluxgateCircuitBreakerFactory(registry, factory);
        customizers.orderedStream().forEach(customizer -> customizer.customize(cloudFactory));
        return cloudFactory;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(FeignClient.class)
    @ConditionalOnBooleanProperty("spring.cloud.openfeign.circuitbreaker.group.enabled")
    static class OpenFeign {

        @Bean
        FeignClientGroups fluxgateFeignClientGroups(ConfigurableListableBeanFactory beanFactory,
                CircuitBreakerRegistry registry) {
            return new FeignClientGroups(beanFactory, registry);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Mono.class)
    static class Reactive {

        @Bean
        @ConditionalOnMissingBean(ReactiveCircuitBreakerFactory.class)
        FluxgateReactiveCircuitBreakerFactory fluxgateSpringCloudReactiveCircuitBreakerFactory(
                CircuitBreakerRegistry registry, CircuitBreakerFactory factory,
                ObjectProvider<Customizer<FluxgateReactiveCircuitBreakerFactory>> customizers) {
            FluxgateReactiveCircuitBreakerFactory cloudFactory =
                    new FluxgateReactiveCircuitBreakerFactory(registry, factory);
            customizers.orderedStream().forEach(customizer -> customizer.customize(cloudFactory));
            return cloudFactory;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({SpringCloudCircuitBreakerFilterFactory.class, DispatcherHandler.class, Mono.class})
    static class Gateway {

        @Bean
        @ConditionalOnMissingBean(SpringCloudCircuitBreakerFilterFactory.class)
        FluxgateGatewayFilterFactory fluxgateGatewayCircuitBreakerFilterFactory(
                ReactiveCircuitBreakerFactory<?, ?> factory, ObjectProvider<DispatcherHandler> dispatcherHandler) {
            return new FluxgateGatewayFilterFactory(factory, dispatcherHandler);
        }

        @Bean
        GatewayRouteBreakers fluxgateGatewayRouteBreakers(ObjectProvider<GatewayProperties> gateway,
                ReactiveCircuitBreakerFactory<?, ?> factory) {
            return new GatewayRouteBreakers(gateway, factory);
        }

        @Bean
        @ConditionalOnMissingBean
        FallbackHeadersGatewayFilterFactory fluxgateFallbackHeadersGatewayFilterFactory() {
            return new FallbackHeadersGatewayFilterFactory();
        }
    }
}
