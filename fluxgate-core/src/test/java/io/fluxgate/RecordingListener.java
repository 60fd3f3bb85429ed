package io.fluxgate;

import io.fluxgate.listeners.Listener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every signal it hears, in order. */
final class RecordingListener implements Listener {

    final List<Signal> signals = new CopyOnWriteArrayList<>();

    @Override
    public void onTransition(Signal signal) {
        signals.add(signal);
    }

    List<String> transitions() {
        return signals.stream().map(s -> s.oldState() + "->" + s.newState()).toList();
    }

    Signal last() {
        return signals.get(signals.size() - 1);
    }
}
