package io.fluxgate;

import java.util.function.Consumer;

/**
 * Runs what it is given. {@link SharedOpenWaitTimerTests} defines this class again in a throwaway class loader, so
 * that a frame of that loader is on the stack, as an application's frame is, when the timer's thread is created.
 */
public final class ThrowawayCaller implements Consumer<Runnable> {

    @Override
    public void accept(Runnable action) {
        action.run();
    }
}
