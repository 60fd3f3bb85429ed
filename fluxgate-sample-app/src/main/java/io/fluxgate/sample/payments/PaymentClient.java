package io.fluxgate.sample.payments;

import io.fluxgate.CallNotPermittedException;
import io.fluxgate.spring.CircuitBreaker;
import java.math.BigDecimal;
import java.util.Map;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * Charges payments through the provider's HTTP API, protected by the {@code payment_api} breaker.
 *
 * <p>The breaker's tracker (in {@code application.yml}) counts every {@code RestClientException} (5xx answers,
 * cut connections, timeouts) as a failure except {@code HttpClientErrorException}: a 4xx answer is the caller's
 * fault and leaves the breaker alone.
 */
@Service
public class PaymentClient {

    private final RestClient provider;

    PaymentClient(@Lazy RestClient providerRestClient) {
        this.provider = providerRestClient;
    }

    /**
     * Charges {@code amount}.
     *
     * @param amount the amount to charge
     * @return the provider's receipt, or a fallback's answer
     */
    @CircuitBreaker(name = "payment_api", fallbackMethod = "chargeFallback")
    public PaymentResult charge(BigDecimal amount) {
        Map<?, ?> receipt = this.provider.post()
                .uri("/charges")
                .body(Map.of("amount", amount))
                .retrieve()
                .body(Map.class);
        return new PaymentResult("charged", amount, String.valueOf(receipt.get("receipt")), null);
    }

    /** The breaker is open (or half-open and full): the call never left the application. */
    PaymentResult chargeFallback(BigDecimal amount, CallNotPermittedException rejected) {
        return new PaymentResult("queued", amount, null, rejected.getMessage());
    }

    /** The provider refused the request itself: not a failure of the provider, not tracked by the breaker. */
    PaymentResult chargeFallback(BigDecimal amount, HttpClientErrorException declined) {
        return new PaymentResult("declined", amount, null, PaymentResult.describe(declined));
    }

    /** Any other exception: the call ran and failed. */
    PaymentResult chargeFallback(BigDecimal amount, Exception failed) {
        return new PaymentResult("failed", amount, null, PaymentResult.describe(failed));
    }
}
