package io.fluxgate.spring.autoconfigure;

import java.util.List;

/**
 * With {@code fluxgate.strict-names: true}, the breaker names that do not match: names built from
 * {@code fluxgate.defaults} because they are not configured, and configured breakers that nothing used. Thrown
 * once the context is refreshed by {@link BreakerNameCheck}; {@link UnmatchedBreakerNamesFailureAnalyzer} reports
 * it.
 */
final class UnmatchedBreakerNamesException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    UnmatchedBreakerNamesException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** One sentence per name, as logged at WARN without {@code fluxgate.strict-names}. */
    List<String> problems() {
        return problems;
    }
}
