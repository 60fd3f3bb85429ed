package io.fluxgate.redis;

import io.fluxgate.Signal;
import io.fluxgate.listeners.Listener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The listener that hands transitions to the fleet: on the thread that made the transition it only keeps the
 * breaker's latest signal, one entry per breaker, and wakes the publisher. Nothing here waits for or touches
 * Redis; a publisher that falls behind finds only the newest signal of each breaker. The listener hears the
 * breakers of keyed families' keys too, which come and go and are not the fleet's; each heartbeat keeps only the
 * registry's breakers ({@link #retain}), so key churn cannot grow these maps.
 */
final class FleetTransitions implements Listener {

    private final Map<String, Signal> pending = new ConcurrentHashMap<>();
    private final Map<String, Signal> latest = new ConcurrentHashMap<>();
    private volatile Runnable wakeUp = () -> { };

    @Override
    public void onTransition(Signal signal) {
        latest.put(signal.circuitName(), signal);
        pending.put(signal.circuitName(), signal);
        wakeUp.run();
    }

    void onPending(Runnable wakeUp) {
        this.wakeUp = wakeUp;
    }

    /** The newest signal of each breaker since the last call, removed from the pending ones. */
    List<Signal> drain() {
        List<Signal> drained = new ArrayList<>(pending.size());
        for (String name : pending.keySet()) {
            Signal signal = pending.remove(name);
            if (signal != null) {
                drained.add(signal);
            }
        }
        return drained;
    }

    /** Forgets every breaker not named in {@code names}. */
    void retain(Set<String> names) {
        latest.keySet().retainAll(names);
        pending.keySet().retainAll(names);
    }

    /** How many breakers have a latest signal kept. */
    int tracked() {
        return latest.size();
    }

    /** The reason of the breaker's latest transition, or {@code ""} before its first. */
    String reason(String breaker) {
        Signal signal = latest.get(breaker);
        return signal == null ? "" : signal.reason();
    }
}
