package io.fluxgate.sample.payments;

import java.math.BigDecimal;
import java.util.concurrent.CompletableFuture;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The endpoints a person curls: {@code /payments/charge?amount=10} (synchronous, breaker {@code payment_api}),
 * {@code /payments/refund?amount=10} (asynchronous, breaker {@code refund_api}) and
 * {@code /payments/charge-http?amount=10} (the HTTP service client {@link ProviderApi} through Spring Cloud Circuit
 * Breaker, breaker {@code provider}). All answer {@code 200} with a {@link PaymentResult}: the provider's receipt
 * or the fallback's answer.
 */
@RestController
@RequestMapping("/payments")
class PaymentController {

    private final PaymentClient payments;

    private final RefundClient refunds;

    private final ProviderApi provider;

    PaymentController(PaymentClient payments, RefundClient refunds, ProviderApi provider) {
        this.payments = payments;
        this.refunds = refunds;
        this.provider = provider;
    }

    @RequestMapping(path = "/charge", method = { RequestMethod.GET, RequestMethod.POST })
    PaymentResult charge(@RequestParam(defaultValue = "10") BigDecimal amount) {
        return this.payments.charge(amount);
    }

    @RequestMapping(path = "/refund", method = { RequestMethod.GET, RequestMethod.POST })
    CompletableFuture<PaymentResult> refund(@RequestParam(defaultValue = "10") BigDecimal amount) {
        return this.refunds.refund(amount);
    }

    @RequestMapping(path = "/charge-http", method = { RequestMethod.GET, RequestMethod.POST })
    PaymentResult chargeThroughHttpServiceClient(@RequestParam(defaultValue = "10") BigDecimal amount) {
        return this.provider.charge(new ProviderApi.Amount(amount)).toResult();
    }
}
