package io.fluxgate.spring.aop;

import io.fluxgate.spring.CircuitBreaker;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

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
        if (AnnotationUtils.isCandidateClass(type, CircuitBreaker.class)) {
            ReflectionUtils.doWithMethods(type, method -> inspect(type, method), ReflectionUtils.USER_DECLARED_METHODS);
        }
    }

    private void inspect(Class<?> type, Method method) {
        if (AopUtils.getMostSpecificMethod(method, type) != method) {
            return; // overridden: the override is inspected instead
        }
        int modifiers = method.getModifiers();
        CircuitBreaker annotation = AnnotatedElementUtils.findMergedAnnotation(method, CircuitBreaker.class);
        if (annotation != null && (Modifier.isPrivate(modifiers) || Modifier.isStatic(modifiers))) {
            warn(annotation, method, "the method is " + (Modifier.isStatic(modifiers) ? "static" : "private")
                    + ", and proxies only intercept instance methods they can override");
            return;
        }
        annotation = Annotations.find(method, type);
        if (annotation == null) {
            return;
        }
        if (Modifier.isFinal(modifiers) || Modifier.isFinal(type.getModifiers())) {
            String what = Modifier.isFinal(modifiers) ? "the method" : "class " + type.getSimpleName();
            warn(annotation, method, what + " is final, so a class-based (CGLIB) proxy, Spring Boot's default,"
                    + " cannot intercept it");
            return;
        }
        plans.get(method, type);
    }

    private void warn(CircuitBreaker annotation, Method method, String reason) {
        plans.register(annotation);
        logger.warn(FallbackMethods.prefix(method, annotation.name()).replaceFirst(": $", "")
                + " never takes effect: " + reason + "; calls run unguarded. Make it a public, non-final"
                + " method of a non-final class and call it through the Spring bean, not through 'this'.");
    }
}
