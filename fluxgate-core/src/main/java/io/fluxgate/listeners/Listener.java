package io.fluxgate.listeners;

import io.fluxgate.Reconfiguration;
import io.fluxgate.Signal;

/**
 * Receives every state transition of the breakers it is attached to.
 *
 * <p>Called once per signal, in registration order, after the state has changed and outside any lock of the
 * call path; per breaker, signals arrive in transition order. A listener may call back into the breaker.
 * Exceptions it throws are logged and swallowed. A listener that does I/O must hand it to its own executor:
 * it runs on the thread that caused the transition.
 */
@FunctionalInterface
public interface Listener {

    /**
     * Handles one transition.
     *
     * @param signal what changed
     */
    void onTransition(Signal signal);

    /**
     * Called once for each breaker built with this listener, before that breaker can transition; does nothing
     * unless overridden. A listener that keeps something per breaker (a history, a metric) can prepare it here and
     * tell which breakers it hears.
     *
     * @param circuitName the breaker's name
     */
    default void attached(String circuitName) {
    }

    /**
     * Handles a change of configuration of a breaker built or reconfigured with this listener; does nothing unless
     * overridden. Delivered like signals: after the change, outside any lock, in order with the breaker's
     * transitions, to the listeners of the new configuration.
     *
     * @param reconfiguration what changed
     */
    default void onReconfigured(Reconfiguration reconfiguration) {
    }
}
