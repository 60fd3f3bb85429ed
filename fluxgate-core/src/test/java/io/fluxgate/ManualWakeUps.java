package io.fluxgate;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Wake-ups that run only when a test fires them; keeps every request, in order. Thread-safe. */
final class ManualWakeUps implements WakeUps {

    record Request(long nanos, Runnable action) {
    }

    private final List<Request> requests = new CopyOnWriteArrayList<>();

    @Override
    public void after(long nanos, Runnable action) {
        requests.add(new Request(nanos, action));
    }

    /** The delays asked for, in order. */
    List<Long> delays() {
        return requests.stream().map(Request::nanos).toList();
    }

    void fire(int index) {
        requests.get(index).action().run();
    }

    void fireLast() {
        fire(requests.size() - 1);
    }
}
