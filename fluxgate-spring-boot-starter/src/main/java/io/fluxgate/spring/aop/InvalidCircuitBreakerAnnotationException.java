package io.fluxgate.spring.aop;

/**
 * A {@code @CircuitBreaker} annotation that cannot work: a blank name, or a fallback method that is missing or
 * ill-typed. Thrown at start-up; {@link InvalidCircuitBreakerAnnotationFailureAnalyzer} reports it.
 */
final class InvalidCircuitBreakerAnnotationException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    InvalidCircuitBreakerAnnotationException(String message) {
        super(message);
    }
}
