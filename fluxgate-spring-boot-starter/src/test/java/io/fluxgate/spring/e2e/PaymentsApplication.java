package io.fluxgate.spring.e2e;

import io.fluxgate.Ticker;
import io.fluxgate.spring.TestBreakers;
import io.fluxgate.spring.TestBreakers.ManualTicker;
import java.time.Clock;
import java.time.ZoneOffset;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A minimal application using the starter as a user would: Fluxgate is configured only by
 * {@code application-e2e.yml}; its only Fluxgate-related beans are the {@link Ticker} that lets tests move time
 * and a fixed {@link Clock} for the times the endpoint shows.
 */
@SpringBootApplication
public class PaymentsApplication {

    @Bean
    ManualTicker ticker() {
        return new ManualTicker();
    }

    @Bean
    Clock clock() {
        return Clock.fixed(TestBreakers.NOW, ZoneOffset.UTC);
    }

    @Bean
    FakeDownstream downstream(ManualTicker ticker) {
        return new FakeDownstream(ticker);
    }
}
