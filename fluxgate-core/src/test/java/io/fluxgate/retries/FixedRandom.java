package io.fluxgate.retries;

import java.util.random.RandomGenerator;

/** A generator whose every {@code nextDouble()} is one chosen value in {@code [0, 1)}. */
record FixedRandom(double next) implements RandomGenerator {

    static final FixedRandom LOWEST = new FixedRandom(0);
    static final FixedRandom HIGHEST = new FixedRandom(Math.nextDown(1.0));

    @Override
    public long nextLong() {
        throw new UnsupportedOperationException("only nextDouble() is stubbed");
    }

    @Override
    public double nextDouble() {
        return next;
    }
}
