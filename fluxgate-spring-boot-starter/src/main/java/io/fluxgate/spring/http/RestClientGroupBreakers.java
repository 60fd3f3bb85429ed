package io.fluxgate.spring.http;

import io.fluxgate.spring.KeyedBreakers;
import io.fluxgate.spring.autoconfigure.FluxgateProperties;
import org.springframework.core.Ordered;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;

/**
 * Guards the {@code RestClient} of each HTTP service group that {@code fluxgate.http.clients} names with that
 * entry's family, in place of the {@code fluxgate.http.breaker} family that Boot's customizers added. Runs last, after
 * Boot's configurers, which apply the customizers.
 */
final class RestClientGroupBreakers implements RestClientHttpServiceGroupConfigurer {

    private final FluxgateProperties.Http http;
    private final KeyedBreakers keyed;

    RestClientGroupBreakers(FluxgateProperties.Http http, KeyedBreakers keyed) {
        this.http = http;
        this.keyed = keyed;
    }

    @Override
    public void configureGroups(Groups<RestClient.Builder> groups) {
        groups.forEachClient((group, builder) -> {
            FluxgateProperties.Client client = http.clients().get(group.name());
            if (client != null) {
                builder.requestInterceptors(interceptors -> interceptors.removeIf(interceptor ->
                        interceptor instanceof FluxgateClientHttpRequestInterceptor guard
                                && guard.family().equals(http.breaker())));
                builder.requestInterceptor(new FluxgateClientHttpRequestInterceptor(keyed.family(client.breaker())));
            }
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
