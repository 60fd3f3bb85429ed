package io.fluxgate.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * Starts a real application on a class path without the actuator, Spring Boot's health support, Micrometer or
 * Spring Cloud Context: the starter's endpoint, health, metrics and refresh auto-configurations must stay out of
 * the way. Kotlin and kotlinx-coroutines are left out too: the annotation support loads its Kotlin parts only for
 * suspend funs and Flow.
 */
class OptionalDependenciesTests {

    // micrometer-observation and micrometer-commons stay: spring-web, which the HTTP client support brings, needs them.
    private static final Pattern OPTIONAL = Pattern.compile("spring-boot-actuator|spring-boot-health|micrometer-core"
            + "|micrometer-registry|micrometer-jakarta|spring-boot-micrometer|prometheus|spring-boot-webmvc|tomcat"
            + "|spring-cloud|jetbrains.kotlin"); // org/jetbrains/kotlin and org/jetbrains/kotlinx

    @Test
    void startsWithoutActuatorHealthMicrometerOrSpringCloud() throws Exception {
        try (URLClassLoader loader = new URLClassLoader(classPathWithout(OPTIONAL),
                ClassLoader.getPlatformClassLoader())) {
            assertThat(loader.getResource("org/springframework/boot/actuate/endpoint/annotation/Endpoint.class"))
                    .isNull();
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            String[] beans;
            try {
                beans = (String[]) loader.loadClass(Application.class.getName()).getMethod("beanNames").invoke(null);
            } finally {
                thread.setContextClassLoader(previous);
            }

            assertThat(beans).contains("circuitBreakerRegistry")
                    .doesNotContain("fluxgateEndpoint", "fluxgateTransitionHistory", "fluxgateHealthIndicator",
                            "fluxgateMetrics", "fluxgateTransitionCounts", "fluxgatePropertiesRefresh")
                    .noneMatch(name -> name.startsWith("io.fluxgate.spring.actuate")
                            || name.startsWith("io.fluxgate.spring.metrics"));
        }
    }

    private static URL[] classPathWithout(Pattern excluded) throws MalformedURLException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!excluded.matcher(entry).find()) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }

    /** The application, loaded and run inside the reduced class path. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(TestRegistryConfiguration.class)
    public static class Application {

        /**
         * Runs the application and lists its beans.
         *
         * @return every bean name
         */
        public static String[] beanNames() {
            SpringApplication application = new SpringApplication(Application.class);
            application.setWebApplicationType(WebApplicationType.NONE);
            try (ConfigurableApplicationContext context = application.run(
                    "--management.endpoints.web.exposure.include=*", "--spring.main.banner-mode=off")) {
                return context.getBeanDefinitionNames();
            }
        }
    }
}
