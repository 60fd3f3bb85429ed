package io.fluxgate.spring.http;

import io.fluxgate.CallNotPermittedException;
import io.fluxgate.CircuitBreaker;
import io.fluxgate.KeyedCircuitBreaker;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Guards each request of a {@code RestClient} or {@code RestTemplate} with the breaker of its key in a keyed family,
 * by default one breaker per host and port ({@code payments.internal:443}), so that one failing host opens its own
 * breaker and the others keep serving:
 *
 * <pre>{@code
 * RestClient client = builder
 *         .requestInterceptor(new FluxgateClientHttpRequestInterceptor(keyedBreakers.family("payment_api")))
 *         .build();
 * }</pre>
 *
 * <ul>
 *   <li>A rejected request never reaches the network: {@link CallNotPermittedException} propagates from the call
 *       ({@code retrieve()}, {@code exchange}, {@code RestTemplate}'s methods) as it is.</li>
 *   <li>A response whose status counts as a failure ({@link #DEFAULT_FAILURE_STATUS}: 5xx) is offered to the
 *       breaker's tracker as an {@link HttpErrorStatus}; whatever the tracker says, the caller gets the response as
 *       usual (so {@code RestClient}'s default status handler then throws {@code HttpServerErrorException}). Any
 *       other response is a success: a 4xx is the caller's mistake, not the host's.</li>
 *   <li>An exception of the exchange ({@code IOException}: connection refused, timeout) is offered to the tracker
 *       and rethrown as it was.</li>
 * </ul>
 * The call's duration runs until the response's status is known, not until its body has been read.
 *
 * <p>Immutable and thread-safe; one instance serves every request of a client. The key lookup allocates nothing
 * for a known key; the default key function builds one short string per request.
 */
public final class FluxgateClientHttpRequestInterceptor implements ClientHttpRequestInterceptor {

    /** Which statuses count as failures unless {@link #withFailureStatus} says otherwise: every 5xx. */
    public static final Predicate<HttpStatusCode> DEFAULT_FAILURE_STATUS = HttpStatusCode::is5xxServerError;

    private final String family;
    private final Function<HttpRequest, CircuitBreaker> breakers;
    private final Predicate<? super HttpStatusCode> failureStatus;

    /**
     * Guards each request with its host's breaker: the key is the request URI's host and port, lower case, the port
     * being the scheme's default when the URI has none ({@code payments.internal:443}); user information is left
     * out.
     *
     * @param family the family, e.g. {@code keyedBreakers.family("payment_api")}
     */
    public FluxgateClientHttpRequestInterceptor(KeyedCircuitBreaker<? super String> family) {
        this(family, request -> HostAndPort.of(request.getURI()));
    }

    /**
     * Guards each request with the breaker of the key that a function gives, e.g. a tenant header.
     *
     * @param family the family
     * @param key    the request's key; must not return null. Keep the number of keys bounded (hosts, tenants, not
     *               paths with ids): the family holds at most {@code maxKeys} breakers
     * @param <K>    the key type
     */
    public <K> FluxgateClientHttpRequestInterceptor(KeyedCircuitBreaker<K> family,
            Function<? super HttpRequest, ? extends K> key) {
        this(Objects.requireNonNull(family, "family").name(), breakers(family, Objects.requireNonNull(key, "key")),
                DEFAULT_FAILURE_STATUS);
    }

    private FluxgateClientHttpRequestInterceptor(String family, Function<HttpRequest, CircuitBreaker> breakers,
            Predicate<? super HttpStatusCode> failureStatus) {
        this.family = family;
        this.breakers = breakers;
        this.failureStatus = failureStatus;
    }

    private static <K> Function<HttpRequest, CircuitBreaker> breakers(KeyedCircuitBreaker<K> family,
            Function<? super HttpRequest, ? extends K> key) {
        return request -> family.forKey(key.apply(request));
    }

    /**
     * The same interceptor with another rule for which statuses are offered to the tracker as failures, e.g.
     * {@code status -> status.is5xxServerError() || status.value() == 429}.
     *
     * @param failureStatus whether a response status counts as a failure
     * @return a new interceptor on the same family and key
     */
    public FluxgateClientHttpRequestInterceptor withFailureStatus(Predicate<? super HttpStatusCode> failureStatus) {
        return new FluxgateClientHttpRequestInterceptor(family, breakers,
                Objects.requireNonNull(failureStatus, "failureStatus"));
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        CircuitBreaker breaker = breakers.apply(request);
        long permission = breaker.acquirePermission();
        long start = breaker.startCall(permission);
        ClientHttpResponse response;
        HttpStatusCode status;
        try {
            response = execution.execute(request, body);
        } catch (Throwable e) {
            breaker.endCall(permission, e, start);
            throw e;
        }
        try {
            status = response.getStatusCode();
        } catch (Throwable e) {
            breaker.endCall(permission, e, start);
            response.close();
            throw e;
        }
        breaker.endCall(permission, failureStatus.test(status) ? new HttpErrorStatus(status.value()) : null, start);
        return response;
    }

    /** The family's name. */
    String family() {
        return family;
    }

    @Override
    public String toString() {
        return "FluxgateClientHttpRequestInterceptor[" + family + "]";
    }
}
