package io.fluxgate.spring.aop;

import static io.fluxgate.spring.aop.CircuitBreakerInterceptorTests.metric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.spring.CircuitBreaker;
import io.fluxgate.spring.autoconfigure.ConfigSources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;

class FluxgateAspectAutoConfigurationTests {

    private final ApplicationContextRunner runner = TestBreakers.runner().withBean(Service.class);

    @Test
    void backsOffWithoutARegistry() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FluxgateAspectAutoConfiguration.class))
                .withBean(Service.class)
                .run(context -> {
                    assertThat(context).doesNotHaveBean(CircuitBreakerAdvisor.class);
                    assertThat(AopUtils.isAopProxy(context.getBean(Service.class))).isFalse();
                });
    }

    @Test
    void isLowestPrecedenceByDefault() {
        runner.run(context -> assertThat(context.getBean(CircuitBreakerAdvisor.class).getOrder())
                .isEqualTo(Ordered.LOWEST_PRECEDENCE));
    }

    @Test
    void runsInsideAnAdvisorOfHigherPrecedence() {
        runner.withUserConfiguration(Refusing.class).withPropertyValues("fluxgate.aspect-order=10").run(context -> {
            assertThatThrownBy(context.getBean(Service.class)::call).hasMessage("refused");
            assertThat(metric(context, "service").totalCount()).isZero();
        });
    }

    @Test
    void runsOutsideAnAdvisorWhenOrderedBeforeIt() {
        runner.withUserConfiguration(Refusing.class).withPropertyValues("fluxgate.aspect-order=-10").run(context -> {
            assertThatThrownBy(context.getBean(Service.class)::call).hasMessage("refused");
            assertThat(metric(context, "service").failureCount()).isEqualTo(1);
        });
    }

    @Test
    void outermostPlacementRunsOutsideAnAdvisorOfHigherPrecedence() {
        runner.withUserConfiguration(Refusing.class).withPropertyValues("fluxgate.aspect-order=10",
                "fluxgate.aspect-placement=outermost").run(context -> {
                    assertThatThrownBy(context.getBean(Service.class)::call).hasMessage("refused");
                    assertThat(metric(context, "service").failureCount()).isEqualTo(1);
                });
    }

    @Test
    void outermostPlacementKeepsABeanWithoutOtherAdviceGuarded() {
        runner.withPropertyValues("fluxgate.aspect-placement=outermost").run(context -> {
            assertThat(context.getBean(Service.class).call()).isEqualTo("called");
            assertThat(metric(context, "service").totalCount()).isEqualTo(1);
        });
    }

    @Test
    void placementBindsLikeEveryBootEnum() {
        runner.withPropertyValues("fluxgate.aspect-placement=OUTERMOST").run(context -> assertThat(
                context.getBean(AdvisorPlacement.class).outermost()).isTrue());
        runner.run(context -> assertThat(context.getBean(AdvisorPlacement.class).outermost()).isFalse());
    }

    @Test
    void anUnknownPlacementStopsStartUpNamingThePropertyAndTheValues() {
        AtomicReference<ConfigurableApplicationContext> started = new AtomicReference<>();
        runner.withInitializer(started::set).withPropertyValues("fluxgate.aspect-placement=sideways")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(ConfigSources.failureAnalysis(context.getStartupFailure(), started.get()))
                            .contains("Failed to bind properties under 'fluxgate.aspect-placement'")
                            .contains("Value: \"sideways\"")
                            .contains("ORDERED").contains("OUTERMOST");
                });
    }

    @Test
    void proxiesWithoutBootsAopAutoConfiguration() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FluxgateAspectAutoConfiguration.class))
                .withUserConfiguration(TestBreakers.class)
                .withBean(Service.class)
                .run(context -> {
                    assertThat(context.getBean(Service.class).call()).isEqualTo("called");
                    assertThat(metric(context, "service").totalCount()).isEqualTo(1);
                });
    }

    @Test
    void proxiesWhenSpringAopAutoIsOff() {
        runner.withPropertyValues("spring.aop.auto=false").run(context -> {
            assertThat(context.getBean(Service.class).call()).isEqualTo("called");
            assertThat(metric(context, "service").totalCount()).isEqualTo(1);
        });
    }

    @Test
    void onlyReactorCallsAndFlowCallsMentionReactorSoTheStarterLoadsWithoutIt() throws Exception {
        assertThat(classesMentioning("reactor/core")).isNotEmpty()
                .allMatch(name -> name.startsWith("ReactorCalls") || name.startsWith("FlowCalls"));
    }

    @Test
    void onlyFlowCallsMentionsKotlinSoTheStarterLoadsWithoutIt() throws Exception {
        assertThat(classesMentioning("kotlin/")).allMatch(name -> name.startsWith("FlowCalls"));
        assertThat(classesMentioning("kotlinx/")).isNotEmpty().allMatch(name -> name.startsWith("FlowCalls"));
    }

    /** The class files of the aop package whose constant pool names {@code fragment}. */
    private static List<String> classesMentioning(String fragment) throws Exception {
        Path classes = Path.of(FluxgateAspectAutoConfiguration.class
                .getResource("FluxgateAspectAutoConfiguration.class").toURI()).getParent();
        try (Stream<Path> files = Files.list(classes)) {
            return files.filter(file -> file.toString().endsWith(".class"))
                    .filter(file -> new String(read(file), StandardCharsets.ISO_8859_1).contains(fragment))
                    .map(file -> file.getFileName().toString())
                    .toList();
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static class Service {

        @CircuitBreaker(name = "service")
        public String call() {
            return "called";
        }
    }

    /** Another advisor on the same methods, at order 0, that refuses every call without proceeding. */
    @Configuration(proxyBeanMethods = false)
    static class Refusing {

        @Bean
        @Role(BeanDefinition.ROLE_INFRASTRUCTURE) // Boot's proxy creator without AspectJ only applies these
        static Advisor refusingAdvisor() {
            MethodInterceptor refuse = invocation -> {
                throw new IllegalStateException("refused");
            };
            DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(
                    AnnotationMatchingPointcut.forMethodAnnotation(CircuitBreaker.class), refuse);
            advisor.setOrder(0);
            return advisor;
        }
    }
}
