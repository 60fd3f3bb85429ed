package io.fluxgate.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.spring.CircuitBreaker;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class AnnotatedBeansTests {

    private final ApplicationContextRunner runner = TestBreakers.runner();

    @Test
    void registersEveryAnnotatedNameBeforeAnyCall() {
        runner.withBean(PaymentClient.class).withBean(Typed.class).run(context -> {
            CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
            assertThat(registry.all()).extracting(io.fluxgate.CircuitBreaker::name)
                    .containsExactlyInAnyOrder("payment_api", "typed");
        });
    }

    @Test
    void aMissingFallbackStopsStartUpWithTheExpectedSignature() {
        runner.withBean(MissingFallback.class).run(context -> assertThat(context).getFailure()
                .hasMessage("@CircuitBreaker(name = \"payment_api\") on MissingFallback.charge(BigDecimal):"
                        + " fallback method 'chargeFallback' not found; expected a method"
                        + " chargeFallback(BigDecimal, <Exception type>) returning String in class "
                        + MissingFallback.class.getName() + " (found chargeFallback(BigDecimal))"));
    }

    @Test
    void anIllTypedFallbackStopsStartUp() {
        runner.withBean(IllTypedFallback.class).run(context -> assertThat(context).getFailure()
                .hasMessage("@CircuitBreaker(name = \"payment_api\") on IllTypedFallback.charge(BigDecimal):"
                        + " fallback method IllTypedFallback.chargeFallback(BigDecimal, IOException) returns Integer;"
                        + " expected a method chargeFallback(BigDecimal, <Exception type>) returning String in class "
                        + IllTypedFallback.class.getName()));
    }

    @Test
    void anAsyncFallbackMustReturnTheValueOrAStageOfIt() {
        runner.withBean(IllTypedAsyncFallback.class).run(context -> assertThat(context).getFailure()
                .hasMessageContaining("returns CompletableFuture<Integer>; expected a method"
                        + " load(<Exception type>) returning String or CompletionStage<String>"));
    }

    @Test
    void aFallbackForErrorsStopsStartUp() {
        runner.withBean(ErrorFallback.class).run(context -> assertThat(context).getFailure()
                .hasMessageContaining("takes OutOfMemoryError, but fallbacks never receive Errors"));
    }

    @Test
    void aBlankNameStopsStartUp() {
        runner.withBean(BlankName.class).run(context -> assertThat(context).getFailure()
                .hasMessage("@CircuitBreaker(name = \" \") on BlankName.call(): the name must not be blank"));
    }

    @Test
    void warnsAboutAnnotationsAProxyCannotApply(CapturedOutput output) {
        runner.withBean(Unreachable.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(output).contains("@CircuitBreaker(name = \"final\") on Unreachable.finalMethod() never takes"
                    + " effect: the method is final")
                    .contains("@CircuitBreaker(name = \"private\") on Unreachable.privateMethod() never takes effect:"
                            + " the method is private")
                    .contains("@CircuitBreaker(name = \"static\") on Unreachable.staticMethod() never takes effect:"
                            + " the method is static");
            assertThat(context.getBean(CircuitBreakerRegistry.class).get("private")).isPresent();
        });
    }

    static class PaymentClient {

        @CircuitBreaker(name = "payment_api", fallbackMethod = "chargeFallback")
        public String charge(BigDecimal amount) throws IOException {
            return "charged " + amount;
        }

        private String chargeFallback(BigDecimal amount, Exception e) {
            return "queued";
        }
    }

    @CircuitBreaker(name = "typed")
    static class Typed {

        public void run() {
        }
    }

    static class MissingFallback {

        @CircuitBreaker(name = "payment_api", fallbackMethod = "chargeFallback")
        public String charge(BigDecimal amount) {
            return "charged";
        }

        String chargeFallback(BigDecimal amount) {
            return "no exception parameter";
        }
    }

    static class IllTypedFallback {

        @CircuitBreaker(name = "payment_api", fallbackMethod = "chargeFallback")
        public String charge(BigDecimal amount) {
            return "charged";
        }

        Integer chargeFallback(BigDecimal amount, IOException e) {
            return 0;
        }
    }

    static class IllTypedAsyncFallback {

        @CircuitBreaker(name = "async", fallbackMethod = "load")
        public CompletableFuture<String> load() {
            return CompletableFuture.completedFuture("v");
        }

        CompletableFuture<Integer> load(Exception e) {
            return CompletableFuture.completedFuture(0);
        }
    }

    static class ErrorFallback {

        @CircuitBreaker(name = "errors", fallbackMethod = "recover")
        public String call() {
            return "v";
        }

        String recover(OutOfMemoryError e) {
            return "never";
        }
    }

    static class BlankName {

        @CircuitBreaker(name = " ")
        public String call() {
            return "v";
        }
    }

    static class Unreachable {

        @CircuitBreaker(name = "final")
        public final String finalMethod() {
            return "v";
        }

        @CircuitBreaker(name = "private")
        private String privateMethod() {
            return "v";
        }

        @CircuitBreaker(name = "static")
        public static String staticMethod() {
            return "v";
        }
    }
}
