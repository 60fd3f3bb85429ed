package io.fluxgate.spring.http;

import io.fluxgate.spring.KeyedBreakers;
import io.fluxgate.spring.autoconfigure.FluxgateProperties;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer;

/**
 * Guards the {@code WebClient} of each HTTP service group that {@code fluxgate.http.clients} names with that
 * entry's family, in place of the {@code fluxgate.http.breaker} family that Boot's customizers added. Runs last, after
 * Boot's configurers, which apply the customizers.
 */
final class WebClientGroupBreakers implements WebClientHttpServiceGroupConfigurer {

    private final FluxgateProperties.Http http;
    private final KeyedBreakers keyed;

    WebClientGroupBreakers(FluxgateProperties.Http http, KeyedBreakers keyed) {
        this.http = http;
        this.keyed = keyed;
    }

    @Override
    public void configureGroups(Groups<WebClient.Builder> groups) {
        groups.forEachClient((group, builder) -> {
            FluxgateProperties.Client client = http.clients().get(group.name());
            if (client != null) {
                builder.filters(filters -> filters.removeIf(filter -> filter instanceof FluxgateExchangeFilterFunction
                        guard && guard.family().equals(http.breaker())));
                builder.filter(new FluxgateExchangeFilterFunction(keyed.family(client.breaker())));
            }
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
