package io.fluxgate.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Fluxgate sample app: a payment client protected by circuit breakers, calling a flaky payment provider
 * that the same application serves under {@code /provider/**}. Flip the provider's chaos switch
 * ({@code POST /chaos}) and watch {@code /actuator/fluxgate} open, half-open and close the breakers.
 *
 * <p>Run it from the repository root with {@code ./mvnw -pl fluxgate-sample-app -am spring-boot:run}.
 */
@SpringBootApplication
public class SampleApplication {

    /**
     * Starts the application.
     *
     * @param args command-line arguments, passed to Spring Boot
     */
    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
