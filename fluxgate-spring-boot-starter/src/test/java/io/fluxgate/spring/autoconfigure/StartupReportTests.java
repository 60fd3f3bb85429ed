package io.fluxgate.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import io.fluxgate.spring.CircuitBreaker;
import io.fluxgate.spring.aop.FluxgateAspectAutoConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * What a user sees when a real {@link SpringApplication} reads an {@code application.yml}: Spring Boot's
 * {@code APPLICATION FAILED TO START} report, written by the starter's failure analyzers as registered in
 * {@code META-INF/spring.factories}, and WARN lines in the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupReportTests {

    @TempDir
    Path config;

    private ConfigurableApplicationContext run(String yaml) throws IOException {
        Path file = Files.writeString(config.resolve("application.yml"), yaml);
        SpringApplication application = new SpringApplication(Payments.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        return application.run("--spring.config.location=file:" + file);
    }

    @Test
    void anUnknownKeyIsReportedWithTheKeyItWasMeantToBe(CapturedOutput output) {
        assertThatException().isThrownBy(() -> run("""
                fluxgate:
                  breakers:
                    payment_api:
                      slow-treshold: 2s
                """).close());

        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("Unknown property 'fluxgate.breakers.payment_api.slow-treshold' (originating from 'URL ["
                        + "file:" + config.resolve("application.yml") + "] - 4:22'): 'fluxgate.breakers.payment_api' "
                        + "has no key 'slow-treshold'; did you mean 'slow-threshold'?")
                .contains("Valid keys of 'fluxgate.breakers.payment_api': window, tracker")
                .contains("Correct the property or remove it")
                .doesNotContain("Bindable@");
    }

    @Test
    void aMisspelledNameStopsAStrictApplication(CapturedOutput output) {
        assertThatException().isThrownBy(() -> run("""
                fluxgate:
                  strict-names: true
                  breakers:
                    payment_api:
                      tripper: FailureStreak(3)
                """).close());

        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("Circuit breaker 'paymnet_api' is not under fluxgate.breakers, so it is built from "
                        + "fluxgate.defaults; did you mean 'payment_api'?")
                .contains("Make the names match");
    }

    @Test
    void aMisspelledNameIsAWarningOtherwise(CapturedOutput output) throws IOException {
        try (ConfigurableApplicationContext context = run("""
                fluxgate:
                  breakers:
                    payment_api:
                      tripper: FailureStreak(3)
                """)) {
            assertThat(context.isActive()).isTrue();
        }
        assertThat(output).doesNotContain("APPLICATION FAILED TO START")
                .containsPattern("WARN .* Circuit breaker 'paymnet_api' is not under fluxgate.breakers, so it is "
                        + "built from fluxgate.defaults; did you mean 'payment_api'\\?");
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({AopAutoConfiguration.class, FluxgateAutoConfiguration.class,
            FluxgateAspectAutoConfiguration.class})
    @Import(MisspelledClient.class)
    static class Payments {
    }

    static class MisspelledClient {

        @CircuitBreaker(name = "paymnet_api")
        public String charge() {
            return "charged";
        }
    }
}
