package io.fluxgate.spring.readme;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/** The remote service behind {@link PaymentService} in README.md's Spring Boot quick start, shown there as is. */
public interface PaymentGateway {

    String charge(String orderId) throws IOException;

    CompletableFuture<Integer> stock(String sku);
}
