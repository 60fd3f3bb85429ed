package io.fluxgate.expression;


/**
 * A component expression that cannot be parsed or that names invalid arguments.
 *
 * <p>The message says what is wrong, where, and what was expected, and reads well after a property path:
 * <pre>
 * fluxgate.breakers.payment_api.tripper: unknown tripper 'FailRate' at column 1; expected one of Closed, ...
 * fluxgate.breakers.payment_api.tripper: FailureRate ratio must be in (0, 1], got 1.5 (at column 1)
 * </pre>
 * When a component's constructor rejected an argument, its {@link IllegalArgumentException} is the
 * {@linkplain #getCause() cause} and its message is kept intact.
 */
public final class ExpressionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The expression that did not parse. */
    private final String text;

    /** The 1-based column where parsing stopped. */
    private final int column;

    ExpressionException(String message, String text, int column, Throwable cause) {
        super(message, cause);
        this.text = text;
        this.column = column;
    }

    /**
     * The expression that failed, exactly as given.
     *
     * @return the whole expression text
     */
    public String text() {
        return text;
    }

    /**
     * Where the problem is.
     *
     * @return the 1-based column in {@link #text()}; {@code text().length() + 1} when the text ended too early
     */
    public int column() {
        return column;
    }
}
