package io.fluxgate.sample.payments;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;

/**
 * The {@link RestClient} that talks to the payment provider. Timeouts and the HTTP client library come from
 * Spring Boot's {@code spring.http.clients.*} properties (see {@code application.yml}).
 */
@Configuration(proxyBeanMethods = false)
class ProviderClientConfiguration {

    /**
     * The provider is this application itself unless {@code sample.provider.base-url} says otherwise. Its port is
     * only known once the web server has started (and is random in tests), so the client is built lazily, on
     * the first call.
     */
    @Bean
    @Lazy
    RestClient providerRestClient(RestClient.Builder builder, Environment environment,
            @Value("${sample.provider.base-url:}") String baseUrl) {
        return builder.baseUrl(baseUrl(environment, baseUrl)).build();
    }

    /** The provider's base URL; call it only once the web server has started. */
    static String baseUrl(Environment environment, String configured) {
        return configured.isEmpty()
                ? "http://localhost:" + environment.getRequiredProperty("local.server.port") + "/provider"
                : configured;
    }
}
