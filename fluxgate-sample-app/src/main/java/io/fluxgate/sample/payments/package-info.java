/**
 * The payment clients protected by the {@code payment_api} and {@code refund_api} breakers, and the endpoints
 * that call them.
 */
@NullMarked
package io.fluxgate.sample.payments;

import org.jspecify.annotations.NullMarked;
