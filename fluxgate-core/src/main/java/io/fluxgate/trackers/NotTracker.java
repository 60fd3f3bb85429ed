package io.fluxgate.trackers;

import java.util.Objects;

/** {@code ~tracker}: accepts what {@code tracker} rejects. */
record NotTracker(Tracker tracker) implements Tracker {

    NotTracker {
        Objects.requireNonNull(tracker, "tracker");
    }

    @Override
    public boolean test(Throwable error) {
        return !tracker.test(error);
    }

    @Override
    public String toString() {
        return tracker instanceof AndTracker || tracker instanceof OrTracker ? "~(" + tracker + ")" : "~" + tracker;
    }
}
