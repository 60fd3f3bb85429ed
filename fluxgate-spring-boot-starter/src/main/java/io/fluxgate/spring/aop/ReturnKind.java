package io.fluxgate.spring.aop;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

/**
 * How an annotated method returns, and so how the breaker wraps it and what its fallback may return. Reactor
 * types are recognised by name, so this class loads without Reactor.
 */
enum ReturnKind {

    /** A plain value or {@code void}: synchronous semantics. */
    VALUE,
    /** {@code CompletionStage} or {@code CompletableFuture}: asynchronous semantics. */
    STAGE,
    /** Reactor's {@code Mono}: subscribe-time semantics. */
    MONO,
    /** Reactor's {@code Flux}: subscribe-time semantics, success on completion. */
    FLUX,
    /**
     * A Kotlin {@code suspend fun}: the whole suspending call is the call. Spring AOP runs it as a {@code Mono}
     * (kotlinx-coroutines-reactor), which the breaker guards with subscribe-time semantics.
     */
    SUSPEND,
    /**
     * A function returning Kotlin's {@code Flow}: each collection is one call, with subscribe-time semantics
     * (kotlinx-coroutines-reactive).
     */
    FLOW;

    private static final String CONTINUATION_CLASS = "kotlin.coroutines.Continuation";
    private static final String FLOW_CLASS = "kotlinx.coroutines.flow.Flow";

    private static final String MONO_CLASS = "reactor.core.publisher.Mono";
    private static final String FLUX_CLASS = "reactor.core.publisher.Flux";
    private static final String PUBLISHER_CLASS = "org.reactivestreams.Publisher";

    /** How {@code method} returns; Kotlin is recognised by name, so this works without Kotlin. */
    static ReturnKind of(Method method) {
        if (isSuspending(method)) {
            return SUSPEND;
        }
        return method.getReturnType().getName().equals(FLOW_CLASS) ? FLOW : of(method.getReturnType());
    }

    /** Whether {@code method} is a Kotlin {@code suspend fun}: its last parameter is the continuation. */
    static boolean isSuspending(Method method) {
        Class<?>[] parameters = method.getParameterTypes();
        return parameters.length > 0 && parameters[parameters.length - 1].getName().equals(CONTINUATION_CLASS);
    }

    /** Whether {@code type} is Kotlin's {@code Flow} (or a subtype), recognised by name. */
    static boolean isFlow(Class<?> type) {
        if (type.getName().equals(FLOW_CLASS)) {
            return true;
        }
        for (Class<?> implemented : type.getInterfaces()) {
            if (isFlow(implemented)) {
                return true;
            }
        }
        Class<?> superclass = type.getSuperclass();
        return superclass != null && isFlow(superclass);
    }

    private static ReturnKind of(Class<?> returnType) {
        if (returnType == CompletionStage.class || returnType == CompletableFuture.class) {
            return STAGE;
        }
        return switch (returnType.getName()) {
            case MONO_CLASS -> MONO;
            case FLUX_CLASS -> FLUX;
            default -> VALUE;
        };
    }

    /**
     * Whether a fallback returning {@code fallbackReturn} fits a method returning {@code methodReturn}.
     *
     * @return {@code true} when it returns the wrapper (a stage or publisher), {@code false} when it returns the
     *         element (or, for {@link #VALUE}, the value itself), {@code null} when it does not fit
     */
    @Nullable Boolean wrapped(ResolvableType methodReturn, ResolvableType fallbackReturn) {
        Class<?> returned = fallbackReturn.toClass();
        Class<?> wrapper = wrapper(methodReturn.toClass());
        if (wrapper != null && wrapper.isAssignableFrom(returned)) {
            Class<?> produced = fallbackReturn.as(wrapper).getGeneric(0).toClass();
            return ClassUtils.isAssignable(element(methodReturn).toClass(), produced) ? Boolean.TRUE : null;
        }
        Class<?> element = element(methodReturn).toClass();
        if (returned == void.class || element == void.class) {
            return returned == element || (returned == void.class && element == Void.class) ? Boolean.FALSE : null;
        }
        return ClassUtils.isAssignable(element, returned) ? Boolean.FALSE : null;
    }

    /** The return types a fallback may have, for error messages: {@code String or CompletionStage<String>}. */
    String expected(ResolvableType methodReturn) {
        String element = render(element(methodReturn));
        return switch (this) {
            case VALUE -> element;
            case STAGE -> element + " or CompletionStage<" + element + ">";
            case MONO -> element + " or Mono<" + element + ">";
            case FLUX -> element + " or Publisher<" + element + ">";
            case SUSPEND -> element;
            case FLOW -> element + " or Flow<" + element + ">";
        };
    }

    private ResolvableType element(ResolvableType returnType) {
        return switch (this) {
            case VALUE, SUSPEND -> returnType;
            case STAGE -> returnType.as(CompletionStage.class).getGeneric(0);
            case MONO, FLUX, FLOW -> returnType.getGeneric(0);
        };
    }

    private @Nullable Class<?> wrapper(Class<?> returnType) {
        return switch (this) {
            case VALUE, SUSPEND -> null;
            case STAGE -> CompletionStage.class;
            case MONO -> returnType;
            case FLOW -> ClassUtils.resolveClassName(FLOW_CLASS, returnType.getClassLoader());
            case FLUX -> ClassUtils.resolveClassName(PUBLISHER_CLASS, returnType.getClassLoader());
        };
    }

    /** Simple names, generics included: {@code List<String>}. */
    static String render(ResolvableType type) {
        Class<?> resolved = type.resolve();
        if (resolved == null) {
            return type.toString();
        }
        if (!type.hasGenerics()) {
            return resolved.getSimpleName();
        }
        return resolved.getSimpleName() + Arrays.stream(type.getGenerics())
                .map(ReturnKind::render)
                .collect(Collectors.joining(", ", "<", ">"));
    }
}
