package io.fluxgate.slack;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs tasks one at a time, in submission order, on any executor, even a multi-threaded one: each task
 * happens-before the next. Submitting never blocks and takes no lock, so it is safe on a virtual thread.
 */
final class SerialExecutor implements Executor {

    private final Executor delegate;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    SerialExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    /**
     * Queues {@code task} and makes sure a drain is scheduled on the delegate.
     *
     * @throws RuntimeException what the delegate threw when it refused the drain; {@code task} is then not queued
     */
    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (scheduled.compareAndSet(false, true)) {
            try {
                delegate.execute(this::drain);
            } catch (RuntimeException ex) {
                scheduled.set(false);
                tasks.remove(task);
                throw ex;
            }
        }
    }

    /** Tasks queued and not started yet. */
    int pending() {
        return tasks.size();
    }

    private void drain() {
        try {
            for (;;) {
                Runnable task = tasks.poll();
                if (task == null) {
                    scheduled.set(false);
                    // A task queued between poll() and set(false) saw us scheduled and relies on this drain.
                    if (tasks.isEmpty() || !scheduled.compareAndSet(false, true)) {
                        return;
                    }
                    continue;
                }
                task.run();
                if (Thread.currentThread().isInterrupted()) {
                    // Shutting down: leave the rest queued; the next execute() schedules a new drain.
                    scheduled.set(false);
                    return;
                }
            }
        } catch (RuntimeException | Error ex) {
            scheduled.set(false);
            throw ex;
        }
    }
}
