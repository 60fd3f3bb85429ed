package io.fluxgate.spring.http;

import io.fluxgate.spring.KeyedBreakers;
import io.fluxgate.spring.autoconfigure.FluxgateAutoConfiguration;
import io.fluxgate.spring.autoconfigure.FluxgateProperties;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Auto-configuration of outbound HTTP through keyed breakers, one breaker per host and port, from
 * {@code fluxgate.http}:
 *
 * <pre>{@code
 * fluxgate:
 *   http:
 *     breaker: outbound          # every client built from Boot's RestClient, RestTemplate and WebClient builders
 *     clients:
 *       payments:                # the HTTP service group @ImportHttpServices(group = "payments", ...)
 *         breaker: payment_api   # instead of fluxgate.http.breaker
 * }</pre>
 *
 * <ul>
 *   <li>{@code fluxgate.http.breaker}: a {@code RestClientCustomizer}, a {@code RestTemplateCustomizer} and a
 *       {@code WebClientCustomizer} (with {@code spring-boot-restclient} or {@code spring-boot-webclient}) add a
 *       {@link FluxgateClientHttpRequestInterceptor} or {@link FluxgateExchangeFilterFunction} on that family to
 *       every builder Spring Boot gives out; Boot also applies them to HTTP service groups.</li>
 *   <li>{@code fluxgate.http.clients.<group>.breaker}: a {@code RestClientHttpServiceGroupConfigurer} and a
 *       {@code WebClientHttpServiceGroupConfigurer} guard that group's clients with that family instead
 *       ({@link RestClientGroupBreakers}, {@link WebClientGroupBreakers}).</li>
 * </ul>
 * The families are the starter's {@link KeyedBreakers}, built from {@code fluxgate.breakers.<name>} at start-up; a
 * name under {@code fluxgate.http} is keyed, so no {@code @CircuitBreaker} without a key and no breaker bean may use
 * it. An entry that cannot take effect stops start-up naming the property: a blank name, no client library, no such
 * group. Every bean here takes the {@link HttpClientsCheck}, so that such an entry fails before any client is built.
 */
@AutoConfiguration(after = FluxgateAutoConfiguration.class)
public final class FluxgateHttpAutoConfiguration {

    /** Created by Spring. */
    FluxgateHttpAutoConfiguration() {
    }

    @Bean
    HttpClientsCheck fluxgateHttpClientsCheck(FluxgateProperties properties,
            ConfigurableListableBeanFactory beanFactory) {
        return new HttpClientsCheck(properties, beanFactory, beanFactory.getBeanClassLoader());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer")
    static final class RestClientGroups {

        @Bean
        RestClientGroupBreakers fluxgateRestClientGroupBreakers(HttpClientsCheck check, FluxgateProperties properties,
                KeyedBreakers keyed) {
            return new RestClientGroupBreakers(properties.http(), keyed);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(
            name = "org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer")
    static final class WebClientGroups {

        @Bean
        WebClientGroupBreakers fluxgateWebClientGroupBreakers(HttpClientsCheck check, FluxgateProperties properties,
                KeyedBreakers keyed) {
            return new WebClientGroupBreakers(properties.http(), keyed);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.restclient.RestClientCustomizer")
    @Conditional(BreakerIsSet.class)
    static final class RestClients {

        @Bean
        RestClientCustomizer fluxgateRestClientCustomizer(HttpClientsCheck check, FluxgateProperties properties,
                KeyedBreakers keyed) {
            FluxgateClientHttpRequestInterceptor interceptor = new FluxgateClientHttpRequestInterceptor(
                    keyed.family(properties.http().breaker()));
            return builder -> builder.requestInterceptor(interceptor);
        }

        @Bean
        RestTemplateCustomizer fluxgateRestTemplateCustomizer(HttpClientsCheck check, FluxgateProperties properties,
                KeyedBreakers keyed) {
            FluxgateClientHttpRequestInterceptor interceptor = new FluxgateClientHttpRequestInterceptor(
                    keyed.family(properties.http().breaker()));
            return restTemplate -> restTemplate.getInterceptors().add(interceptor);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.webclient.WebClientCustomizer")
    @Conditional(BreakerIsSet.class)
    static final class WebClients {

        @Bean
        WebClientCustomizer fluxgateWebClientCustomizer(HttpClientsCheck check, FluxgateProperties properties,
                KeyedBreakers keyed) {
            FluxgateExchangeFilterFunction filter = new FluxgateExchangeFilterFunction(
                    keyed.family(properties.http().breaker()));
            return builder -> builder.filter(filter);
        }
    }

    /** {@code fluxgate.http.breaker} is set, to any value: {@code @ConditionalOnProperty} would skip "false". */
    static final class BreakerIsSet implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return context.getEnvironment().containsProperty("fluxgate.http.breaker");
        }
    }
}
