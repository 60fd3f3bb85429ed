package io.fluxgate.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link UnmatchedBreakerNamesException}: every name that does not match, one per line, and how to
 * make them match or to let the application start anyway.
 */
final class UnmatchedBreakerNamesFailureAnalyzer extends AbstractFailureAnalyzer<UnmatchedBreakerNamesException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnmatchedBreakerNamesException cause) {
        return new FailureAnalysis(String.join("\n", cause.problems()), "Make the names match: each "
                + "@CircuitBreaker name and registry lookup the name of a breaker under fluxgate.breakers, and each "
                + "breaker there used. fluxgate.strict-names: true makes these start-up failures; without it they are"
                + " logged at WARN and the application starts.", cause);
    }
}
