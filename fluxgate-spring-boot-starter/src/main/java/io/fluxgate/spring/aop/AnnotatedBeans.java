package io.fluxgate.spring.aop;

import io.fluxgate.spring.CircuitBreaker;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * At start-up, finds every {@link CircuitBreaker @CircuitBreaker} on the beans' classes: registers each named
 * breaker, resolves each method's plan (so a bad fallback stops the application) and warns about annotations
 * that a proxy can never apply.
 */
final class AnnotatedBeans implements SmartInitializingSingleton, BeanFactoryAware {

    private static final Log logger = LogFactory.getLog(AnnotatedBeans.class);

    private final Plans plans;
    private ConfigurableListableBeanFactory beanFactory;

    AnnotatedBeans(Plans plans) {
        this.plans = plans;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Set<Class<?>> seen = new HashSet<>();
        for (String name : beanFactory.getBeanDefinitionNames()) {
            Class<?> type;
            try {
                type = AutoProxyUtils.determineTargetClass(beanFactory, name);
            } catch (RuntimeException unresolvable) {
                continue; // a lazy bean whose type cannot be known yet: resolved on first call instead
            }
            if (type != null && seen.add(ClassUtils.getUserClass(type))) {
                inspect(ClassUtils.getUserClass(type));
            }
        }
    }

    private void inspect(Class<?> type) {
        AnnotatedMethods.visit(type, new AnnotatedMethods.Visitor() {
            @Override
            public void guarded(Method method, CircuitBreaker annotation) {
                plans.get(method, type);
            }

            @Override
            public void ignored(Method method, CircuitBreaker annotation, String reason) {
                warn(annotation, method, reason);
            }
        });
    }

    private void warn(CircuitBreaker annotation, Method method, String reason) {
        plans.register(annotation);
        logger.warn(FallbackMethods.prefix(method, annotation.name()).replaceFirst(": $", "")
                + " never takes effect: " + reason + "; calls run unguarded. Make it a public, non-final"
                + " method of a non-final class and call it through the Spring bean, not through 'this'.");
    }
}
