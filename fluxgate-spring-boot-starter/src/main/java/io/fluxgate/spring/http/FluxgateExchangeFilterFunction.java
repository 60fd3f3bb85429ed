package io.fluxgate.spring.http;

import io.fluxgate.CallNotPermittedException;
import io.fluxgate.CircuitBreaker;
import io.fluxgate.KeyedCircuitBreaker;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;

/**
 * Guards each exchange of a {@code WebClient} with the breaker of its key in a keyed family, by default one breaker
 * per host and port ({@code payments.internal:443}):
 *
 * <pre>{@code
 * WebClient client = builder.filter(new FluxgateExchangeFilterFunction(keyedBreakers.family("payment_api"))).build();
 * }</pre>
 *
 * <ul>
 *   <li>Permission is asked for when the exchange is subscribed to (each subscription, a {@code retry()}'s
 *       included, is one call); a rejection is a {@link CallNotPermittedException} error signal, and nothing is
 *       sent.</li>
 *   <li>The response ends the call: a status that counts as a failure
 *       ({@link FluxgateClientHttpRequestInterceptor#DEFAULT_FAILURE_STATUS}: 5xx) is offered to the tracker as an
 *       {@link HttpErrorStatus}, and the response is emitted as usual whatever the tracker says; any other status is
 *       a success.</li>
 *   <li>An error signal of the exchange (connection refused, timeout) is offered to the tracker and passed on.</li>
 *   <li>Cancelling before the response gives the permission back without an outcome.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe; one instance serves every exchange of a client.
 */
public final class FluxgateExchangeFilterFunction implements ExchangeFilterFunction {

    private final String family;
    private final Function<ClientRequest, CircuitBreaker> breakers;
    private final Predicate<? super HttpStatusCode> failureStatus;

    /**
     * Guards each exchange with its host's breaker: the key is the request URL's host and port, lower case, the
     * port being the scheme's default when the URL has none; user information is left out.
     *
     * @param family the family, e.g. {@code keyedBreakers.family("payment_api")}
     */
    public FluxgateExchangeFilterFunction(KeyedCircuitBreaker<? super String> family) {
        this(family, request -> HostAndPort.of(request.url()));
    }

    /**
     * Guards each exchange with the breaker of the key that a function gives, e.g. a tenant header.
     *
     * @param family the family
     * @param key    the request's key; must not return null. Keep the number of keys bounded
     * @param <K>    the key type
     */
    public <K> FluxgateExchangeFilterFunction(KeyedCircuitBreaker<K> family,
            Function<? super ClientRequest, ? extends K> key) {
        this(Objects.requireNonNull(family, "family").name(), breakers(family, Objects.requireNonNull(key, "key")),
                FluxgateClientHttpRequestInterceptor.DEFAULT_FAILURE_STATUS);
    }

    private FluxgateExchangeFilterFunction(String family, Function<ClientRequest, CircuitBreaker> breakers,
            Predicate<? super HttpStatusCode> failureStatus) {
        this.family = family;
        this.breakers = breakers;
        this.failureStatus = failureStatus;
    }

    private static <K> Function<ClientRequest, CircuitBreaker> breakers(KeyedCircuitBreaker<K> family,
            Function<? super ClientRequest, ? extends K> key) {
        return request -> family.forKey(key.apply(request));
    }

    /**
     * The same filter with another rule for which statuses are offered to the tracker as failures.
     *
     * @param failureStatus whether a response status counts as a failure
     * @return a new filter on the same family and key
     */
    public FluxgateExchangeFilterFunction withFailureStatus(Predicate<? super HttpStatusCode> failureStatus) {
        return new FluxgateExchangeFilterFunction(family, breakers,
                Objects.requireNonNull(failureStatus, "failureStatus"));
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        return Mono.defer(() -> {
            CircuitBreaker breaker = breakers.apply(request);
            long permission;
            try {
                permission = breaker.acquirePermission();
            } catch (CallNotPermittedException rejected) {
                return Mono.error(rejected);
            }
            Exchange exchange = new Exchange(breaker, permission);
            return next.exchange(request).doOnSuccess(exchange::response).doOnError(exchange::error)
                    .doOnCancel(exchange::cancel);
        });
    }

    /** The family's name. */
    String family() {
        return family;
    }

    @Override
    public String toString() {
        return "FluxgateExchangeFilterFunction[" + family + "]";
    }

    /** One permitted exchange, reported exactly once: the first of response, error or cancel wins. */
    private final class Exchange {

        private final AtomicBoolean reported = new AtomicBoolean();
        private final CircuitBreaker breaker;
        private final long permission;
        private final long start;

        Exchange(CircuitBreaker breaker, long permission) {
            this.breaker = breaker;
            this.permission = permission;
            this.start = breaker.startCall(permission);
        }

        void response(@Nullable ClientResponse response) {
            if (reported.compareAndSet(false, true)) {
                if (response == null) { // an empty exchange: nothing to judge
                    breaker.releasePermission(permission);
                    return;
                }
                HttpStatusCode status = response.statusCode();
                breaker.endCall(permission, failureStatus.test(status) ? new HttpErrorStatus(status.value()) : null,
                        start);
            }
        }

        void error(Throwable error) {
            if (reported.compareAndSet(false, true)) {
                breaker.endCall(permission, error, start);
            }
        }

        void cancel() {
            if (reported.compareAndSet(false, true)) {
                breaker.releasePermission(permission);
            }
        }
    }
}
