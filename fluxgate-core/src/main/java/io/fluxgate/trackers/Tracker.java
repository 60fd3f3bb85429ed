package io.fluxgate.trackers;

import java.util.Objects;

/**
 * Decides which exceptions count as failures. A call that throws something the tracker rejects is not
 * tracked: the exception is rethrown and nothing is recorded.
 *
 * <p>Compose like {@link java.util.function.Predicate}:
 * {@code new TypeOf(ConnectException.class).or(new TypeOf(HttpTimeoutException.class))}.
 */
@FunctionalInterface
public interface Tracker {

    /**
     * Whether a thrown exception counts as a failure.
     *
     * @param error what the call threw
     * @return {@code true} to record a failure
     */
    boolean test(Throwable error);

    /**
     * Both trackers accept (short-circuits left to right).
     *
     * @param other the right-hand tracker
     * @return {@code this & other}
     */
    default Tracker and(Tracker other) {
        return new AndTracker(this, Objects.requireNonNull(other, "other"));
    }

    /**
     * Either tracker accepts (short-circuits left to right).
     *
     * @param other the right-hand tracker
     * @return {@code this | other}
     */
    default Tracker or(Tracker other) {
        return new OrTracker(this, Objects.requireNonNull(other, "other"));
    }

    /**
     * Accepts what this tracker rejects.
     *
     * @return {@code ~this}
     */
    default Tracker negate() {
        return new NotTracker(this);
    }
}
