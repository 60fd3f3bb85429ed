package io.fluxgate.sample.payments;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * What the sample's payment endpoints answer: the provider's receipt, or what a fallback decided instead.
 *
 * @param status  {@code charged} or {@code refunded} when the provider answered; {@code queued} when the
 *                breaker rejected the call (fallback); {@code failed} when the call failed (fallback);
 *                {@code declined} when the provider refused the request itself (4xx, fallback)
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
}
