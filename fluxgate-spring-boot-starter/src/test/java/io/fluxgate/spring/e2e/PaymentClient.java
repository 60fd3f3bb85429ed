package io.fluxgate.spring.e2e;

import io.fluxgate.CallNotPermittedException;
import io.fluxgate.spring.CircuitBreaker;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Service;

/**
 * The annotated bean: {@code payment_api} is configured in YAML, {@code ledger} exists only through its
 * annotation and is built from {@code fluxgate.defaults}. Fallbacks remember what they were given.
 */
@Service
public class PaymentClient {

    private final FakeDownstream downstream;
    private final List<Exception> fallbackErrors = new CopyOnWriteArrayList<>();

    PaymentClient(FakeDownstream downstream) {
        this.downstream = downstream;
    }

    @CircuitBreaker(name = "payment_api", fallbackMethod = "chargeFallback")
    public String charge(int cents) {
        return downstream.charge(cents);
    }

    @CircuitBreaker(name = "ledger", fallbackMethod = "bookFallback")
    public CompletableFuture<String> book(int cents) {
        return downstream.book(cents);
    }

    /** Every exception a fallback received, oldest first. */
    public List<Exception> fallbackErrors() {
        return fallbackErrors;
    }

    private String chargeFallback(int cents, CallNotPermittedException rejected) {
        fallbackErrors.add(rejected);
        return "queued " + cents;
    }

    private String chargeFallback(int cents, Exception failed) {
        fallbackErrors.add(failed);
        return "failed " + cents;
    }

    private String bookFallback(int cents, Exception failed) {
        fallbackErrors.add(failed);
        return "deferred " + cents;
    }
}
