package io.fluxgate.spring.autoconfigure;

/**
 * A listener named in a {@code listeners} property lives in a module that is not on the class path, such as
 * {@code io.fluxgate:fluxgate-slack} for {@code slack}. {@link MissingListenerModuleFailureAnalyzer} explains it at
 * start-up.
 */
final class MissingListenerModuleException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String listener;
    private final String usedBy;
    private final String module;

    MissingListenerModuleException(String listener, String usedBy, String module) {
        super("The '" + listener + "' listener named by " + usedBy + " needs " + module
                + ", which is not on the class path: add " + module + ", or remove '" + listener + "' from "
                + usedBy);
        this.listener = listener;
        this.usedBy = usedBy;
        this.module = module;
    }

    /** The listener's name, e.g. {@code slack}. */
    String listener() {
        return listener;
    }

    /** The property that names the listener, e.g. {@code fluxgate.breakers.payment_api.listeners}. */
    String usedBy() {
        return usedBy;
    }

    /** The missing module as Maven coordinates, e.g. {@code io.fluxgate:fluxgate-slack}. */
    String module() {
        return module;
    }
}
