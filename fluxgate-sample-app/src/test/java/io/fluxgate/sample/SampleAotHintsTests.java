package io.fluxgate.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.CallNotPermittedException;
import io.fluxgate.sample.payments.PaymentClient;
import io.fluxgate.sample.payments.RefundClient;
import io.fluxgate.spring.actuate.BreakerDescriptor;
import io.fluxgate.spring.actuate.FluxgateHealthIndicator;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplication.AbandonedRunException;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.javapoet.ClassName;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;

/**
 * The hints a native image of the sample would get, from Spring's build-time processing of the sample's own
 * context and {@code application.yml}, as {@code process-aot} runs it: the classes its trackers name, its
 * {@code @CircuitBreaker} methods and every fallback overload, and the endpoint's and health's JSON views.
 * {@link AotApplicationIT} runs the processed application itself.
 */
class SampleAotHintsTests {

    private static RuntimeHints hints;

    @BeforeAll
    static void processTheSampleAheadOfTime() {
        GenericApplicationContext context = prepared();
        DefaultGenerationContext generation = new DefaultGenerationContext(
                new ClassNameGenerator(ClassName.get(SampleApplication.class)), new InMemoryGeneratedFiles());
        new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
        context.close();
        hints = generation.getRuntimeHints();
    }

    @Test
    void theClassesTheTrackersNameAreHintedForTheParser() {
        assertThat(hints).matches(RuntimeHintsPredicates.reflection().onType(RestClientException.class))
                .matches(RuntimeHintsPredicates.reflection().onType(HttpClientErrorException.class));
    }

    @Test
    void theChargeMethodAndEachOfItsFallbacksAreHinted() throws Exception {
        Class<PaymentClient> client = PaymentClient.class;

        assertThat(hints).matches(invocation(client.getMethod("charge", BigDecimal.class)))
                .matches(invocation(client.getDeclaredMethod("chargeFallback", BigDecimal.class,
                        CallNotPermittedException.class)))
                .matches(invocation(client.getDeclaredMethod("chargeFallback", BigDecimal.class,
                        HttpClientErrorException.class)))
                .matches(invocation(client.getDeclaredMethod("chargeFallback", BigDecimal.class, Exception.class)));
    }

    @Test
    void theAsyncRefundMethodAndEachOfItsFallbacksAreHinted() throws Exception {
        Class<RefundClient> client = RefundClient.class;

        assertThat(hints).matches(invocation(client.getMethod("refund", BigDecimal.class)))
                .matches(invocation(client.getDeclaredMethod("refundFallback", BigDecimal.class,
                        CallNotPermittedException.class)))
                .matches(invocation(client.getDeclaredMethod("refundFallback", BigDecimal.class, Exception.class)));
    }

    @Test
    void theEndpointAndHealthViewsAreHintedForJson() {
        assertThat(hints).matches(RuntimeHintsPredicates.reflection()
                        .onMethodInvocation(BreakerDescriptor.class, "recentTransitions"))
                .matches(RuntimeHintsPredicates.reflection()
                        .onMethodInvocation(FluxgateHealthIndicator.BreakerHealth.class, "state"));
    }

    private static Predicate<RuntimeHints> invocation(Method method) {
        return RuntimeHintsPredicates.reflection().onMethodInvocation(method);
    }

    /** The sample's context as {@code main} prepares it, with its sources loaded and nothing refreshed yet. */
    private static GenericApplicationContext prepared() {
        SpringApplicationRunListener stopBeforeRefresh = new SpringApplicationRunListener() {
            @Override
            public void contextLoaded(ConfigurableApplicationContext context) {
                throw new AbandonedRunException(context);
            }
        };
        try {
            SpringApplication.withHook(application -> stopBeforeRefresh,
                    () -> SampleApplication.main(new String[] { "--spring.main.banner-mode=off" }));
        } catch (AbandonedRunException prepared) {
            return (GenericApplicationContext) prepared.getApplicationContext();
        }
        throw new AssertionError("SampleApplication.main returned without preparing its context");
    }
}
