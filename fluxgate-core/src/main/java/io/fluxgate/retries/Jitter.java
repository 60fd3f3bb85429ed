package io.fluxgate.retries;

import io.fluxgate.internal.Durations;
import java.time.Duration;
import java.util.random.RandomGenerator;

/** Arithmetic shared by the waiting retries; saturates below {@link Retry#NEVER} instead of overflowing. */
final class Jitter {

    static final long MAX_WAIT_NANOS = Retry.NEVER - 1;

    private Jitter() {
    }

    static long toNanos(Duration duration) {
        return duration.compareTo(Duration.ofNanos(MAX_WAIT_NANOS)) >= 0 ? MAX_WAIT_NANOS : duration.toNanos();
    }

    /** {@code nanos × (1 + u)}, {@code u} uniform in {@code [-ratio, ratio)}; no draw when ratio is 0. */
    static long apply(long nanos, double ratio, RandomGenerator random) {
        if (ratio == 0) {
            return nanos;
        }
        double jittered = nanos * (1 + random.nextDouble(-ratio, ratio));
        return jittered >= MAX_WAIT_NANOS ? MAX_WAIT_NANOS : (long) jittered;
    }

    static void checkRatio(String component, double jitterRatio) {
        if (!(jitterRatio >= 0 && jitterRatio < 1)) {
            throw new IllegalArgumentException(component + " jitterRatio must be in [0, 1), got " + jitterRatio);
        }
    }

    static void checkPositive(String component, String parameter, Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(component + " " + parameter + " must be > 0, got "
                    + Durations.format(duration));
        }
    }
}
