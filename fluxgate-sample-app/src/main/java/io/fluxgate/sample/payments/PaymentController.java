package io.fluxgate.sample.payments;

import java.math.BigDecimal;
import java.util.concurrent.CompletableFuture;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The endpoints a person curls: {@code /payments/charge?amount=10} (synchronous, breaker {@code payment_api}),
 * {@code /payments/refund?amount=10} (asynchronous, breaker {@code refund_api}),
 * {@code /payments/charge-http?amount=10} (the HTTP service client {@link ProviderApi} through Spring Cloud Circuit
 * Breaker, breaker {@code provider}) and {@code /payments/charge-at?host=127.0.0.1&amount=10} (one of two provider
 * hosts, through the keyed family {@code provider_hosts}: a breaker per host). All answer {@code 200} with a
 * {@link PaymentResult}: the provider's receipt or what a fallback or the client decided instead.
 */
@RestController
@RequestMapping("/payments")
class PaymentController {

    private final PaymentClient payments;

    private final RefundClient refunds;

    private final ProviderApi provider;

    private final ProviderHostsClient hosts;

    PaymentController(PaymentClient payments, RefundClient refunds, ProviderApi provider,
            ProviderHostsClient hosts) {
        this.payments = payments;
        this.refunds = refunds;
        this.provider = provider;
        this.hosts = hosts;
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

    @RequestMapping(path = "/charge-at", method = { RequestMethod.GET, RequestMethod.POST })
    PaymentResult chargeAtHost(@RequestParam String host, @RequestParam(defaultValue = "10") BigDecimal amount) {
        return this.hosts.charge(host, amount);
    }
}
