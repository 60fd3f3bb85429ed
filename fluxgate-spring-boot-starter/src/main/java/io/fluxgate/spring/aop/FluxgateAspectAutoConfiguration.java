package io.fluxgate.spring.aop;

import io.fluxgate.CircuitBreaker;
import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.KeyedCircuitBreaker;
import io.fluxgate.spring.CircuitBreakerFactory;
import io.fluxgate.spring.KeyedBreakers;
import io.fluxgate.spring.autoconfigure.FluxgateAutoConfiguration;
import io.fluxgate.spring.autoconfigure.FluxgateProperties.AspectPlacement;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.util.function.SingletonSupplier;

/**
 * Auto-configuration of {@link io.fluxgate.spring.CircuitBreaker @CircuitBreaker}: an advisor that runs annotated
 * methods through their breakers, an auto-proxy creator if the application has none, and a start-up check that
 * registers every annotated breaker and validates every fallback.
 *
 * <p>Active when a {@link CircuitBreakerRegistry} bean exists. Breakers are taken from the registry, or created
 * with the {@link CircuitBreakerFactory} bean (with core defaults when there is none). The advisor's order is
 * {@code fluxgate.aspect-order}, {@link Ordered#LOWEST_PRECEDENCE} by default, so other advice such as
 * {@code @Transactional} runs outside the breaker unless you say otherwise. Advice that a post-processor puts in
 * front of existing advice, such as {@code @Retryable} and {@code @ConcurrencyLimit} of
 * {@code @EnableResilientMethods}, runs outside the breaker whatever its order, unless
 * {@code fluxgate.aspect-placement} is {@code outermost}: then the breaker's advice runs in front of all other
 * advice, and a retried call is one breaker call.
 */
@AutoConfiguration(after = FluxgateAutoConfiguration.class)
@ConditionalOnClass(AbstractPointcutAdvisor.class)
@ConditionalOnBean(CircuitBreakerRegistry.class)
@Import(AutoProxyRegistrar.class)
public final class FluxgateAspectAutoConfiguration {

    /** The property that orders the advisor among other advisors. */
    static final String ORDER_PROPERTY = "fluxgate.aspect-order";

    /** The property that puts the advisor in front of all others. */
    static final String PLACEMENT_PROPERTY = "fluxgate.aspect-placement";

    FluxgateAspectAutoConfiguration() {
    }

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static CircuitBreakerAdvisor fluxgateCircuitBreakerAdvisor(Environment environment,
            ObjectProvider<CircuitBreakerRegistry> registry, ObjectProvider<CircuitBreakerFactory> factory,
            ObjectProvider<KeyedBreakers> keyed) {
        Plans plans = new Plans(registry::getObject, () -> factory.getIfAvailable(() -> CircuitBreaker::ofDefaults),
                SingletonSupplier.of(() -> keyed.getIfAvailable(() -> new KeyedBreakers(
                        name -> KeyedCircuitBreaker.builder(CircuitBreaker.builder(name)).build()))));
        return new CircuitBreakerAdvisor(plans,
                environment.getProperty(ORDER_PROPERTY, Integer.class, Ordered.LOWEST_PRECEDENCE));
    }

    /** Binds the placement here too, so a bad value stops start-up even without {@code FluxgateProperties}. */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static AdvisorPlacement fluxgateAdvisorPlacement(Environment environment) {
        AspectPlacement placement = Binder.get(environment).bind(PLACEMENT_PROPERTY, AspectPlacement.class)
                .orElse(AspectPlacement.ORDERED);
        return new AdvisorPlacement(placement == AspectPlacement.OUTERMOST);
    }

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static AnnotatedBeans fluxgateAnnotatedBeans(CircuitBreakerAdvisor fluxgateCircuitBreakerAdvisor) {
        return new AnnotatedBeans(fluxgateCircuitBreakerAdvisor.plans());
    }
}
