package io.fluxgate.retries;

/**
 * Lets the next call after opening through as a probe, without waiting. In expressions: {@code Always()}.
 */
public record Always() implements Retry {

    /**
     * No wait.
     *
     * @param reopens ignored
     * @return {@code 0}
     */
    @Override
    public long waitNanos(int reopens) {
        return 0;
    }

    /**
     * The expression form.
     *
     * @return {@code Always()}
     */
    @Override
    public String toString() {
        return "Always()";
    }
}
