package io.fluxgate.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.CallNotPermittedException;
import io.fluxgate.spring.CircuitBreaker;
import io.fluxgate.spring.aot.AheadOfTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.NestedExceptionUtils;

class CircuitBreakerMethodsAotProcessorTests {

    @Test
    void hintsTheAnnotatedMethodAndEveryOverloadOfItsFallback() throws Exception {
        RuntimeHints hints = hints(Payments.class);

        assertThat(hints).matches(invocation(Payments.class.getMethod("charge", BigDecimal.class)))
                .matches(invocation(Payments.class.getDeclaredMethod("chargeFallback", BigDecimal.class,
                        CallNotPermittedException.class)))
                .matches(invocation(Payments.class.getDeclaredMethod("chargeFallback", BigDecimal.class,
                        Exception.class)));
    }

    @Test
    void hintsAsyncMethodsAndAFallbackInheritedFromASuperclass() throws Exception {
        RuntimeHints hints = hints(Refunds.class);

        assertThat(hints).matches(invocation(Refunds.class.getMethod("refund", BigDecimal.class)))
                .matches(invocation(BaseRefunds.class.getDeclaredMethod("refundFallback", BigDecimal.class,
                        IOException.class)));
    }

    @Test
    void hintsNoPackagePrivateMethodButTheFallbacks() throws Exception {
        RuntimeHints hints = hints(Payments.class);

        assertThat(hints).matches(invocation(Payments.class.getDeclaredMethod("unrelated", BigDecimal.class,
                Exception.class)).negate());
    }

    @Test
    void hintsTheParameterTypesOfAKeyedMethodForItsKeyExpression() throws Exception {
        RuntimeHints hints = hints(Tenants.class);

        assertThat(hints).matches(invocation(Tenants.class.getMethod("load", Request.class)))
                .matches(invocation(Request.class.getMethod("tenantId")));
    }

    @Test
    void aBadFallbackFailsTheBuildWithTheMessageStartUpGives() {
        assertThatThrownBy(() -> hints(MissingFallback.class))
                .satisfies(failure -> assertThat(NestedExceptionUtils.getMostSpecificCause(failure))
                        .isInstanceOf(InvalidCircuitBreakerAnnotationException.class)
                        .hasMessage("@CircuitBreaker(name = \"payment_api\") on MissingFallback.charge(BigDecimal):"
                                + " fallback method 'chargeFallback' not found; expected a method"
                                + " chargeFallback(BigDecimal, <Exception type>) returning String in class "
                                + MissingFallback.class.getName()));
    }

    /**
     * Without the aspect, so that no proxy is built: Spring's hints for a proxied class would cover its own
     * methods whatever this processor does.
     */
    private static RuntimeHints hints(Class<?> bean) {
        return AheadOfTime.hints(new Class<?>[] { bean });
    }

    private static Predicate<RuntimeHints> invocation(Method method) {
        return RuntimeHintsPredicates.reflection().onMethodInvocation(method);
    }

    static class Payments {

        @CircuitBreaker(name = "payment_api", fallbackMethod = "chargeFallback")
        public String charge(BigDecimal amount) {
            return "charged " + amount;
        }

        String chargeFallback(BigDecimal amount, CallNotPermittedException rejected) {
            return "queued";
        }

        String chargeFallback(BigDecimal amount, Exception failed) {
            return "failed";
        }

        String unrelated(BigDecimal amount, Exception failed) {
            return "never";
        }
    }

    static class BaseRefunds {

        String refundFallback(BigDecimal amount, IOException failed) {
            return "failed";
        }
    }

    static class Refunds extends BaseRefunds {

        @CircuitBreaker(name = "refund_api", fallbackMethod = "refundFallback")
        public CompletableFuture<String> refund(BigDecimal amount) {
            return CompletableFuture.failedFuture(new UncheckedIOException(new IOException("down")));
        }
    }

    record Request(String tenantId) {
    }

    static class Tenants {

        @CircuitBreaker(name = "tenants", key = "#request.tenantId")
        public String load(Request request) {
            return request.tenantId();
        }
    }

    static class MissingFallback {

        @CircuitBreaker(name = "payment_api", fallbackMethod = "chargeFallback")
        public String charge(BigDecimal amount) {
            return "charged";
        }
    }
}
