package io.fluxgate.windows;

/**
 * A window over the last {@code size} recorded calls, whenever they happened.
 *
 * <p>Its recorders are lock-free and O(1) per record and per read; each holds {@code size} slots of 8 bytes.
 * Example: {@code new CountWindow(100)}, in expressions {@code CountWindow(100)}.
 *
 * @param size how many of the most recent calls a read covers, {@code >= 1}
 */
public record CountWindow(int size) implements Window {

    /** Checks that {@code size >= 1}. */
    public CountWindow {
        if (size < 1) {
            throw new IllegalArgumentException("CountWindow size must be >= 1, got " + size);
        }
    }

    @Override
    public Recorder newRecorder() {
        return new CountRecorder(size);
    }

    /**
     * A count window ignores time.
     *
     * @return {@code false}
     */
    @Override
    public boolean usesTime() {
        return false;
    }

    /**
     * The expression form.
     *
     * @return e.g. {@code CountWindow(100)}
     */
    @Override
    public String toString() {
        return "CountWindow(" + size + ")";
    }
}
