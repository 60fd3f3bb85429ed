package io.fluxgate.spring.aop;

import io.fluxgate.spring.CircuitBreaker;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Walks the methods of a bean's class that {@link CircuitBreaker @CircuitBreaker} applies to. The start-up check
 * ({@link AnnotatedBeans}) and the build-time hints ({@link CircuitBreakerMethodsAotProcessor}) both walk them
 * here, so a native image has hints for exactly the methods that start-up resolves.
 */
final class AnnotatedMethods {

    private AnnotatedMethods() {
    }

    /** What to do with each method. */
    interface Visitor {

        /** A method a proxy guards, under {@code annotation}. */
        void guarded(Method method, CircuitBreaker annotation);

        /** An annotated method that a proxy can never guard, and why. */
        void ignored(Method method, CircuitBreaker annotation, String reason);
    }

    /** Visits the methods of {@code type}, a user class (not a CGLIB subclass), that are annotated or inherit it. */
    static void visit(Class<?> type, Visitor visitor) {
        if (AnnotationUtils.isCandidateClass(type, CircuitBreaker.class)) {
            ReflectionUtils.doWithMethods(type, method -> visit(type, method, visitor),
                    ReflectionUtils.USER_DECLARED_METHODS);
        }
    }

    private static void visit(Class<?> type, Method method, Visitor visitor) {
        if (AopUtils.getMostSpecificMethod(method, type) != method) {
            return; // overridden: the override is visited instead
        }
        int modifiers = method.getModifiers();
        CircuitBreaker annotation = AnnotatedElementUtils.findMergedAnnotation(method, CircuitBreaker.class);
        if (annotation != null && (Modifier.isPrivate(modifiers) || Modifier.isStatic(modifiers))) {
            visitor.ignored(method, annotation, "the method is " + (Modifier.isStatic(modifiers) ? "static"
                    : "private") + ", and proxies only intercept instance methods they can override");
            return;
        }
        annotation = Annotations.find(method, type);
        if (annotation == null) {
            return;
        }
        if (Modifier.isFinal(modifiers) || Modifier.isFinal(type.getModifiers())) {
            String what = Modifier.isFinal(modifiers) ? "the method" : "class " + type.getSimpleName();
            visitor.ignored(method, annotation, what + " is final, so a class-based (CGLIB) proxy, Spring Boot's"
                    + " default, cannot intercept it");
            return;
        }
        visitor.guarded(method, annotation);
    }
}
