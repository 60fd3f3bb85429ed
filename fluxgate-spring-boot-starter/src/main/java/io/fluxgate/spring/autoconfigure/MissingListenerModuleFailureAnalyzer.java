package io.fluxgate.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link MissingListenerModuleException}: which listener needs which module, and who named the
 * listener. Without it, the report would show a {@code ClassNotFoundException} or nothing useful.
 */
final class MissingListenerModuleFailureAnalyzer extends AbstractFailureAnalyzer<MissingListenerModuleException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingListenerModuleException cause) {
        String description = "The '" + cause.listener() + "' listener named by '" + cause.usedBy()
                + "' needs the module " + cause.module() + ", which is not on the class path.";
        String action = "Add " + cause.module() + " to the application's dependencies (it needs nothing beyond "
                + "fluxgate-core), or remove '" + cause.listener() + "' from '" + cause.usedBy() + "'.";
        return new FailureAnalysis(description, action, cause);
    }
}
