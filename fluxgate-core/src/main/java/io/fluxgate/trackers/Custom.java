package io.fluxgate.trackers;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * Counts an exception as a failure when a predicate accepts it.
 *
 * <p>The name is what {@code toString()} shows: {@code Custom(retryableStatus)}. The Spring Boot starter builds
 * {@code Custom(beanName)} from configuration with the bean's name, so a named instance's text parses back to
 * it. The one-argument constructor uses {@link #UNNAMED}, whose text {@code Custom(<unnamed>)} is for people
 * only and does not parse.
 *
 * <pre>{@code
 * Tracker serverErrors = new Custom("serverErrors",
 *         e -> e instanceof HttpStatusException h && h.status() >= 500);
 * }</pre>
 *
 * @param name      what {@code toString()} shows between the parentheses; not blank
 * @param predicate decides whether a thrown exception is a failure; must not throw
 */
public record Custom(String name, Predicate<Throwable> predicate) implements Tracker {

    /** The name of a {@code Custom} created without one. */
    public static final String UNNAMED = "<unnamed>";

    /**
     * Checks that neither argument is null and that the name is not blank.
     *
     * @param name      what {@code toString()} shows between the parentheses; not blank
     * @param predicate decides whether a thrown exception is a failure; must not throw
     */
    public Custom {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(predicate, "predicate");
        if (name.isBlank()) {
            throw new IllegalArgumentException("Custom name must not be blank, got '" + name + "'");
        }
    }

    /**
     * An unnamed custom tracker, shown as {@code Custom(<unnamed>)}.
     *
     * @param predicate decides whether a thrown exception is a failure; must not throw
     */
    public Custom(Predicate<Throwable> predicate) {
        this(UNNAMED, predicate);
    }

    @Override
    public boolean test(Throwable error) {
        return predicate.test(error);
    }

    /**
     * The expression form.
     *
     * @return {@code Custom(name)}
     */
    @Override
    public String toString() {
        return "Custom(" + name + ")";
    }
}
