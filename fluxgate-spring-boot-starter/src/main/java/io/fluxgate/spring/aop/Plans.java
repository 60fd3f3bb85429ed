package io.fluxgate.spring.aop;

import io.fluxgate.CircuitBreaker;
import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.spring.CircuitBreakerFactory;
import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodClassKey;
import org.springframework.util.ClassUtils;

/**
 * The plan of each annotated method, resolved on first use (at start-up for singletons) and cached per method
 * and target class. Resolving registers the breaker and checks the fallback. Thread-safe.
 */
final class Plans {

    private final ConcurrentMap<MethodClassKey, Plan> plans = new ConcurrentHashMap<>();
    private final AtomicInteger resolutions = new AtomicInteger();
    private final Supplier<CircuitBreakerRegistry> registry;
    private final Supplier<CircuitBreakerFactory> factory;

    /** Registry and factory are looked up lazily, so the advisor does not create them early. */
    Plans(Supplier<CircuitBreakerRegistry> registry, Supplier<CircuitBreakerFactory> factory) {
        this.registry = registry;
        this.factory = factory;
    }

    /** The plan for {@code method} called on an instance of {@code targetClass}. */
    Plan get(Method method, Class<?> targetClass) {
        MethodClassKey key = new MethodClassKey(method, targetClass);
        Plan plan = plans.get(key);
        return plan != null ? plan : plans.computeIfAbsent(key, k -> resolve(method, targetClass));
    }

    /** Registers the breaker of an annotation that cannot take effect, so it still exists for monitoring. */
    CircuitBreaker register(String name) {
        return registry.get().getOrCreate(name, () -> factory.get().create(name));
    }

    /** How many plans were resolved; a cached plan is not resolved again. */
    int resolutions() {
        return resolutions.get();
    }

    private Plan resolve(Method method, Class<?> targetClass) {
        resolutions.incrementAndGet();
        Class<?> userClass = ClassUtils.getUserClass(targetClass);
        Method specific = AopUtils.getMostSpecificMethod(method, userClass);
        io.fluxgate.spring.CircuitBreaker annotation = Annotations.find(method, userClass);
        if (annotation == null) {
            throw new IllegalStateException("No @CircuitBreaker on " + FallbackMethods.describe(specific));
        }
        String name = annotation.name();
        if (name.isBlank()) {
            throw new InvalidCircuitBreakerAnnotationException(FallbackMethods.prefix(specific, name)
                    + "the name must not be blank");
        }
        ReturnKind kind = ReturnKind.of(specific.getReturnType());
        Fallback fallback = annotation.fallbackMethod().isEmpty() ? null
                : FallbackMethods.resolve(specific, userClass, name, annotation.fallbackMethod(), kind);
        return new Plan(register(name), kind, fallback);
    }
}
