package io.fluxgate.expression;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a tracker expression needs from its surroundings: the class loader for {@code TypeOf(...)} class
 * names and the lookup behind {@code Custom(name)}.
 *
 * <pre>{@code
 * TrackerContext context = TrackerContext.of(classLoader)
 *         .withCustoms(name -> "isTimeout".equals(name) ? e -> e instanceof TimeoutException : null);
 * Tracker tracker = Expressions.tracker("TypeOf(java.net.ConnectException) | Custom(isTimeout)", context);
 * }</pre>
 *
 * @param classLoader loads the classes named by {@code TypeOf}
 * @param customs     resolves the name given to {@code Custom(name)} to a predicate, or returns {@code null}
 *                    when there is nothing of that name (the expression is then an error); the Spring
 *                    starter resolves beans of type {@code Tracker} or {@code Predicate<Throwable>}. It
 *                    should return the same predicate for the same name, so that equal expressions give
 *                    equal trackers.
 */
public record TrackerContext(ClassLoader classLoader, Function<String, Predicate<Throwable>> customs) {

    /**
     * Checks that neither component is null.
     *
     * @param classLoader loads the classes named by {@code TypeOf}
     * @param customs     resolves a {@code Custom} name to a predicate, or returns {@code null} when unknown
     */
    public TrackerContext {
        Objects.requireNonNull(classLoader, "classLoader");
        Objects.requireNonNull(customs, "customs");
    }

    /**
     * A context that loads classes with {@code classLoader} and knows no {@code Custom} names.
     *
     * @param classLoader loads the classes named by {@code TypeOf}
     * @return a new context
     */
    public static TrackerContext of(ClassLoader classLoader) {
        return new TrackerContext(classLoader, name -> null);
    }

    /**
     * A context that loads classes with the thread's context class loader (or, without one, the loader
     * of this library) and knows no {@code Custom} names.
     *
     * @return a new context
     */
    public static TrackerContext defaults() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return of(loader != null ? loader : TrackerContext.class.getClassLoader());
    }

    /**
     * This context with another {@code Custom} lookup.
     *
     * @param customs resolves a {@code Custom} name to a predicate, or returns {@code null} when unknown
     * @return a new context with the same class loader
     */
    public TrackerContext withCustoms(Function<String, Predicate<Throwable>> customs) {
        return new TrackerContext(classLoader, customs);
    }
}
