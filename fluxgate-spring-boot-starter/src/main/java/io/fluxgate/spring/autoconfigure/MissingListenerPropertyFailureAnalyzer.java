package io.fluxgate.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link MissingListenerPropertyException}: which listener needs which property, and who named the
 * listener. Spring Boot's own analyzers report invalid values, not missing ones.
 */
final class MissingListenerPropertyFailureAnalyzer extends AbstractFailureAnalyzer<MissingListenerPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingListenerPropertyException cause) {
        String description = "The '" + cause.listener() + "' listener named by '" + cause.usedBy()
                + "' needs the property '" + cause.property() + "', which is not set.";
        String action = "Set '" + cause.property() + "', or remove '" + cause.listener() + "' from '"
                + cause.usedBy() + "'.";
        return new FailureAnalysis(description, action, cause);
    }
}
