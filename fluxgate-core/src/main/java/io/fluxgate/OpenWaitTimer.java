package io.fluxgate;

import java.util.concurrent.Future;

/**
 * Tells an OPEN stay when its wait may be over. An OPEN breaker on {@link Ticker#system()} asks for one wake-up per
 * OPEN stay, so that the calls it rejects until then need not read the clock; the wake-up only marks the stay, it
 * never moves the breaker (the next call does). A stay that ends first cancels its wake-up. Tests pass their own
 * timer and fire the actions by hand.
 */
@FunctionalInterface
interface OpenWaitTimer {

    /**
     * Schedules {@code action} to run once, no earlier than {@code nanos} from now.
     *
     * @param nanos  the delay, {@code > 0}
     * @param action what to run; tiny, it runs on the timer's thread
     * @return the pending action, to cancel when it is no longer needed
     */
    Future<?> after(long nanos, Runnable action);

    /**
     * The timer that keeps time with {@code ticker}: {@link SharedOpenWaitTimer#INSTANCE} for {@link Ticker#system()},
     * none for any other ticker, whose time only the ticker itself can tell.
     *
     * @param ticker a breaker's ticker
     * @return the timer, or {@code null} when every OPEN call must read the ticker
     */
    static OpenWaitTimer keepingTimeWith(Ticker ticker) {
        return ticker == Ticker.system() ? SharedOpenWaitTimer.INSTANCE : null;
    }
}
