package io.fluxgate;

import java.security.AccessController;
import java.security.PrivilegedAction;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The library's own OPEN-wait timer: one daemon thread, {@code fluxgate-open-wait}, that exists only while a wake-up
 * is pending (it ends {@link #IDLE_SECONDS} after the last one ran or was cancelled, and the next wake-up starts a new
 * one). Cancelled wake-ups leave the queue at once, so a breaker that trips and resets in a loop queues nothing.
 *
 * <p>The thread must pin nothing of whoever first needed it. A thread keeps its creator's context class loader and,
 * on JDK 17 to 23, the access-control context of its creator's stack, whose protection domains hold the class loaders
 * of every class on that stack: a web application's, or Spring Boot DevTools' restart loader, would then live as long
 * as the thread. So the thread is created inside {@code doPrivileged} (its inherited context is this class's alone)
 * with the system class loader as its context loader.
 */
final class SharedOpenWaitTimer implements OpenWaitTimer {

    /** Seconds the thread waits for more wake-ups before it ends. */
    static final long IDLE_SECONDS = 10;

    static final SharedOpenWaitTimer INSTANCE = new SharedOpenWaitTimer();

    private final ScheduledThreadPoolExecutor executor;

    SharedOpenWaitTimer() {
        executor = new ScheduledThreadPoolExecutor(1, SharedOpenWaitTimer::newThread);
        executor.setRemoveOnCancelPolicy(true);
        executor.setKeepAliveTime(IDLE_SECONDS, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public Future<?> after(long nanos, Runnable action) {
        return executor.schedule(action, nanos, TimeUnit.NANOSECONDS);
    }

    /** How many wake-ups are pending, for tests. */
    int pending() {
        return executor.getQueue().size();
    }

    /** Stops the timer, for tests that made their own. */
    void shutdownNow() {
        executor.shutdownNow();
    }

    /** Whether the timer's thread is running, for tests. */
    boolean threadRunning() {
        return executor.getPoolSize() > 0;
    }

    @SuppressWarnings("removal")
    private static Thread newThread(Runnable worker) {
        return AccessController.doPrivileged((PrivilegedAction<Thread>) () -> {
            Thread thread = new Thread(null, worker, "fluxgate-open-wait", 0, false);
            thread.setDaemon(true);
            thread.setContextClassLoader(ClassLoader.getSystemClassLoader());
            return thread;
        });
    }
}
