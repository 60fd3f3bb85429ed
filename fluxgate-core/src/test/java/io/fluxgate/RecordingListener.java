package io.fluxgate;

import io.fluxgate.listeners.Listener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every signal and reconfiguration it hears, in order. */
final class RecordingListener implements Listener {

    final List<Signal> signals = new CopyOnWriteArrayList<>();
    final List<Reconfiguration> reconfigurations = new CopyOnWriteArrayList<>();
    /** Signals and reconfigurations in the order they arrived, as text. */
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void onTransition(Signal signal) {
        signals.add(signal);
        events.add(signal.oldState() + "->" + signal.newState());
    }

    @Override
    public void onReconfigured(Reconfiguration reconfiguration) {
        reconfigurations.add(reconfiguration);
        events.add("reconfigured in " + reconfiguration.state());
    }

    List<String> transitions() {
        return signals.stream().map(s -> s.oldState() + "->" + s.newState()).toList();
    }

    Signal last() {
        return signals.get(signals.size() - 1);
    }
}
