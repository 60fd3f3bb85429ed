package io.fluxgate.spring.aop;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.core.CoroutinesUtils;
import org.springframework.util.ClassUtils;

/**
 * Guards Kotlin {@code suspend fun}s. With kotlinx-coroutines-reactor present, Spring AOP runs a suspending method
 * as a lazy {@code Mono} and awaits the {@code Mono} the interceptors return in the caller's coroutine: the breaker
 * guards that {@code Mono} like any other ({@link ReactorCalls}), so the call is the whole suspending call,
 * cancellation of the caller cancels the subscription and gives the permission back, and a {@code suspend}
 * fallback runs as a {@code Mono} too. Only loaded when a method is suspending, so the starter works without Kotlin.
 */
final class SuspendCalls {

    private static final MethodHandle INVOKE_SUSPENDING;

    static {
        try {
            INVOKE_SUSPENDING = MethodHandles.lookup().findStatic(SuspendCalls.class, "invokeSuspending",
                    MethodType.methodType(Object.class, Method.class, Object.class, Object[].class, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private SuspendCalls() {
    }

    /** What a suspend fun needs besides Kotlin, or {@code null} when all of it is there. */
    static @Nullable String missing(ClassLoader classLoader) {
        if (!ClassUtils.isPresent("kotlinx.coroutines.reactor.MonoKt", classLoader)
                || !ClassUtils.isPresent("reactor.core.publisher.Mono", classLoader)) {
            return "kotlinx-coroutines-reactor (with reactor-core)";
        }
        if (!ClassUtils.isPresent("kotlin.reflect.full.KClasses", classLoader)) {
            return "kotlin-reflect";
        }
        return null;
    }

    /** Returns the guarded {@code Mono} that Spring AOP awaits. */
    static Object call(Plan plan, MethodInvocation invocation) {
        Object[] arguments = invocation.getArguments();
        return ReactorCalls.mono(plan, invocation, Arrays.copyOf(arguments, arguments.length - 1));
    }

    /** A handle taking {@code (target, Object[] arguments, exception)} that returns the fallback's {@code Mono}. */
    static MethodHandle fallbackHandle(Method fallback) {
        return MethodHandles.insertArguments(INVOKE_SUSPENDING, 0, fallback);
    }

    private static Object invokeSuspending(Method fallback, Object target, Object[] arguments, Object error) {
        Object[] all = Arrays.copyOf(arguments, arguments.length + 1);
        all[arguments.length] = error;
        return CoroutinesUtils.invokeSuspendingFunction(fallback, target, all);
    }
}
