package io.fluxgate.spring.expression;

import io.fluxgate.spring.expression.Kind.Component;
import io.fluxgate.spring.expression.Kind.Param;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BinaryOperator;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A recursive-descent parser for one expression of one {@link Kind}:
 * <pre>
 * expr   := term ('|' term)*
 * term   := factor ('&amp;' factor)*
 * factor := '~' factor | '(' expr ')' | Name '(' args? ')'
 * args   := arg (',' arg)*        arg := (name '=')? value
 * </pre>
 * A value is the trimmed text up to the next {@code ,} or {@code )}; its parameter's {@link Kind.Type} says
 * how to read it. Not thread-safe; use one instance per parse.
 */
final class Parser<T> {

    private final String text;
    private final Kind<T> kind;
    private final TrackerContext context;
    private int pos;

    private Parser(String text, Kind<T> kind, TrackerContext context) {
        this.text = text;
        this.kind = kind;
        this.context = context;
    }

    static <T> T parse(String text, Kind<T> kind, TrackerContext context) {
        Objects.requireNonNull(text, "text");
        Parser<T> parser = new Parser<>(text, kind, Objects.requireNonNull(context, "context"));
        parser.skipSpace();
        if (parser.atEnd()) {
            throw parser.error("missing " + kind.noun() + " at column 1; expected one of " + kind.names(), 1);
        }
        T result = parser.expression();
        parser.skipSpace();
        if (!parser.atEnd()) {
            throw parser.unexpected(kind.and() != null ? "'&', '|' or the end" : "the end");
        }
        return result;
    }

    private T expression() {
        T left = term();
        while (skipSpace() && peek() == '|') {
            left = combine(kind.or(), left, '|', false);
        }
        return left;
    }

    private T term() {
        T left = factor();
        while (skipSpace() && peek() == '&') {
            left = combine(kind.and(), left, '&', true);
        }
        return left;
    }

    private T combine(@Nullable BinaryOperator<T> operator, T left, char symbol, boolean term) {
        int column = column();
        if (operator == null) {
            throw error("'" + symbol + "' cannot combine " + kind.plural() + " at column " + column
                    + "; expected a single " + kind.noun(), column);
        }
        pos++;
        return operator.apply(left, term ? factor() : term());
    }

    private T factor() {
        skipSpace();
        if (atEnd()) {
            throw unexpected("a " + kind.noun());
        }
        char c = peek();
        if (c == '~') {
            if (kind.not() == null) {
                throw error("'~' (negation) applies only to trackers, not " + kind.plural() + " at column " + column(),
                        column());
            }
            pos++;
            return kind.not().apply(factor());
        }
        if (c == '(') {
            pos++;
            T inner = expression();
            skipSpace();
            expect(')');
            return inner;
        }
        if (Character.isJavaIdentifierStart(c)) {
            return component();
        }
        throw unexpected("a " + kind.noun());
    }

    private T component() {
        int column = column();
        int start = pos;
        while (!atEnd() && Character.isJavaIdentifierPart(peek())) {
            pos++;
        }
        String name = text.substring(start, pos);
        Component<T> component = kind.component(name);
        if (component == null) {
            throw error("unknown " + kind.noun() + " '" + name + "' at column " + column + "; expected one of "
                    + kind.names(), column);
        }
        skipSpace();
        if (atEnd() || peek() != '(') {
            throw error("expected '(' after '" + name + "' at column " + column(), column());
        }
        pos++;
        Arguments arguments = bind(component, column, arguments(component));
        try {
            return component.factory().apply(arguments);
        } catch (ExpressionException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ExpressionException(e.getMessage() + " (at column " + column + ")", text, column, e);
        }
    }

    /** Reads the arguments after the opening parenthesis, up to and including the closing one. */
    private List<RawArgument> arguments(Component<T> component) {
        List<RawArgument> arguments = new ArrayList<>();
        skipSpace();
        if (!atEnd() && peek() == ')') {
            pos++;
            return arguments;
        }
        while (true) {
            skipSpace();
            String name = null;
            int nameColumn = column();
            int start = pos;
            if (!atEnd() && Character.isLetter(peek())) {
                while (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '_' || peek() == '-')) {
                    pos++;
                }
                String word = text.substring(start, pos);
                if (skipSpace() && peek() == '=') {
                    name = word;
                    pos++;
                    skipSpace();
                } else {
                    pos = start;
                }
            }
            int valueColumn = column();
            while (!atEnd() && peek() != ',' && peek() != ')') {
                if ("(|&~=".indexOf(peek()) >= 0) {
                    throw unexpected("',' or ')'");
                }
                pos++;
            }
            String value = text.substring(valueColumn - 1, pos).strip();
            if (value.isEmpty()) {
                if (name != null) {
                    throw error(component.name() + ": missing value for '" + name + "' at column " + valueColumn,
                            valueColumn);
                }
                throw unexpected("an argument");
            }
            if (atEnd()) {
                throw unexpected("',' or ')'");
            }
            arguments.add(new RawArgument(name, nameColumn, value, valueColumn));
            if (text.charAt(pos++) == ')') {
                return arguments;
            }
        }
    }

    private Arguments bind(Component<T> component, int column, List<RawArgument> arguments) {
        String prefix = component.name() + ": ";
        List<Param> params = component.params();
        Map<String, Object> values = new LinkedHashMap<>();
        boolean named = false;
        int index = 0;
        for (RawArgument argument : arguments) {
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

    private Object read(Component<T> component, Param param, RawArgument argument) {
        String value = argument.value();
        int column = argument.valueColumn();
        String what = component.name() + " " + param.name() + " must be ";
        switch (param.type()) {
            case INTEGER:
                return orFail(Values.integer(value), what + "a whole number", argument);
            case DECIMAL:
                return orFail(Values.decimal(value), what + "a number", argument);
            case DURATION:
                return orFail(Values.duration(value), what + "a duration such as 500ms, 1.5s, 2m, 1h or PT10S"
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

    private Object orFail(@Nullable Object value, String expectation, RawArgument argument) {
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
            throw new ExpressionException("unknown class '" + name + "' at column " + column, text, column, e);
        }
        if (!Throwable.class.isAssignableFrom(type)) {
            throw error("'" + name + "' is not a Throwable at column " + column, column);
        }
        return type.asSubclass(Throwable.class);
    }

    private void expect(char expected) {
        if (atEnd() || peek() != expected) {
            throw unexpected("'" + expected + "'");
        }
        pos++;
    }

    /** Skips whitespace; returns whether anything is left. */
    private boolean skipSpace() {
        while (!atEnd() && Character.isWhitespace(peek())) {
            pos++;
        }
        return !atEnd();
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private char peek() {
        return text.charAt(pos);
    }

    private int column() {
        return pos + 1;
    }

    private ExpressionException unexpected(String expected) {
        String found = atEnd() ? "end of input" : "'" + peek() + "'";
        return error("unexpected " + found + " at column " + column() + "; expected " + expected, column());
    }

    private ExpressionException error(String message, int column) {
        return new ExpressionException(message, text, column, null);
    }

    private record RawArgument(@Nullable String name, int column, String value, int valueColumn) {
    }
}
