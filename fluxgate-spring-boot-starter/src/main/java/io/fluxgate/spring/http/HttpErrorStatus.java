package io.fluxgate.spring.http;

/**
 * A response whose status counts as a failure (by default every 5xx), as the breaker's tracker sees it: the HTTP
 * interceptor and filter offer it to the tracker in place of an exception, and never throw it. The caller still
 * gets the response, and {@code RestClient}'s status handler throws for it as usual. A tracker decides whether it
 * is a failure like any exception: {@code All()} counts it, {@code ~TypeOf(io.fluxgate.spring.http.HttpErrorStatus)}
 * does not, and a {@code Custom} tracker can read {@link #statusCode()} (count 503 but not 501).
 *
 * <p>Cheap: no stack trace, no cause. Immutable.
 */
public final class HttpErrorStatus extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The response's status code. */
    private final int statusCode;

    /**
     * Describes a status.
     *
     * @param statusCode the response's status code, e.g. 503
     */
    public HttpErrorStatus(int statusCode) {
        super("HTTP status " + statusCode, null, false, false);
        this.statusCode = statusCode;
    }

    /**
     * The response's status code.
     *
     * @return e.g. 503
     */
    public int statusCode() {
        return statusCode;
    }
}
