package io.fluxgate.permits;

import java.util.random.RandomGenerator;

/** A generator whose every {@code nextDouble()} is one chosen value in {@code [0, 1)}. */
record FixedRandom(double next) implements RandomGenerator {

    @Override
    public long nextLong() {
        throw new UnsupportedOperationException("only nextDouble() is stubbed");
    }

    @Override
    public double nextDouble() {
        return next;
    }
}
