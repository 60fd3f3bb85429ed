package io.fluxgate.spring.aop;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.aopalliance.aop.Advice;
import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.core.annotation.AnnotationUtils;

/**
 * Applies {@link CircuitBreakerInterceptor} to methods governed by
 * {@link io.fluxgate.spring.CircuitBreaker @CircuitBreaker}. Its order is {@code fluxgate.aspect-order}.
 */
final class CircuitBreakerAdvisor extends AbstractPointcutAdvisor {

    private final transient Pointcut pointcut = new AnnotatedMethods();
    private final transient Plans plans;
    private final transient CircuitBreakerInterceptor interceptor;

    CircuitBreakerAdvisor(Plans plans, int order) {
        this.plans = plans;
        this.interceptor = new CircuitBreakerInterceptor(plans);
        setOrder(order);
    }

    @Override
    public Pointcut getPointcut() {
        return pointcut;
    }

    @Override
    public Advice getAdvice() {
        return interceptor;
    }

    Plans plans() {
        return plans;
    }

    /**
     * Matches annotated methods that a proxy can intercept: never static or private ones, and nothing of a final
     * class, which a class-based proxy cannot subclass (matching it would stop start-up in proxy creation;
     * {@link AnnotatedBeans} warns instead).
     */
    private static final class AnnotatedMethods extends StaticMethodMatcherPointcut {

        AnnotatedMethods() {
            setClassFilter(type -> !Modifier.isFinal(type.getModifiers())
                    && AnnotationUtils.isCandidateClass(type, io.fluxgate.spring.CircuitBreaker.class));
        }

        @Override
        public boolean matches(Method method, Class<?> targetClass) {
            return !Modifier.isPrivate(method.getModifiers()) && Annotations.find(method, targetClass) != null;
        }
    }
}
