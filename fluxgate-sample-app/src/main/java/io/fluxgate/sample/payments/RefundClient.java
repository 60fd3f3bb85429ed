package io.fluxgate.sample.payments;

import io.fluxgate.CallNotPermittedException;
import io.fluxgate.spring.CircuitBreaker;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;

/**
 * Refunds payments asynchronously, protected by the {@code refund_api} breaker: the method returns a
 * {@link CompletableFuture}, so the breaker records the outcome when the future completes, and a rejected call
 * returns at once without starting the HTTP request.
 */
@Service
public class RefundClient implements DisposableBean {

    private final RestClient provider;

    private final ExecutorService executor = Executors.newFixedThreadPool(8);

    RefundClient(@Lazy RestClient providerRestClient) {
        this.provider = providerRestClient;
    }

    /**
     * Refunds {@code amount} on a background thread.
     *
     * @param amount the amount to refund
     * @return the provider's receipt, or a fallback's answer, when the call completes
     */
    @CircuitBreaker(name = "refund_api", fallbackMethod = "refundFallback")
    public CompletableFuture<PaymentResult> refund(BigDecimal amount) {
        return CompletableFuture.supplyAsync(() -> {
            Map<?, ?> receipt = this.provider.post()
                    .uri("/refunds")
                    .body(Map.of("amount", amount))
                    .retrieve()
                    .body(Map.class);
            return new PaymentResult("refunded", amount, String.valueOf(receipt.get("receipt")), null);
        }, this.executor);
    }

    /** The breaker is open: the request was never sent. An async fallback may return the value itself. */
    PaymentResult refundFallback(BigDecimal amount, CallNotPermittedException rejected) {
        return new PaymentResult("queued", amount, null, rejected.getMessage());
    }

    /** Any other exception, unwrapped from the future's {@code CompletionException}. */
    PaymentResult refundFallback(BigDecimal amount, Exception failed) {
        return new PaymentResult("failed", amount, null, PaymentResult.describe(failed));
    }

    @Override
    public void destroy() {
        this.executor.shutdownNow();
    }
}
