package io.fluxgate.sample.payments;

import io.fluxgate.CallNotPermittedException;
import org.springframework.web.client.HttpClientErrorException;

/**
 * What the {@code provider} group's client answers when a call fails or its breaker rejects it: Spring Cloud calls
 * the method with {@link ProviderApi}'s signature, what the call threw first.
 */
public class ProviderApiFallback {

    /** Spring Cloud creates it reflectively. */
    public ProviderApiFallback() {
    }

    /**
     * Answers a charge the provider did not make.
     *
     * @param failure what the call threw; {@link CallNotPermittedException} when the breaker rejected it
     * @param request the charge asked for
     * @return an answer without a receipt
     */
    public ProviderApi.Charge charge(Throwable failure, ProviderApi.Amount request) {
        if (failure instanceof CallNotPermittedException rejected) {
            return new ProviderApi.Charge(null, request.amount(), "queued", rejected.getMessage());
        }
        String status = failure instanceof HttpClientErrorException ? "declined" : "failed";
        String detail = failure instanceof Exception exception ? PaymentResult.describe(exception)
                : failure.toString();
        return new ProviderApi.Charge(null, request.amount(), status, detail);
    }
}
