package io.fluxgate.spring.expression;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The read argument values of one component, by canonical parameter name; a variadic parameter holds a
 * {@link List}.
 */
final class Arguments {

    private final Map<String, Object> values;

    Arguments(Map<String, Object> values) {
        this.values = values;
    }

    @SuppressWarnings("unchecked")
    <V> V get(String name) {
        Object value = values.get(name);
        if (value == null) {
            throw new IllegalStateException("no argument '" + name + "'; the parser checks required ones");
        }
        return (V) value;
    }

    @SuppressWarnings("unchecked")
    <V> @Nullable V find(String name) {
        return (V) values.get(name);
    }

    <V> List<V> list(String name) {
        List<V> list = find(name);
        return list == null ? List.of() : list;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }
}
