package io.fluxgate.expression;

import io.fluxgate.expression.Family.Component;
import io.fluxgate.expression.Family.Param;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Matches the written arguments of one component to its parameters and reads their values: positional in
 * order, then named in any casing; checks counts, duplicates and required parameters. Ranges are left to
 * the component's constructor.
 */
final class Binder {

    private final String text;
    private final TrackerContext context;

    Binder(String text, TrackerContext context) {
        this.text = text;
        this.context = context;
    }

    Arguments bind(Component<?> component, int column, List<Written> arguments) {
        String prefix = component.name() + ": ";
        List<Param> params = component.params();
        Map<String, Object> values = new LinkedHashMap<>();
        boolean named = false;
        int index = 0;
        for (Written argument : arguments) {
            Param param;
            if (argument.name() == null) {
                if (named) {
                    throw error(prefix + "positional argument after named ones at column " + argument.column(),
                            argument.column());
                }
                boolean variadicTail = !params.isEmpty() && params.get(params.size() - 1).variadic()
                        && index >= params.size() - 1;
                if (index >= params.size() && !variadicTail) {
                    throw error(prefix + "too many arguments at column " + argument.valueColumn() + "; expected "
                            + (params.isEmpty() ? "none" : "at most " + params.size() + " (" + component.paramNames()
                            + ")"), argument.valueColumn());
                }
                param = params.get(Math.min(index++, params.size() - 1));
            } else {
                named = true;
                param = component.param(argument.name());
                if (param == null) {
                    throw error(prefix + "unknown argument '" + argument.name() + "' at column " + argument.column()
                            + "; expected " + (params.isEmpty() ? "none" : "one of " + component.paramNames()),
                            argument.column());
                }
                if (values.containsKey(param.name())) {
                    throw error(prefix + "argument '" + param.name() + "' given twice at column " + argument.column(),
                            argument.column());
                }
            }
            Object value = read(component, param, argument);
            if (param.variadic()) {
                @SuppressWarnings("unchecked")
                List<Object> list = (List<Object>) values.computeIfAbsent(param.name(), n -> new ArrayList<>());
                list.add(value);
            } else {
                values.put(param.name(), value);
            }
        }
        for (Param param : params) {
            if (param.required() && !values.containsKey(param.name())) {
                throw error(prefix + "missing argument '" + param.name() + "' at column " + column, column);
            }
        }
        return new Arguments(values);
    }

    private Object read(Component<?> component, Param param, Written argument) {
        String value = argument.value();
        int column = argument.valueColumn();
        String what = component.name() + " " + param.name() + " must be ";
        switch (param.type()) {
            case INTEGER:
                return orFail(Arguments.integer(value), what + "a whole number", argument);
            case DECIMAL:
                return orFail(Arguments.decimal(value), what + "a number", argument);
            case DURATION:
                return orFail(Arguments.duration(value), what + "a duration such as 500ms, 1.5s, 2m, 1h or PT10S"
                        + " (a bare number means seconds)", argument);
            case THROWABLE_CLASS:
                return throwableClass(value, column);
            case BEAN:
                Predicate<Throwable> custom = context.customs().apply(value);
                if (custom == null) {
                    throw error("unknown bean '" + value + "' at column " + column
                            + "; expected the name of a Tracker or Predicate<Throwable> bean", column);
                }
                return Map.entry(value, custom);
            default:
                throw new IllegalStateException("unhandled type " + param.type());
        }
    }

    private Object orFail(Object value, String expectation, Written argument) {
        if (value == null) {
            throw error(expectation + ", got '" + argument.value() + "' at column " + argument.valueColumn(),
                    argument.valueColumn());
        }
        return value;
    }

    private Class<? extends Throwable> throwableClass(String name, int column) {
        Class<?> type;
        try {
            type = Class.forName(name, false, context.classLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            String hint = name.indexOf('.') < 0
                    ? "; expected a fully qualified name such as java.net.ConnectException" : "";
            throw new ExpressionException("unknown class '" + name + "' at column " + column + hint, text, column, e);
        }
        if (!Throwable.class.isAssignableFrom(type)) {
            throw error("'" + name + "' is not a Throwable at column " + column, column);
        }
        return type.asSubclass(Throwable.class);
    }

    private ExpressionException error(String message, int column) {
        return new ExpressionException(message, text, column, null);
    }

    /**
     * One argument as written.
     *
     * @param name        the name before {@code =}, or {@code null} for a positional argument
     * @param column      where the argument starts
     * @param value       the trimmed value text, never empty
     * @param valueColumn where the value starts
     */
    record Written(String name, int column, String value, int valueColumn) {
    }
}
