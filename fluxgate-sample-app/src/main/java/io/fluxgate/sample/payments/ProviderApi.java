package io.fluxgate.sample.payments;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.PostExchange;

/**
 * The payment provider's charge API as a Spring HTTP service client: an interface that Spring implements, in the
 * HTTP service group {@code provider} ({@link ProviderApiConfiguration}). Spring Cloud Circuit Breaker guards the
 * group with the Fluxgate breaker of the same name, {@code fluxgate.breakers.provider} in {@code application.yml}.
 */
interface ProviderApi {

    @PostExchange("/charges")
    Charge charge(@RequestBody Amount request);

    /**
     * A charge request.
     *
     * @param amount the amount to charge
     */
    record Amount(BigDecimal amount) {
    }

    /**
     * The provider's answer ({@code receipt} and {@code amount}), or the fallback's ({@code status} and
     * {@code detail}, no receipt).
     *
     * @param receipt the provider's receipt id, or {@code null} when the fallback answered
     * @param amount  the amount asked for
     * @param status  {@code null} when the provider answered, else a {@link PaymentResult#status()}
     * @param detail  why the fallback answered
     */
    record Charge(@Nullable String receipt, BigDecimal amount, @Nullable String status, @Nullable String detail) {

        PaymentResult toResult() {
            return this.receipt != null
                    ? new PaymentResult("charged", this.amount, this.receipt, null)
                    : new PaymentResult(String.valueOf(this.status), this.amount, null, this.detail);
        }
    }
}
