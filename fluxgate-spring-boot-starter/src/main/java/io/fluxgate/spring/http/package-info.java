/**
 * Outbound HTTP through keyed breaker families, one breaker per host, without annotations:
 * {@link io.fluxgate.spring.http.FluxgateClientHttpRequestInterceptor} for {@code RestClient} and
 * {@code RestTemplate}, {@link io.fluxgate.spring.http.FluxgateExchangeFilterFunction} for {@code WebClient}, and
 * {@link io.fluxgate.spring.http.FluxgateHttpAutoConfiguration}, which applies them to Spring Boot's client
 * builders and HTTP service groups named under {@code fluxgate.http}. A response whose status counts as a failure
 * (5xx by default) is offered to the breaker's tracker as an {@link io.fluxgate.spring.http.HttpErrorStatus}.
 */
@NullMarked
package io.fluxgate.spring.http;

import org.jspecify.annotations.NullMarked;
