package io.fluxgate.spring.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

/** Real configuration files for context runners, and Spring Boot's failure analysis of a start-up failure. */
public final class ConfigSources {

    private ConfigSources() {
    }

    /** The YAML text as the property source an {@code application.yml} would give. */
    public static ApplicationContextInitializer<ConfigurableApplicationContext> yaml(String yaml) {
        return load(new YamlPropertySourceLoader(), yaml, "application.yml");
    }

    /** The text as the property source an {@code application.properties} would give. */
    public static ApplicationContextInitializer<ConfigurableApplicationContext> properties(String properties) {
        return load(new PropertiesPropertySourceLoader(), properties, "application.properties");
    }

    private static ApplicationContextInitializer<ConfigurableApplicationContext> load(
            org.springframework.boot.env.PropertySourceLoader loader, String text, String file) {
        return context -> {
            try {
                ByteArrayResource resource = new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8), file) {
                    @Override
                    public String getDescription() {
                        return "class path resource [" + file + "]";
                    }
                };
                List<PropertySource<?>> sources = loader.load("Config resource '" + file + "'", resource);
                sources.forEach(source -> context.getEnvironment().getPropertySources().addLast(source));
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        };
    }

    /**
     * Spring Boot's report of a start-up failure, from the failure analyzers registered in
     * {@code META-INF/spring.factories}: description, a blank line, action.
     */
    public static String failureAnalysis(Throwable failure, ConfigurableApplicationContext context) {
        FailureAnalysis analysis = analyze(failure, context);
        if (analysis == null) {
            throw new AssertionError("No failure analysis for " + failure, failure);
        }
        return analysis.getDescription() + "\n\n" + analysis.getAction();
    }

    /** What the first failure analyzer that understands {@code failure} says, {@code null} when none does. */
    public static @Nullable FailureAnalysis analyze(Throwable failure, ConfigurableApplicationContext context) {
        ArgumentResolver arguments = ArgumentResolver.of(BeanFactory.class, context.getBeanFactory())
                .and(Environment.class, context.getEnvironment());
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation(ConfigSources.class
                .getClassLoader()).load(FailureAnalyzer.class, arguments,
                // As Boot's FailureAnalyzers does: analyzers of absent optional features are skipped.
                FailureHandler.handleMessage((message, ex) -> { }));
        AnnotationAwareOrderComparator.sort(analyzers);
        for (FailureAnalyzer analyzer : analyzers) {
            FailureAnalysis analysis = analyzer.analyze(failure);
            if (analysis != null) {
                return analysis;
            }
        }
        return null;
    }

}
