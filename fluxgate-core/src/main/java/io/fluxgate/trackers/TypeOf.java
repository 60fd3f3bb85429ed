package io.fluxgate.trackers;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Counts an exception as a failure when it is an instance of one of the given types (subclasses included).
 * Example: {@code new TypeOf(ConnectException.class, HttpTimeoutException.class)}, in expressions
 * {@code TypeOf(java.net.ConnectException, java.net.http.HttpTimeoutException)}.
 *
 * @param types the accepted types, at least one, no nulls; an unmodifiable copy
 */
public record TypeOf(List<Class<? extends Throwable>> types) implements Tracker {

    /**
     * Checks that {@code types} is not empty and holds no null, and copies it.
     *
     * @param types the accepted types, at least one, no nulls; an unmodifiable copy
     */
    public TypeOf {
        Objects.requireNonNull(types, "types");
        if (types.isEmpty()) {
            throw new IllegalArgumentException("TypeOf types must name at least one exception type, got none");
        }
        for (int i = 0; i < types.size(); i++) {
            Objects.requireNonNull(types.get(i), "types[" + i + "]");
        }
        types = List.copyOf(types);
    }

    /**
     * Accepts instances of any of the given types.
     *
     * @param types the accepted types, at least one, no nulls
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read, then copied
    public TypeOf(Class<? extends Throwable>... types) {
        this(types == null ? null : Arrays.asList(types));
    }

    @Override
    public boolean test(Throwable error) {
        // By index: an iterator is allocated on every failed call where the list's class varies (List.of).
        for (int i = 0; i < types.size(); i++) {
            if (types.get(i).isInstance(error)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The expression form, with binary class names.
     *
     * @return e.g. {@code TypeOf(java.net.ConnectException, java.io.IOException)}
     */
    @Override
    public String toString() {
        return types.stream().map(Class::getName).collect(Collectors.joining(", ", "TypeOf(", ")"));
    }
}
