package io.fluxgate.spring.cloud;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.filter.factory.SpringCloudCircuitBreakerFilterFactory;
import org.springframework.cloud.gateway.route.RouteDefinition;

/**
 * Builds, at start-up, the breaker of every {@code CircuitBreaker} filter of the routes and default filters in
 * {@code spring.cloud.gateway.server.webflux}: Gateway itself builds them on its first route refresh, after start-up,
 * so without this they would be missing from the endpoint, health and metrics until then, and the starter's name
 * check would report their {@code fluxgate.breakers} entries as unused. Routes of {@code RouteLocator} beans are not
 * seen here; their breakers appear when Gateway builds them.
 */
final class GatewayRouteBreakers implements SmartInitializingSingleton {

    private final ObjectProvider<GatewayProperties> gateway;
    private final ReactiveCircuitBreakerFactory<?, ?> factory;

    GatewayRouteBreakers(ObjectProvider<GatewayProperties> gateway, ReactiveCircuitBreakerFactory<?, ?> factory) {
        this.gateway = gateway;
        this.factory = factory;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (String name : names()) {
            factory.create(name);
        }
    }

    /** The breaker names of the configured {@code CircuitBreaker} filters, as Gateway's filter resolves them. */
    List<String> names() {
        List<String> names = new ArrayList<>();
        GatewayProperties gateway = this.gateway.getIfAvailable();
        if (gateway == null) {
            return names;
        }
        for (FilterDefinition filter : gateway.getDefaultFilters()) {
            add(names, filter, null);
        }
        for (RouteDefinition route : gateway.getRoutes()) {
            for (FilterDefinition filter : route.getFilters()) {
                add(names, filter, route.getId());
            }
        }
        return names;
    }

    private static void add(List<String> names, FilterDefinition filter, @Nullable String routeId) {
        if (!SpringCloudCircuitBreakerFilterFactory.NAME.equals(filter.getName())) {
            return;
        }
        Map<String, String> args = filter.getArgs();
        // the shortcut form, CircuitBreaker=payment_api, keeps its first value under a generated key
        String name = args.getOrDefault("name", args.get("_genkey_0"));
        if (name == null || name.isBlank()) {
            name = routeId;
        }
        if (name != null && !name.isBlank() && !names.contains(name)) {
            names.add(name);
        }
    }
}
