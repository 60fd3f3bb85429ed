package io.fluxgate.spring.aop;

import io.fluxgate.CircuitBreaker;
import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.KeyedCircuitBreaker;
import io.fluxgate.spring.CircuitBreakerFactory;
import io.fluxgate.spring.KeyedBreakers;
import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodClassKey;
import org.springframework.core.MethodParameter;
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
    private final Supplier<KeyedBreakers> keyed;
    /** Name to the first method using it with a key, and without one: a name is keyed or not, never both. */
    private final ConcurrentMap<String, String> keyedUses = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, String> plainUses = new ConcurrentHashMap<>();

    /** Registry, factory and families are looked up lazily, so the advisor does not create them early. */
    Plans(Supplier<CircuitBreakerRegistry> registry, Supplier<CircuitBreakerFactory> factory,
            Supplier<KeyedBreakers> keyed) {
        this.registry = registry;
        this.factory = factory;
        this.keyed = keyed;
    }

    /** The plan for {@code method} called on an instance of {@code targetClass}. */
    Plan get(Method method, Class<?> targetClass) {
        MethodClassKey key = new MethodClassKey(method, targetClass);
        Plan plan = plans.get(key);
        return plan != null ? plan : plans.computeIfAbsent(key, k -> resolve(method, targetClass));
    }

    /** Registers the breaker of an annotation that cannot take effect, so it still exists for monitoring. */
    void register(io.fluxgate.spring.CircuitBreaker annotation) {
        if (annotation.key().isEmpty()) {
            register(annotation.name());
        } else {
            keyed.get().family(annotation.name());
        }
    }

    private CircuitBreaker register(String name) {
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
        ReturnKind kind = ReturnKind.of(specific);
        checkKotlin(specific, userClass, name, kind);
        Fallback fallback = annotation.fallbackMethod().isEmpty() ? null
                : FallbackMethods.resolve(specific, userClass, name, annotation.fallbackMethod(), kind);
        String key = annotation.key();
        if (key.isEmpty()) {
            return new Plan(plain(specific, name), null, kind, fallback);
        }
        if (key.isBlank()) {
            throw new InvalidCircuitBreakerAnnotationException(FallbackMethods.prefix(specific, name)
                    + "the key must not be blank; leave it out for one breaker");
        }
        return new Plan(null, BreakerKey.parse(family(specific, name), specific, key), kind, fallback);
    }

    /**
     * Fails start-up where Kotlin support cannot take effect, so no annotated function is silently unguarded:
     * a suspend fun needs what Spring AOP runs it with, a function returning {@code Flow} needs
     * kotlinx-coroutines-reactive, and a suspend fun returning {@code Flow} is not supported.
     */
    private static void checkKotlin(Method method, Class<?> userClass, String name, ReturnKind kind) {
        if (kind == ReturnKind.FLOW && !FlowCalls.supported(userClass.getClassLoader())) {
            throw new InvalidCircuitBreakerAnnotationException(FallbackMethods.prefix(method, name)
                    + "a function returning Flow needs kotlinx-coroutines-reactive (with reactor-core) on the class "
                    + "path: without it the breaker cannot guard each collection");
        }
        if (kind != ReturnKind.FLOW && ReturnKind.isFlow(method.getReturnType())) {
            throw new InvalidCircuitBreakerAnnotationException(FallbackMethods.prefix(method, name)
                    + "it returns " + method.getReturnType().getSimpleName() + ", a hot or special Flow; declare "
                    + "the return type Flow<T> to guard each collection");
        }
        if (kind == ReturnKind.SUSPEND) {
            String missing = SuspendCalls.missing(userClass.getClassLoader());
            if (missing != null) {
                throw new InvalidCircuitBreakerAnnotationException(FallbackMethods.prefix(method, name)
                        + "a suspend fun needs " + missing + " on the class path: without it Spring AOP cannot run "
                        + "the whole suspending call through the breaker");
            }
            if (ReturnKind.isFlow(new MethodParameter(method, -1).getParameterType())) {
                throw new InvalidCircuitBreakerAnnotationException(FallbackMethods.prefix(method, name)
                        + "a suspend fun returning Flow is not supported; drop suspend (the flow is guarded per "
                        + "collection), or guard the flow with fluxgate-kotlin's flow.circuitBreaker(breaker)");
            }
        }
    }

    private CircuitBreaker plain(Method method, String name) {
        String where = FallbackMethods.describe(method);
        plainUses.putIfAbsent(name, where);
        String keyedUse = keyedUses.get(name);
        if (keyedUse != null || keyed.get().find(name).isPresent()) {
            throw new InvalidCircuitBreakerAnnotationException(FallbackMethods.prefix(method, name)
                    + keyedConflict(name, keyedUse));
        }
        return register(name);
    }

    private static String keyedConflict(String name, @Nullable String keyedUse) {
        return "circuit breaker '" + name + "' is keyed (" + (keyedUse != null ? "@CircuitBreaker with a key on "
                + keyedUse : "it has a keys block under fluxgate.breakers, or fluxgate.http names it for HTTP clients")
                + "); a name is either keyed or not, so give this annotation a key too, or use another name";
    }

    private KeyedCircuitBreaker<Object> family(Method method, String name) {
        keyedUses.putIfAbsent(name, FallbackMethods.describe(method));
        String plainUse = plainUses.get(name);
        if (plainUse != null) {
            // Told from the plain annotation's side, as when it is planned second: methods come in no fixed order.
            throw new InvalidCircuitBreakerAnnotationException(FallbackMethods.prefix(plainUse, name)
                    + keyedConflict(name, keyedUses.get(name)));
        }
        KeyedCircuitBreaker<Object> family = keyed.get().family(name);
        registry.get().remove(name); // configured without a keys block: the plain breaker built at start-up
        return family;
    }
}
