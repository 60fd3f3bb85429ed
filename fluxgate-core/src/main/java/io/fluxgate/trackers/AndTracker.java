package io.fluxgate.trackers;

/** {@code left & right}: both accept; short-circuits left to right. */
record AndTracker(Tracker left, Tracker right) implements Tracker {

    @Override
    public boolean test(Throwable error) {
        return left.test(error) && right.test(error);
    }

    @Override
    public String toString() {
        String l = left instanceof OrTracker ? "(" + left + ")" : left.toString();
        String r = right instanceof OrTracker || right instanceof AndTracker ? "(" + right + ")" : right.toString();
        return l + " & " + r;
    }
}
