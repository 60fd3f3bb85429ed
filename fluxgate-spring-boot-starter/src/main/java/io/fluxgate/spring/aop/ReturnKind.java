package io.fluxgate.spring.aop;

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
    FLUX;

    private static final String MONO_CLASS = "reactor.core.publisher.Mono";
    private static final String FLUX_CLASS = "reactor.core.publisher.Flux";
    private static final String PUBLISHER_CLASS = "org.reactivestreams.Publisher";

    static ReturnKind of(Class<?> returnType) {
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
        };
    }

    private ResolvableType element(ResolvableType returnType) {
        return switch (this) {
            case VALUE -> returnType;
            case STAGE -> returnType.as(CompletionStage.class).getGeneric(0);
            case MONO, FLUX -> returnType.getGeneric(0);
        };
    }

    private @Nullable Class<?> wrapper(Class<?> returnType) {
        return switch (this) {
            case VALUE -> null;
            case STAGE -> CompletionStage.class;
            case MONO -> returnType;
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
