package io.fluxgate.spring.cloud;

import io.fluxgate.CircuitBreakerRegistry;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.StringUtils;

/**
 * With OpenFeign's circuit-breaker groups on, a {@code @FeignClient}'s name (its {@code contextId} when set) is the
 * group of its methods' breakers, so {@code fluxgate.breakers.<name>} is their template. OpenFeign builds those
 * breakers on each method's first call, after start-up; this looks each client's group up in the registry at start-up,
 * so that the starter's name check counts its entry as used instead of reporting it. Clients are found as
 * {@code @EnableFeignClients(clients = ...)} lists them and as OpenFeign's factory beans declare their type.
 */
final class FeignClientGroups implements SmartInitializingSingleton {

    private final ConfigurableListableBeanFactory beanFactory;
    private final CircuitBreakerRegistry registry;

    FeignClientGroups(ConfigurableListableBeanFactory beanFactory, CircuitBreakerRegistry registry) {
        this.beanFactory = beanFactory;
        this.registry = registry;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (String name : beanFactory.getBeanNamesForAnnotation(EnableFeignClients.class)) {
            Class<?> type = beanFactory.getType(name);
            if (type == null) {
                continue;
            }
            EnableFeignClients enable = AnnotatedElementUtils.findMergedAnnotation(type, EnableFeignClients.class);
            if (enable == null) {
                continue;
            }
            for (Class<?> client : enable.clients()) {
                lookUp(client);
            }
        }
        for (String name : beanFactory.getBeanDefinitionNames()) {
            if (beanFactory.getBeanDefinition(name).getAttribute(FactoryBean.OBJECT_TYPE_ATTRIBUTE)
                    instanceof Class<?> client) {
                lookUp(client);
            }
        }
    }

    private void lookUp(Class<?> client) {
        FeignClient annotation = AnnotatedElementUtils.findMergedAnnotation(client, FeignClient.class);
        if (annotation == null) {
            return;
        }
        String group = StringUtils.hasText(annotation.contextId()) ? annotation.contextId() : annotation.name();
        group = beanFactory.resolveEmbeddedValue(group);
        if (StringUtils.hasText(group)) {
            registry.get(group);
        }
    }
}
