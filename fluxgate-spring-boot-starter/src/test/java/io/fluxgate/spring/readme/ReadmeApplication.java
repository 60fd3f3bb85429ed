package io.fluxgate.spring.readme;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The application of README.md's Spring Boot quick start, with a gateway that cannot be reached. */
@SpringBootApplication
public class ReadmeApplication {

    @Bean
    UnreachableGateway gateway() {
        return new UnreachableGateway();
    }

    /** A {@link PaymentGateway} whose every charge fails, counting the attempts. */
    public static final class UnreachableGateway implements PaymentGateway {

        private final AtomicInteger charges = new AtomicInteger();

        /** How often {@link #charge} ran. */
        public int charges() {
            return charges.get();
        }

        @Override
        public String charge(String orderId) throws IOException {
            charges.incrementAndGet();
            throw new java.net.ConnectException("connection refused");
        }

        @Override
        public CompletableFuture<Integer> stock(String sku) {
            return CompletableFuture.completedFuture(7);
        }
    }
}
