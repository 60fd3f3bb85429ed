package io.fluxgate.expression;

import io.fluxgate.expression.Family.Component;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.BinaryOperator;

/**
 * A recursive-descent parser for one expression of one {@link Family}:
 * <pre>
 * expr   := term ('|' term)*
 * term   := factor ('&amp;' factor)*
 * factor := '~' factor | '(' expr ')' | Name '(' args? ')'
 * args   := arg (',' arg)*        arg := (name '=')? value
 * </pre>
 * A value is the trimmed text up to the next {@code ,} or {@code )}; the {@link Binder} reads it as its
 * parameter's {@link Family.Type}. The words {@code or}, {@code and} and {@code not} (any case) where a
 * component or an operator belongs get a hint to write {@code |}, {@code &} and {@code ~}. Not thread-safe; use
 * one instance per parse.
 */
final class Parser<T> {

    /** Words that people write for the operators, in lower case. */
    private static final Set<String> OPERATOR_WORDS = Set.of("or", "and", "not");

    private final String text;
    private final Family<T> family;
    private final Binder binder;
    private int pos;

    private Parser(String text, Family<T> family, TrackerContext context) {
        this.text = text;
        this.family = family;
        this.binder = new Binder(text, context);
    }

    static <T> T parse(String text, Family<T> family, TrackerContext context) {
        Objects.requireNonNull(text, "text");
        Parser<T> parser = new Parser<>(text, family, Objects.requireNonNull(context, "context"));
        parser.skipSpace();
        if (parser.atEnd()) {
            throw parser.error("missing " + family.noun() + " at column 1; expected one of " + family.names(), 1);
        }
        T result = parser.expression();
        parser.skipSpace();
        if (!parser.atEnd()) {
            throw parser.unexpected(family.and() != null ? "'&', '|' or the end" : "the end");
        }
        return result;
    }

    private T expression() {
        T left = term();
        while (skipSpace() && peek() == '|') {
            left = combine(family.or(), left, '|', false);
        }
        return left;
    }

    private T term() {
        T left = factor();
        while (skipSpace() && peek() == '&') {
            left = combine(family.and(), left, '&', true);
        }
        return left;
    }

    private T combine(BinaryOperator<T> operator, T left, char symbol, boolean term) {
        int column = column();
        if (operator == null) {
            throw error("'" + symbol + "' cannot combine " + family.plural() + " at column " + column
                    + "; expected a single " + family.noun(), column);
        }
        pos++;
        return operator.apply(left, term ? factor() : term());
    }

    private T factor() {
        skipSpace();
        if (atEnd()) {
            throw unexpected("a " + family.noun());
        }
        char c = peek();
        if (c == '~') {
            if (family.not() == null) {
                throw error("'~' (negation) applies only to trackers, not " + family.plural() + " at column "
                        + column(),
                        column());
            }
            pos++;
            return family.not().apply(factor());
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
        throw unexpected("a " + family.noun());
    }

    private T component() {
        int column = column();
        int start = pos;
        while (!atEnd() && Character.isJavaIdentifierPart(peek())) {
            pos++;
        }
        String name = text.substring(start, pos);
        Component<T> component = family.component(name);
        if (component == null) {
            String hint = OPERATOR_WORDS.contains(name.toLowerCase(Locale.ROOT)) ? "; " + operatorHint(name) : "";
            throw error("unknown " + family.noun() + " '" + name + "' at column " + column + "; expected one of "
                    + family.names() + hint, column);
        }
        skipSpace();
        if (atEnd() || peek() != '(') {
            throw error("expected '(' after '" + name + "' at column " + column(), column());
        }
        pos++;
        Arguments arguments = binder.bind(component, column, arguments(component));
        try {
            return component.factory().apply(arguments);
        } catch (ExpressionException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ExpressionException(e.getMessage() + " (at column " + column + ")", text, column, e);
        }
    }

    /** Reads the arguments after the opening parenthesis, up to and including the closing one. */
    private List<Binder.Written> arguments(Component<T> component) {
        List<Binder.Written> arguments = new ArrayList<>();
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
            arguments.add(new Binder.Written(name, nameColumn, value, valueColumn));
            if (text.charAt(pos++) == ')') {
                return arguments;
            }
        }
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
        String word = operatorWord();
        if (word != null) {
            return error("unexpected '" + word + "' at column " + column() + "; expected " + expected + "; "
                    + operatorHint(word), column());
        }
        String found = atEnd() ? "end of input" : "'" + peek() + "'";
        return error("unexpected " + found + " at column " + column() + "; expected " + expected, column());
    }

    /** The word {@code or}, {@code and} or {@code not} (any case) as written at the position, or {@code null}. */
    private String operatorWord() {
        int end = pos;
        while (end < text.length() && Character.isJavaIdentifierPart(text.charAt(end))) {
            end++;
        }
        String word = text.substring(pos, end);
        return OPERATOR_WORDS.contains(word.toLowerCase(Locale.ROOT)) ? word : null;
    }

    /** How this family writes what the word ({@code or}, {@code and} or {@code not}) means. */
    private String operatorHint(String word) {
        if (family.and() == null) {
            return family.plural() + " are not combined: write a single " + family.noun();
        }
        if (family.not() == null) {
            return word.equalsIgnoreCase("not") ? family.plural() + " cannot be negated (~ is only for trackers)"
                    : "use | for or and & for and";
        }
        return "use |, & and ~ for or, and, not";
    }

    private ExpressionException error(String message, int column) {
        return new ExpressionException(message, text, column, null);
    }

}
