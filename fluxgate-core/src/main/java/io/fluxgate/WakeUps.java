package io.fluxgate;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs an action once, a given time from now. An OPEN breaker on {@link Ticker#system()} asks for one wake-up
 * per OPEN stay to learn when its wait may be over, so that the calls it rejects until then need not read the
 * clock. Tests pass their own and fire the actions by hand.
 */
@FunctionalInterface
interface WakeUps {

    /**
     * The JDK's shared delay scheduler, the one behind {@code CompletableFuture.orTimeout}: a daemon thread that
     * is not ours to start or stop. It waits on {@link System#nanoTime()}, the clock of {@link Ticker#system()},
     * so when an action runs the wait it was asked for has passed on the breaker's ticker too. Actions run on
     * that thread and must be tiny.
     *
     * <p>The JDK starts that thread on first use, and it keeps the context class loader of the thread that used
     * it first; scheduling with the system class loader as the caller's context keeps an application's loader
     * (a web application's, or Spring Boot DevTools' restart loader) from living as long as the JVM.
     */
    WakeUps JDK = (nanos, action) -> {
        Thread caller = Thread.currentThread();
        ClassLoader callerLoader = caller.getContextClassLoader();
        caller.setContextClassLoader(ClassLoader.getSystemClassLoader());
        try {
            CompletableFuture.delayedExecutor(nanos, TimeUnit.NANOSECONDS, Runnable::run).execute(action);
        } finally {
            caller.setContextClassLoader(callerLoader);
        }
    };

    /**
     * Schedules {@code action} to run once, no earlier than {@code nanos} from now.
     *
     * @param nanos  the delay, {@code > 0}
     * @param action what to run
     */
    void after(long nanos, Runnable action);

    /**
     * The wake-ups that keep time with {@code ticker}: {@link #JDK} for {@link Ticker#system()}, none for any
     * other ticker, whose time only the ticker itself can tell.
     *
     * @param ticker a breaker's ticker
     * @return the wake-ups, or {@code null} when every OPEN call must read the ticker
     */
    static WakeUps keepingTimeWith(Ticker ticker) {
        return ticker == Ticker.system() ? JDK : null;
    }
}
