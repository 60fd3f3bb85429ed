package io.fluxgate.spring.aot;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.javapoet.ClassName;

/**
 * Runs Spring's build-time processing, as {@code process-aot} does, over a context of the given configuration
 * classes and properties, and returns the hints it registered: every registrar and processor of
 * {@code META-INF/spring/aot.factories} and {@code @ImportRuntimeHints} takes part, as in a real build.
 */
public final class AheadOfTime {

    private AheadOfTime() {
    }

    /**
     * Processes the context ahead of time.
     *
     * @param configurations the configuration classes, as {@code register} takes them
     * @param properties     {@code key=value} pairs for the environment
     * @return the hints registered for the native image
     */
    public static RuntimeHints hints(Class<?>[] configurations, String... properties) {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            TestPropertyValues.of(properties).applyTo(context);
            context.register(configurations);
            DefaultGenerationContext generation = new DefaultGenerationContext(
                    new ClassNameGenerator(ClassName.get(AheadOfTime.class)), new InMemoryGeneratedFiles());
            new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
            return generation.getRuntimeHints();
        }
    }
}
