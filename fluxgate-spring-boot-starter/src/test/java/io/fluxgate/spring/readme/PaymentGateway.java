package io.fluxgate.spring.readme;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/** The remote service behind {@link PaymentService} in README.md's Spring Boot quick start. */
public interface PaymentGateway {

    /**
     * Charges an order.
     *
     * @param orderId the order
     * @return a receipt
     * @throws IOException when the service cannot be reached
     */
    String charge(String orderId) throws IOException;

    /**
     * Looks up the stock of an article.
     *
     * @param sku the article
     * @return how many are in stock
     */
    CompletableFuture<Integer> stock(String sku);
}
