package io.fluxgate.spring.http;

import io.fluxgate.spring.autoconfigure.FluxgateProperties;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.ClassUtils;
import org.springframework.web.service.registry.HttpServiceProxyRegistry;

/**
 * Makes sure that every {@code fluxgate.http} entry takes effect, since an HTTP client left unguarded looks just
 * like a guarded one that has not failed yet: a blank name, a {@code fluxgate.http.breaker} without Spring Boot's
 * client builders, a {@code fluxgate.http.clients.<group>} entry without Spring's HTTP client or without such an
 * HTTP service group each stop start-up. They are reported as {@link InvalidConfigurationPropertyValueException}s,
 * which Spring Boot's failure analysis shows with the property, its value, where it came from and the reason.
 * Groups are checked once every singleton exists, as HTTP service groups are declared by any configuration class.
 */
final class HttpClientsCheck implements SmartInitializingSingleton {

    static final String WEB = "org.springframework.web.service.registry.HttpServiceProxyRegistry";
    private static final String[] CUSTOMIZERS = {"org.springframework.boot.restclient.RestClientCustomizer",
        "org.springframework.boot.webclient.WebClientCustomizer"};
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private final FluxgateProperties.Http http;
    private final BeanFactory beanFactory;
    private final @Nullable ClassLoader classLoader;

    HttpClientsCheck(FluxgateProperties properties, BeanFactory beanFactory, @Nullable ClassLoader classLoader) {
        this.http = properties.http();
        this.beanFactory = beanFactory;
        this.classLoader = classLoader;
        if (http.breaker() != null) {
            requireName("fluxgate.http.breaker", http.breaker());
            if (!isPresent(CUSTOMIZERS)) {
                throw new InvalidConfigurationPropertyValueException("fluxgate.http.breaker", http.breaker(),
                        "It guards the clients built from Spring Boot's RestClient, RestTemplate and WebClient "
                                + "builders, but neither org.springframework.boot:spring-boot-restclient nor "
                                + "spring-boot-webclient is on the class path (add spring-boot-starter-restclient or "
                                + "spring-boot-starter-webclient), so no client would be guarded.");
            }
        }
        http.clients().forEach((group, client) -> {
            requireName(path(group), client.breaker());
            if (!isPresent(WEB)) {
                throw new InvalidConfigurationPropertyValueException(path(group), client.breaker(),
                        "Spring's HTTP client (org.springframework:spring-web, e.g. from "
                                + "spring-boot-starter-restclient) is not on the class path, so there is no HTTP "
                                + "service group '" + group + "' to guard.");
            }
        });
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (http.clients().isEmpty()) {
            return;
        }
        Set<String> groups = Groups.names(beanFactory);
        for (Map.Entry<String, FluxgateProperties.Client> client : http.clients().entrySet()) {
            if (!groups.contains(client.getKey())) {
                throw new InvalidConfigurationPropertyValueException(path(client.getKey()),
                        client.getValue().breaker(), "There is no HTTP service group '" + client.getKey() + "': "
                                + (groups.isEmpty() ? "the application declares none" : "the application's groups "
                                        + "are " + String.join(", ", groups)) + ". An entry under "
                                + "fluxgate.http.clients names a group of @ImportHttpServices(group = \"...\", "
                                + "types = ...); for other clients use fluxgate.http.breaker, or add the interceptor "
                                + "or filter in code.");
            }
        }
    }

    /** The property path of a group's breaker, with brackets for names that need them. */
    static String path(String group) {
        return (PLAIN_NAME.matcher(group).matches() ? "fluxgate.http.clients." + group
                : "fluxgate.http.clients[" + group + "]") + ".breaker";
    }

    private static void requireName(String property, String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidConfigurationPropertyValueException(property, name, "It must name the keyed breaker "
                    + "that guards the requests, e.g. payment_api (configured under fluxgate.breakers.payment_api, "
                    + "or built from fluxgate.defaults).");
        }
    }

    private boolean isPresent(String... classNames) {
        for (String className : classNames) {
            if (ClassUtils.isPresent(className, classLoader)) {
                return true;
            }
        }
        return false;
    }

    /** Only loaded with spring-web, which the constructor made sure of. */
    private static final class Groups {

        static Set<String> names(BeanFactory beanFactory) {
            HttpServiceProxyRegistry registry = beanFactory.getBeanProvider(HttpServiceProxyRegistry.class)
                    .getIfAvailable();
            return registry == null ? Set.of() : new TreeSet<>(registry.getGroupNames());
        }
    }
}
