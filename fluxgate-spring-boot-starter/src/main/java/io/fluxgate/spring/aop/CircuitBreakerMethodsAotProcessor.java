package io.fluxgate.spring.aop;

import io.fluxgate.spring.CircuitBreaker;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.util.ClassUtils;

/**
 * At build time (Spring AOT), registers reflection hints for each bean's {@code @CircuitBreaker} methods: the
 * method itself, which the proxy calls and whose parameter names a key expression reads, and every overload of
 * its fallback, found and checked exactly as start-up finds them. A bad fallback therefore fails the build with
 * the message start-up would give. For a method with a {@code key}, its parameter types' public methods are
 * registered too, for key expressions that read a property such as {@code #request.tenantId}.
 */
final class CircuitBreakerMethodsAotProcessor implements BeanRegistrationAotProcessor {

    CircuitBreakerMethodsAotProcessor() {
    }

    @Override
    public @Nullable BeanRegistrationAotContribution processAheadOfTime(RegisteredBean bean) {
        Class<?> type = ClassUtils.getUserClass(bean.getBeanClass());
        List<Method> methods = new ArrayList<>();
        Set<Class<?>> keyParameterTypes = new LinkedHashSet<>();
        AnnotatedMethods.visit(type, new AnnotatedMethods.Visitor() {
            @Override
            public void guarded(Method method, CircuitBreaker annotation) {
                methods.add(method);
                if (!annotation.fallbackMethod().isEmpty()) {
                    ReturnKind kind = ReturnKind.of(method);
                    for (FallbackMethods.Found found : FallbackMethods.find(method, type, annotation.name(),
                            annotation.fallbackMethod(), kind)) {
                        methods.add(found.method());
                    }
                }
                if (!annotation.key().isEmpty()) {
                    for (Class<?> parameter : method.getParameterTypes()) {
                        if (!parameter.isPrimitive()) {
                            keyParameterTypes.add(parameter);
                        }
                    }
                }
            }

            @Override
            public void ignored(Method method, CircuitBreaker annotation, String reason) {
                // Start-up warns about it and never calls it: nothing to hint.
            }
        });
        if (methods.isEmpty()) {
            return null;
        }
        return (generationContext, code) -> {
            ReflectionHints reflection = generationContext.getRuntimeHints().reflection();
            methods.forEach(method -> reflection.registerMethod(method, ExecutableMode.INVOKE));
            keyParameterTypes.forEach(parameter -> reflection.registerType(parameter,
                    MemberCategory.INVOKE_PUBLIC_METHODS));
        };
    }
}
