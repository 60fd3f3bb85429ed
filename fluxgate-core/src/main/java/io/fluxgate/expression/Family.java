package io.fluxgate.expression;

import java.util.List;
import java.util.Locale;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * One family of components (windows, trackers, ...): its built-in components and which operators combine
 * them. A {@code null} operator is not allowed in that family's expressions.
 *
 * @param role       the interface every member implements ({@code Tripper.class})
 * @param noun       singular, for messages ({@code tripper})
 * @param plural     plural, for messages ({@code trippers})
 * @param components the built-ins, in the order messages list them
 * @param and        {@code &}, or {@code null}
 * @param or         {@code |}, or {@code null}
 * @param not        {@code ~}, or {@code null}
 * @param <T>        the role interface
 */
record Family<T>(Class<T> role, String noun, String plural, List<Component<T>> components, BinaryOperator<T> and,
        BinaryOperator<T> or, UnaryOperator<T> not) {

    Family {
        components = List.copyOf(components);
    }

    /** The built-in component of that name, or {@code null}. */
    Component<T> component(String name) {
        return components.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    String names() {
        return components.stream().map(Component::name).collect(Collectors.joining(", "));
    }

    /**
     * A built-in component and how to construct it from its arguments.
     *
     * @param name    its class's simple name, as written in expressions
     * @param params  its parameters in positional order
     * @param factory calls the component's constructor; may throw {@link IllegalArgumentException}
     * @param <T>     the role interface
     */
    record Component<T>(String name, List<Param> params, Function<Arguments, T> factory) {

        Component {
            params = List.copyOf(params);
        }

        /** The parameter of that name in any casing, or {@code null}. */
        Param param(String writtenName) {
            String canonical = Param.canonical(writtenName);
            return params.stream()
                    .filter(p -> p.name().equals(canonical) || p.aliases().contains(canonical))
                    .findFirst().orElse(null);
        }

        String paramNames() {
            return params.isEmpty() ? "none" : params.stream().map(Param::describe).collect(Collectors.joining(", "));
        }
    }

    /**
     * A parameter of a built-in component.
     *
     * @param name     canonical snake_case name
     * @param aliases  other accepted snake_case names
     * @param type     how its value is read
     * @param required whether it must be given
     * @param variadic whether it takes every remaining positional argument (last parameter only)
     */
    record Param(String name, List<String> aliases, Type type, boolean required, boolean variadic) {

        static Param required(String name, Type type) {
            return new Param(name, List.of(), type, true, false);
        }

        static Param optional(String name, Type type) {
            return new Param(name, List.of(), type, false, false);
        }

        static Param variadic(String name, Type type) {
            return new Param(name, List.of(), type, false, true);
        }

        Param alias(String alias) {
            return new Param(name, List.of(alias), type, required, variadic);
        }

        /** {@code max_duration}, {@code maxDuration} and {@code max-duration} all become {@code max_duration}. */
        static String canonical(String writtenName) {
            StringBuilder result = new StringBuilder(writtenName.length() + 4);
            for (char c : writtenName.toCharArray()) {
                if (c == '-') {
                    result.append('_');
                } else if (Character.isUpperCase(c)) {
                    result.append('_').append(Character.toLowerCase(c));
                } else {
                    result.append(c);
                }
            }
            return result.toString().toLowerCase(Locale.ROOT);
        }

        private String describe() {
            return aliases.isEmpty() ? name : name + " (or " + String.join(", ", aliases) + ")";
        }
    }

    /** How an argument's text is read. */
    enum Type {
        INTEGER, DECIMAL, DURATION, THROWABLE_CLASS, BEAN
    }
}
