package io.fluxgate;

import io.fluxgate.listeners.Listener;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Delivers one breaker's signals and reconfigurations to its listeners in order without holding any lock. The queue
 * is the chain of {@link Stay}s itself: each published stay carries its event and is linked from the stay it left, so
 * whichever thread holds the delivery turn walks the chain from the last stay delivered. A listener that causes
 * another transition (e.g. calls {@code reset()}) extends the chain, and the same walk delivers it next.
 *
 * <p>Uncontended, the thread that made a transition delivers its signal before it returns. While another thread
 * holds the turn (a slow listener), a transition only extends the chain and its thread returns at once; the thread
 * holding the turn delivers it, in order, before it lets go of the turn.
 */
final class SignalDispatcher {

    private final AtomicBoolean delivering = new AtomicBoolean();
    /** The last stay whose signal was delivered; written only by the thread holding the turn. */
    private volatile Stay delivered;

    SignalDispatcher(Stay first) {
        this.delivered = first;
    }

    void drain() {
        while (delivered.successor != null) {
            if (!delivering.compareAndSet(false, true)) {
                return;
            }
            try {
                Stay next;
                while ((next = delivered.successor) != null) {
                    delivered = next;
                    deliver(next);
                }
            } finally {
                delivering.set(false);
            }
        }
    }

    /** The event that entered {@code stay}, to the listeners of the settings it runs under. */
    private static void deliver(Stay stay) {
        Signal signal = stay.signal;
        Reconfiguration reconfiguration = stay.reconfiguration;
        for (Listener listener : stay.settings.listeners) {
            try {
                if (signal != null) {
                    listener.onTransition(signal);
                } else if (reconfiguration != null) {
                    listener.onReconfigured(reconfiguration);
                }
            } catch (Throwable e) {
                UserCode.threw(e, () -> signal != null
                        ? "Listener " + listener + " of circuit breaker '" + signal.circuitName() + "' failed on "
                                + signal.oldState() + " -> " + signal.newState()
                        : "Listener " + listener + " of circuit breaker '" + reconfiguration.circuitName()
                                + "' failed on a reconfiguration");
            }
        }
    }
}
