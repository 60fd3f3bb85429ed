package io.fluxgate.internal;

import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * The randomised components' default source: every draw comes from {@link ThreadLocalRandom#current()} of
 * the drawing thread, looked up at the draw. Looking it up is what seeds a thread that never used
 * {@code ThreadLocalRandom} from the JVM's own seed; drawing from an instance obtained on another thread would
 * use the drawing thread's unseeded state, the same in every JVM, so breakers that open together in replicas
 * of a service would wait and probe in lock-step. Stateless and thread-safe. Not API.
 */
public final class ThreadLocalDraws implements RandomGenerator {

    /** The one instance. */
    public static final ThreadLocalDraws INSTANCE = new ThreadLocalDraws();

    private ThreadLocalDraws() {
    }

    @Override
    public long nextLong() {
        return ThreadLocalRandom.current().nextLong();
    }

    @Override
    public double nextDouble() {
        return ThreadLocalRandom.current().nextDouble();
    }

    @Override
    public double nextDouble(double origin, double bound) {
        return ThreadLocalRandom.current().nextDouble(origin, bound);
    }

    /**
     * Names the source for debugging.
     *
     * @return {@code ThreadLocalDraws}
     */
    @Override
    public String toString() {
        return "ThreadLocalDraws";
    }
}
