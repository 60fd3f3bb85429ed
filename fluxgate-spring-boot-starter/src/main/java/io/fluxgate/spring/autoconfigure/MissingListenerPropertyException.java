package io.fluxgate.spring.autoconfigure;

/**
 * A listener named in a {@code listeners} property needs a property that is not set, such as
 * {@code fluxgate.slack.token} for {@code slack}. {@link MissingListenerPropertyFailureAnalyzer} explains it at
 * start-up.
 */
final class MissingListenerPropertyException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String listener;
    private final String usedBy;
    private final String property;

    MissingListenerPropertyException(String listener, String usedBy, String property) {
        super("The '" + listener + "' listener named by " + usedBy + " needs " + property + ", which is not set");
        this.listener = listener;
        this.usedBy = usedBy;
        this.property = property;
    }

    /** The listener's name, e.g. {@code slack}. */
    String listener() {
        return listener;
    }

    /** The property that names the listener, e.g. {@code fluxgate.breakers.payment_api.listeners[0]}. */
    String usedBy() {
        return usedBy;
    }

    /** The missing property, e.g. {@code fluxgate.slack.token}. */
    String property() {
        return property;
    }
}
