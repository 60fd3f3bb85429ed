package io.fluxgate.trackers;

/**
 * Counts every {@link Exception} as a failure, checked or unchecked; {@link Error}s are not tracked. The
 * default tracker. In expressions: {@code All()}.
 */
public record All() implements Tracker {

    @Override
    public boolean test(Throwable error) {
        return error instanceof Exception;
    }

    /**
     * The expression form.
     *
     * @return {@code All()}
     */
    @Override
    public String toString() {
        return "All()";
    }
}
