package io.fluxgate.spring.aop;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link InvalidCircuitBreakerAnnotationException} (a blank name, a bad fallback, a key expression that does
 * not parse, a name used with and without a key) into Spring Boot's start-up report.
 *
 * <p>Turns an {@link InvalidCircuitBreakerAnnotationException} into Spring Boot's start-up report, so a wrong
 * fallback reads as one paragraph instead of a bean-creation stack trace.
 */
final class InvalidCircuitBreakerAnnotationFailureAnalyzer
        extends AbstractFailureAnalyzer<InvalidCircuitBreakerAnnotationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidCircuitBreakerAnnotationException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Fix the annotation: a fallback method lives in the same class, takes the annotated method's "
                        + "parameters plus one trailing Exception parameter, and returns what the annotated method "
                        + "returns (for CompletionStage, Mono or Flux methods also the wrapped value type). A key is "
                        + "a SpEL expression over the method's parameters (#p0, #host, #request.tenantId), and every "
                        + "annotation of a keyed name has one.",
                cause);
    }
}
