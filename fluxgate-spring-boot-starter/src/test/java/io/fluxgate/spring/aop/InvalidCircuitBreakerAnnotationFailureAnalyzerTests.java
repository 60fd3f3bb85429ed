package io.fluxgate.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.spring.CircuitBreaker;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

class InvalidCircuitBreakerAnnotationFailureAnalyzerTests {

    @Test
    void isRegisteredWithSpringBoot() {
        List<String> analyzers = SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
                .load(FailureAnalyzer.class, null, SpringFactoriesLoader.FailureHandler.logging(
                        org.apache.commons.logging.LogFactory.getLog(getClass())))
                .stream().map(analyzer -> analyzer.getClass().getName()).toList();

        assertThat(analyzers).contains(InvalidCircuitBreakerAnnotationFailureAnalyzer.class.getName());
    }

    @Test
    void explainsAMissingFallbackInOneParagraphWithTheFix() {
        TestBreakers.runner().withBean(WrongFallback.class).run(context -> {
            FailureAnalysis analysis = new InvalidCircuitBreakerAnnotationFailureAnalyzer()
                    .analyze(context.getStartupFailure());

            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).isEqualTo("@CircuitBreaker(name = \"payment_api\") on "
                    + "WrongFallback.charge(BigDecimal): fallback method 'recover' not found; expected a method "
                    + "recover(BigDecimal, <Exception type>) returning String in class "
                            + WrongFallback.class.getName());
            assertThat(analysis.getAction()).contains("one trailing Exception parameter");
        });
    }

    static class WrongFallback {

        @CircuitBreaker(name = "payment_api", fallbackMethod = "recover")
        public String charge(BigDecimal amount) {
            return "charged";
        }
    }
}
