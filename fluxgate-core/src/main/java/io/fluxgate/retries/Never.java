package io.fluxgate.retries;

/**
 * Keeps an open breaker open until manual control ({@code reset()}) closes it. In expressions:
 * {@code Never()}.
 */
public record Never() implements Retry {

    /**
     * Never ends the wait.
     *
     * @param reopens ignored
     * @return {@link Retry#NEVER}
     */
    @Override
    public long waitNanos(int reopens) {
        return NEVER;
    }

    /**
     * The expression form.
     *
     * @return {@code Never()}
     */
    @Override
    public String toString() {
        return "Never()";
    }
}
