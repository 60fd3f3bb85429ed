package io.fluxgate.spring.aop;

import io.fluxgate.CircuitBreaker;
import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.retries.Cooldown;
import io.fluxgate.spring.CircuitBreakerFactory;
import io.fluxgate.trippers.FailureStreak;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the main auto-configuration will provide, for these tests: a registry and a factory whose breakers open
 * after two failures in a row, wait {@link #COOLDOWN}, admit one probe at a time, and read time from the
 * {@code AtomicLong} bean.
 */
@Configuration(proxyBeanMethods = false)
class TestBreakers {

    static final Duration COOLDOWN = Duration.ofSeconds(10);

    static ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class,
                        FluxgateAspectAutoConfiguration.class))
                .withUserConfiguration(TestBreakers.class);
    }

    @Bean
    AtomicLong time() {
        return new AtomicLong();
    }

    @Bean
    CircuitBreakerRegistry circuitBreakerRegistry() {
        return new CircuitBreakerRegistry();
    }

    @Bean
    CircuitBreakerFactory circuitBreakerFactory(AtomicLong time) {
        return name -> CircuitBreaker.builder(name)
                .ticker(time::get)
                .tripper(new FailureStreak(2))
                .retry(new Cooldown(COOLDOWN))
                .permit(new io.fluxgate.permits.All())
                .maxHalfOpenCalls(1)
                .build();
    }
}
