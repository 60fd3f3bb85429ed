package io.fluxgate.sample.payments;

import java.net.URI;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.client.circuitbreaker.httpservice.HttpServiceFallback;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;
import org.springframework.web.service.registry.ImportHttpServices;
import org.springframework.web.util.DefaultUriBuilderFactory;
import org.springframework.web.util.UriBuilder;
import org.springframework.web.util.UriBuilderFactory;

/**
 * The HTTP service group {@code provider}: {@link ProviderApi}, guarded by Spring Cloud Circuit Breaker because the
 * group has a fallback. With {@code fluxgate-spring-cloud} the breaker is the Fluxgate breaker named after the group.
 * Timeouts and the HTTP library come from {@code spring.http.clients.*}, as for the other clients.
 */
@Configuration(proxyBeanMethods = false)
@ImportHttpServices(group = "provider", types = ProviderApi.class)
@HttpServiceFallback(value = ProviderApiFallback.class, group = "provider")
class ProviderApiConfiguration {

    /**
     * Points the group at the provider. Spring builds the group's clients at start-up, before the web server's
     * (in tests random) port is known, so the base URL is resolved on the first request.
     */
    @Bean
    RestClientHttpServiceGroupConfigurer providerBaseUrl(Environment environment,
            @Value("${sample.provider.base-url:}") String baseUrl) {
        return groups -> groups.filterByName("provider").forEachClient((group, client) -> client.uriBuilderFactory(
                new LateBaseUrl(() -> ProviderClientConfiguration.baseUrl(environment, baseUrl))));
    }

    private static final class LateBaseUrl implements UriBuilderFactory {

        private final SingletonSupplier<UriBuilderFactory> factory;

        LateBaseUrl(Supplier<String> baseUrl) {
            this.factory = SingletonSupplier.of(() -> new DefaultUriBuilderFactory(baseUrl.get()));
        }

        @Override
        public UriBuilder uriString(String uriTemplate) {
            return this.factory.obtain().uriString(uriTemplate);
        }

        @Override
        public UriBuilder builder() {
            return this.factory.obtain().builder();
        }

        @Override
        public URI expand(String uriTemplate, Map<String, ?> uriVariables) {
            return this.factory.obtain().expand(uriTemplate, uriVariables);
        }

        @Override
        public URI expand(String uriTemplate, @Nullable Object... uriVariables) {
            return this.factory.obtain().expand(uriTemplate, uriVariables);
        }
    }
}
