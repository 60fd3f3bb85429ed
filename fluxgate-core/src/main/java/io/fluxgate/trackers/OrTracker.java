package io.fluxgate.trackers;

/** {@code left | right}: either accepts; short-circuits left to right. */
record OrTracker(Tracker left, Tracker right) implements Tracker {

    @Override
    public boolean test(Throwable error) {
        return left.test(error) || right.test(error);
    }

    /** Parenthesises a right-hand {@code |} only, so the text parses (left-associatively) to an equal value. */
    @Override
    public String toString() {
        return left + " | " + (right instanceof OrTracker ? "(" + right + ")" : right.toString());
    }
}
