/**
 * The payment clients protected by the {@code payment_api} and {@code refund_api} breakers (annotations) and the
 * {@code provider} breaker (an HTTP service client through Spring Cloud Circuit Breaker), and the endpoints that
 * call them.
 */
@NullMarked
package io.fluxgate.sample.payments;

import org.jspecify.annotations.NullMarked;
