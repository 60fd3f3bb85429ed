/**
 * Fluxgate's core: the breaker, its component families, the log listener, the registry and the expression language.
 * Only the API packages are exported; the engine and {@code io.fluxgate.internal} are not.
 */
module io.fluxgate.core {
    exports io.fluxgate;
    exports io.fluxgate.windows;
    exports io.fluxgate.trackers;
    exports io.fluxgate.trippers;
    exports io.fluxgate.retries;
    exports io.fluxgate.permits;
    exports io.fluxgate.listeners;
    exports io.fluxgate.expression;
}
