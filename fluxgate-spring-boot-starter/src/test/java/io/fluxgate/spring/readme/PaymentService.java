package io.fluxgate.spring.readme;

import io.fluxgate.CallNotPermittedException;
import io.fluxgate.spring.CircuitBreaker;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Service;

@Service
public class PaymentService {

    private final PaymentGateway gateway;

    public PaymentService(PaymentGateway gateway) {
        this.gateway = gateway;
    }

    @CircuitBreaker(name = "payment_api", fallbackMethod = "chargeFallback")
    public String charge(String orderId) throws IOException {
        return gateway.charge(orderId);
    }

    @CircuitBreaker(name = "inventory")           // not in YAML: built from fluxgate.defaults
    public CompletableFuture<Integer> stock(String sku) {
        return gateway.stock(sku);
    }

    private String chargeFallback(String orderId, CallNotPermittedException rejected) {
        return "queued " + orderId;                  // the breaker is open; the gateway was not called
    }

    private String chargeFallback(String orderId, IOException failed) {
        return "try again later";                    // the call ran and failed
    }
}
