package io.fluxgate.sample.payments;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.web.client.RestClientResponseException;

/**
 * What the sample's payment endpoints answer: the provider's receipt, or what a fallback decided instead.
 *
 * @param status  {@code charged} or {@code refunded} when the provider answered; {@code queued} when the
 *                breaker rejected the call (fallback); {@code failed} when the call failed (fallback);
 *                {@code declined} when the provider refused the request itself (4xx, charges only, fallback)
 * @param amount  the amount asked for
 * @param receipt the provider's receipt id, or {@code null} when a fallback answered
 * @param detail  a human-readable explanation, e.g. the exception a fallback received, or {@code null}
 */
public record PaymentResult(String status, BigDecimal amount, @Nullable String receipt, @Nullable String detail) {

    /**
     * Whether a fallback produced this answer.
     *
     * @return {@code true} unless the provider answered
     */
    public boolean fromFallback() {
        return this.receipt == null;
    }

    /**
     * A short description of why a call failed, for {@link #detail()}.
     *
     * @param failure what the call threw
     * @return e.g. {@code 503 SERVICE_UNAVAILABLE from the provider} or
     *         {@code ResourceAccessException caused by HttpTimeoutException}
     */
    static String describe(Exception failure) {
        if (failure instanceof RestClientResponseException response) {
            return response.getStatusCode() + " from the provider";
        }
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
        String text = name(failure);
        return cause == failure ? text : text + " caused by " + name(cause);
    }

    private static String name(Throwable error) {
        String type = error.getClass().getSimpleName();
        return error.getMessage() == null ? type : type + ": " + error.getMessage();
    }
}
