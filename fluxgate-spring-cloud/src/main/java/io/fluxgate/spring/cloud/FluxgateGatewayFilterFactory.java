package io.fluxgate.spring.cloud;

import io.fluxgate.CallNotPermittedException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.cloud.gateway.filter.factory.SpringCloudCircuitBreakerFilterFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.DispatcherHandler;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * Spring Cloud Gateway's {@code CircuitBreaker} route filter on Fluxgate breakers (Gateway itself registers it only
 * with Resilience4j): {@code name}, {@code fallbackUri}, {@code statusCodes} and {@code resumeWithoutError} work as
 * documented by Gateway. The filter's {@code name} is the breaker's, configured under {@code fluxgate.breakers}.
 * Without a fallback, a rejected call answers 503 Service Unavailable.
 */
public final class FluxgateGatewayFilterFactory extends SpringCloudCircuitBreakerFilterFactory {

    /**
     * Creates the filter factory.
     *
     * @param factory            the reactive factory the filter takes its breakers from
     * @param dispatcherHandler  where a {@code forward:} fallback is dispatched
     */
    public FluxgateGatewayFilterFactory(ReactiveCircuitBreakerFactory<?, ?> factory,
            ObjectProvider<DispatcherHandler> dispatcherHandler) {
        super(factory, dispatcherHandler);
    }

    @Override
    protected Mono<Void> handleErrorWithoutFallback(Throwable error, boolean resumeWithoutError) {
        if (error instanceof CallNotPermittedException rejected) {
            return Mono.error(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, rejected.getMessage(),
                    rejected));
        }
        return resumeWithoutError ? Mono.empty() : Mono.error(error);
    }
}
