package io.fluxgate.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.spring.autoconfigure.FluxgateAutoConfiguration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.javapoet.ClassName;

/** Spring's build-time processing, as {@code process-aot} runs it, registers the fleet answers' JSON records. */
class FleetJsonHintsTests {

    @Test
    void theFleetViewAndCommandAreHintedForJsonDownToTheirNestedRecords() {
        RuntimeHints hints = processAheadOfTime("fluxgate.fleet.enabled=true", "spring.application.name=payments");

        assertThat(hints).matches(accessor(FleetBreakerDescriptor.class, "liveInstances"))
                .matches(accessor(FleetBreakerDescriptor.InstanceDescriptor.class, "changedAt"))
                .matches(accessor(FleetBreakerDescriptor.CommandDescriptor.class, "by"));
    }

    @Test
    void withFleetModeOffNothingOfItsIsHinted() {
        RuntimeHints hints = processAheadOfTime("spring.application.name=payments");

        assertThat(hints).matches(accessor(FleetBreakerDescriptor.class, "liveInstances").negate());
    }

    private static RuntimeHints processAheadOfTime(String... properties) {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            TestPropertyValues.of(properties).applyTo(context);
            context.register(Application.class);
            DefaultGenerationContext generation = new DefaultGenerationContext(
                    new ClassNameGenerator(ClassName.get(FleetJsonHintsTests.class)), new InMemoryGeneratedFiles());
            new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
            return generation.getRuntimeHints();
        }
    }

    private static Predicate<RuntimeHints> accessor(Class<?> type, String component) {
        return RuntimeHintsPredicates.reflection().onMethodInvocation(type, component);
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ FluxgateAutoConfiguration.class, DataRedisAutoConfiguration.class,
            FleetAutoConfiguration.class })
    static class Application {
    }
}
