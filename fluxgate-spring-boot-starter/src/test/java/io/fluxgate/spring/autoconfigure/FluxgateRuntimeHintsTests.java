package io.fluxgate.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.spring.aot.AheadOfTime;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

class FluxgateRuntimeHintsTests {

    private static final Class<?>[] STARTER = { TrackerClassesAotProcessorTests.Starter.class };

    @Test
    void theStripedCountersFieldIsHintedForItsVarHandle() throws Exception {
        RuntimeHints hints = AheadOfTime.hints(STARTER);

        assertThat(hints).matches(RuntimeHintsPredicates.reflection().onFieldAccess("io.fluxgate.windows.Stripes",
                "cells"));
    }

    @Test
    void theSlackListenerIsHintedSoThatItsModuleIsFoundByName() {
        RuntimeHints hints = AheadOfTime.hints(STARTER);

        assertThat(hints).matches(RuntimeHintsPredicates.reflection()
                .onType(TypeReference.of(NamedListeners.SLACK_LISTENER_CLASS)));
    }
}
