package io.fluxgate.spring.aop;

import java.lang.invoke.MethodHandle;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The overloads of one fallback method, most specific exception type first, so the first that accepts an
 * exception is the one to call. Immutable and thread-safe.
 */
final class Fallback {

    private final Overload[] overloads;

    Fallback(List<Overload> mostSpecificFirst) {
        this.overloads = mostSpecificFirst.toArray(Overload[]::new);
    }

    /**
     * The overload for an exception of the call.
     *
     * @return the most specific overload accepting {@code error}, or {@code null} when none does or
     *         {@code error} is not an {@link Exception}
     */
    @Nullable Overload select(Throwable error) {
        if (!(error instanceof Exception)) {
            return null;
        }
        for (Overload overload : overloads) {
            if (overload.exceptionType().isInstance(error)) {
                return overload;
            }
        }
        return null;
    }

    int size() {
        return overloads.length;
    }

    /**
     * One fallback method.
     *
     * @param exceptionType the type of its trailing parameter
     * @param handle        takes {@code (target, Object[] arguments, exception)}: the proxy's own argument array
     *                      is spread, not copied
     * @param wrapped       whether it returns a stage or publisher rather than the element
     */
    record Overload(Class<?> exceptionType, MethodHandle handle, boolean wrapped) {

        @Nullable Object invoke(Object target, Object[] arguments, Throwable error) throws Throwable {
            return (Object) handle.invokeExact(target, arguments, (Object) error);
        }
    }
}
