package io.fluxgate.spring.actuate;

import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.Ticker;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.EndpointAccessResolver;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures the {@link FluxgateDashboardEndpoint} next to the {@link FluxgateEndpoint} when
 * {@code fluxgate.dashboard.enabled} is {@code true} (the default) and the web exposes it
 * ({@code management.endpoints.web.exposure.include=fluxgate,fluxgatedashboard}).
 */
@AutoConfiguration(after = FluxgateEndpointAutoConfiguration.class)
@ConditionalOnClass({ WebEndpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(FluxgateEndpoint.class)
@ConditionalOnBooleanProperty(name = "fluxgate.dashboard.enabled", matchIfMissing = true)
@ConditionalOnAvailableEndpoint(endpoint = FluxgateDashboardEndpoint.class, exposure = EndpointExposure.WEB)
public final class FluxgateDashboardAutoConfiguration {

    /** Used by Spring. */
    FluxgateDashboardAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    FluxgateDashboardEndpoint fluxgateDashboardEndpoint(FluxgateEndpoint endpoint, CircuitBreakerRegistry registry,
            ObjectProvider<EndpointAccessResolver> access) {
        EndpointAccessResolver resolver = access.getIfAvailable();
        return new FluxgateDashboardEndpoint(endpoint, registry, new TrafficHistory(Ticker.system()),
                () -> resolver != null
                        && resolver.accessFor(EndpointId.of("fluxgate"), Access.READ_ONLY) == Access.UNRESTRICTED,
                Clock.systemUTC());
    }
}
