package io.fluxgate;

import io.fluxgate.listeners.Listener;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Delivers one breaker's signals to its listeners in transition order without holding any lock: signals are
 * queued in order under the transition lock, and whichever thread holds the delivery turn drains the queue.
 * A listener that causes another transition (e.g. calls {@code reset()}) queues it, and the same drain
 * delivers it next. A thread that finds the turn taken returns at once: its signal is delivered by the thread
 * holding the turn, after the signals queued before it, and never waits for a slow listener.
 */
final class SignalDispatcher {

    private static final System.Logger LOG = System.getLogger("io.fluxgate");

    private final List<Listener> listeners;
    private final ConcurrentLinkedQueue<Signal> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean delivering = new AtomicBoolean();

    SignalDispatcher(List<Listener> listeners) {
        this.listeners = listeners;
    }

    void enqueue(Signal signal) {
        queue.add(signal);
    }

    void drain() {
        while (!queue.isEmpty()) {
            if (!delivering.compareAndSet(false, true)) {
                return;
            }
            try {
                Signal signal;
                while ((signal = queue.poll()) != null) {
                    deliver(signal);
                }
            } finally {
                delivering.set(false);
            }
        }
    }

    private void deliver(Signal signal) {
        for (Listener listener : listeners) {
            try {
                listener.onTransition(signal);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                LOG.log(Level.WARNING, () -> "Listener " + listener + " of circuit breaker '" + signal.circuitName()
                        + "' failed on " + signal.oldState() + " -> " + signal.newState(), e);
            }
        }
    }
}
