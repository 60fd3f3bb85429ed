package io.fluxgate;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;

/** A timer whose wake-ups run only when a test fires them; keeps every request, in order. Thread-safe. */
final class ManualTimer implements OpenWaitTimer {

    record Request(long nanos, Runnable action, CompletableFuture<Void> handle) {
    }

    private final List<Request> requests = new CopyOnWriteArrayList<>();

    @Override
    public Future<?> after(long nanos, Runnable action) {
        CompletableFuture<Void> handle = new CompletableFuture<>();
        requests.add(new Request(nanos, action, handle));
        return handle;
    }

    /** The delays asked for, in order. */
    List<Long> delays() {
        return requests.stream().map(Request::nanos).toList();
    }

    /** Whether the request at {@code index} was cancelled. */
    boolean cancelled(int index) {
        return requests.get(index).handle().isCancelled();
    }

    void fire(int index) {
        requests.get(index).action().run();
    }

    void fireLast() {
        fire(requests.size() - 1);
    }
}
