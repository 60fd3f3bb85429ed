package io.fluxgate.spring.aop;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.util.ReflectionUtils;

/**
 * Finds and checks the fallback overloads of an annotated method: same class (inherited and any visibility
 * included), same parameters plus a trailing exception parameter, a fitting return type.
 */
final class FallbackMethods {

    private FallbackMethods() {
    }

    /**
     * Resolves {@code fallbackName} for {@code method}: {@link #find finds} its overloads and makes each callable.
     *
     * @throws InvalidCircuitBreakerAnnotationException naming the class, method and expected signature when it is
     *                                                  missing or ill-typed
     */
    static Fallback resolve(Method method, Class<?> targetClass, String breakerName, String fallbackName,
            ReturnKind kind) {
        List<Fallback.Overload> overloads = new ArrayList<>();
        for (Found found : find(method, targetClass, breakerName, fallbackName, kind)) {
            Method candidate = found.method();
            overloads.add(new Fallback.Overload(candidate.getParameterTypes()[arity(method)],
                    ReturnKind.isSuspending(candidate) ? SuspendCalls.fallbackHandle(candidate) : handle(candidate),
                    found.wrapped()));
        }
        overloads.sort(Comparator.comparingInt((Fallback.Overload o) -> depth(o.exceptionType())).reversed());
        return new Fallback(overloads);
    }

    /**
     * Finds and checks the overloads of {@code fallbackName} for {@code method}, without making them callable:
     * start-up and the build-time hints ({@link CircuitBreakerMethodsAotProcessor}) see the same methods.
     *
     * @throws InvalidCircuitBreakerAnnotationException naming the class, method and expected signature when it is
     *                                                  missing or ill-typed
     */
    static List<Found> find(Method method, Class<?> targetClass, String breakerName, String fallbackName,
            ReturnKind kind) {
        ResolvableType methodReturn = returnType(method, targetClass);
        Map<Class<?>, Method> byException = new LinkedHashMap<>();
        List<Method> sameName = new ArrayList<>();
        // Subclass methods come first, so an override hides the method it overrides.
        ReflectionUtils.doWithMethods(targetClass, candidate -> {
            sameName.add(candidate);
            if (takesArgumentsOf(candidate, method)) {
                byException.putIfAbsent(candidate.getParameterTypes()[arity(method)], candidate);
            }
        }, candidate -> candidate.getName().equals(fallbackName) && !candidate.isBridge());
        if (byException.isEmpty()) {
            throw new InvalidCircuitBreakerAnnotationException(prefix(method, breakerName) + "fallback method '"
                    + fallbackName + "' not found; expected " + expected(method, fallbackName, kind, methodReturn)
                    + " in class " + targetClass.getName() + found(sameName));
        }
        List<Found> found = new ArrayList<>();
        for (Method candidate : byException.values()) {
            found.add(check(method, targetClass, breakerName, kind, methodReturn, candidate));
        }
        return found;
    }

    private static Found check(Method method, Class<?> targetClass, String breakerName, ReturnKind kind,
            ResolvableType methodReturn, Method candidate) {
        Class<?> exceptionType = candidate.getParameterTypes()[method.getParameterCount()];
        if (Error.class.isAssignableFrom(exceptionType)) {
            throw new InvalidCircuitBreakerAnnotationException(prefix(method, breakerName) + "fallback method "
                    + describe(candidate)
                    + " takes " + exceptionType.getSimpleName() + ", but fallbacks never receive Errors; expected "
                    + "an Exception type in class " + targetClass.getName());
        }
        boolean suspending = ReturnKind.isSuspending(candidate);
        ResolvableType candidateReturn = returnType(candidate, targetClass);
        Boolean wrapped = kind == ReturnKind.SUSPEND || !suspending ? kind.wrapped(methodReturn, candidateReturn)
                : null;
        if (wrapped == null) {
            throw new InvalidCircuitBreakerAnnotationException(prefix(method, breakerName) + "fallback method "
                    + describe(candidate) + (suspending ? " is a suspend fun returning " : " returns ")
                    + ReturnKind.render(candidateReturn) + "; expected "
                    + expected(method, candidate.getName(), kind, methodReturn) + " in class "
                    + targetClass.getName());
        }
        // A suspend fallback runs as a Mono: the call site treats it as returning the wrapper.
        return new Found(candidate, wrapped || suspending);
    }

    /**
     * Whether {@code candidate} takes the arguments of {@code method} and an exception. A suspend fun's
     * continuation is not an argument: for one, a {@code suspend} fallback (continuation last) fits as well as a
     * plain one.
     */
    private static boolean takesArgumentsOf(Method candidate, Method method) {
        int count = arity(method);
        boolean suspending = ReturnKind.isSuspending(candidate);
        if (suspending && !ReturnKind.isSuspending(method)) {
            return false;
        }
        Class<?>[] parameters = candidate.getParameterTypes();
        return parameters.length == count + 1 + (suspending ? 1 : 0)
                && Throwable.class.isAssignableFrom(parameters[count])
                && Arrays.equals(parameters, 0, count, method.getParameterTypes(), 0, count);
    }

    /** The number of arguments a caller passes: a suspend fun's continuation is not one. */
    static int arity(Method method) {
        return method.getParameterCount() - (ReturnKind.isSuspending(method) ? 1 : 0);
    }

    /** The declared return type; a suspend fun's is its Kotlin return type (needs kotlin-reflect). */
    private static ResolvableType returnType(Method method, Class<?> targetClass) {
        if (!ReturnKind.isSuspending(method)) {
            return ResolvableType.forMethodReturnType(method, targetClass);
        }
        return ResolvableType.forMethodParameter(new MethodParameter(method, -1).withContainingClass(targetClass));
    }

    /** The fallback signature that fits, in Java or, for a suspend fun, in Kotlin. */
    private static String expected(Method method, String fallbackName, ReturnKind kind, ResolvableType methodReturn) {
        if (kind != ReturnKind.SUSPEND) {
            return "a method " + fallbackName + "(" + parameters(method, "<Exception type>") + ") returning "
                    + kind.expected(methodReturn);
        }
        List<String> names = new ArrayList<>();
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < arity(method); i++) {
            names.add("arg" + i + ": " + types[i].getSimpleName());
        }
        names.add("e: <Exception type>");
        String element = ReturnKind.render(methodReturn);
        return "suspend fun " + fallbackName + "(" + String.join(", ", names) + "): " + element
                + " (or the same without suspend)";
    }

    /** A handle taking {@code (target, Object[] arguments, exception)}, returning Object. */
    private static MethodHandle handle(Method fallback) {
        ReflectionUtils.makeAccessible(fallback);
        try {
            MethodHandle handle = MethodHandles.lookup().unreflect(fallback);
            if (Modifier.isStatic(fallback.getModifiers())) {
                handle = MethodHandles.dropArguments(handle, 0, Object.class);
            }
            int arity = fallback.getParameterCount() + 1;
            return handle.asType(MethodType.genericMethodType(arity)).asSpreader(1, Object[].class, arity - 2);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot access fallback method " + fallback, e);
        }
    }

    private static int depth(Class<?> type) {
        int depth = 0;
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            depth++;
        }
        return depth;
    }

    /** {@code @CircuitBreaker(name = "payment_api") on PaymentClient.charge(BigDecimal): }. */
    static String prefix(Method method, String breakerName) {
        return prefix(describe(method), breakerName);
    }

    /** {@link #prefix(Method, String)} for a method already {@linkplain #describe described}. */
    static String prefix(String method, String breakerName) {
        return "@CircuitBreaker(name = \"" + breakerName + "\") on " + method + ": ";
    }

    static String describe(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "(" + parameters(method, null)
                + ")";
    }

    /** Simple names of the arguments (a suspend fun's continuation left out), and {@code extra}. */
    private static String parameters(Method method, @Nullable String extra) {
        List<String> names = Arrays.stream(method.getParameterTypes()).limit(arity(method)).map(Class::getSimpleName)
                .collect(Collectors.toCollection(ArrayList::new));
        if (extra != null) {
            names.add(extra);
        }
        return String.join(", ", names);
    }

    private static String found(List<Method> sameName) {
        if (sameName.isEmpty()) {
            return "";
        }
        return " (found " + sameName.stream()
                .map(m -> (ReturnKind.isSuspending(m) ? "suspend " : "") + m.getName() + "("
                        + parameters(m, null) + ")")
                .distinct().collect(Collectors.joining(", ")) + ")";
    }

    /**
     * One checked fallback overload.
     *
     * @param method  the fallback method
     * @param wrapped whether it returns a stage or publisher rather than the element
     */
    record Found(Method method, boolean wrapped) {
    }
}
