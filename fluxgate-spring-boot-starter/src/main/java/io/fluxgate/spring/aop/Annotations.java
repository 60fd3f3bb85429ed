package io.fluxgate.spring.aop;

import io.fluxgate.spring.CircuitBreaker;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

/** Where {@link CircuitBreaker @CircuitBreaker} applies: on the method, else on the type for public methods. */
final class Annotations {

    private Annotations() {
    }

    /**
     * The annotation that governs {@code method} when called on an instance of {@code targetClass}.
     *
     * @param targetClass the bean's class, possibly a CGLIB subclass; {@code null} when unknown
     * @return the annotation, or {@code null} when the method is not guarded (static and {@code Object} methods
     *         never are)
     */
    static @Nullable CircuitBreaker find(Method method, @Nullable Class<?> targetClass) {
        if (Modifier.isStatic(method.getModifiers()) || method.getDeclaringClass() == Object.class) {
            return null;
        }
        Class<?> userClass = targetClass == null ? method.getDeclaringClass() : ClassUtils.getUserClass(targetClass);
        Method specific = AopUtils.getMostSpecificMethod(method, userClass);
        CircuitBreaker annotation = AnnotatedElementUtils.findMergedAnnotation(specific, CircuitBreaker.class);
        if (annotation == null && specific != method) {
            annotation = AnnotatedElementUtils.findMergedAnnotation(method, CircuitBreaker.class);
        }
        if (annotation != null || !Modifier.isPublic(specific.getModifiers())) {
            return annotation;
        }
        return AnnotatedElementUtils.findMergedAnnotation(userClass, CircuitBreaker.class);
    }
}
