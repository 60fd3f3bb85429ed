package io.fluxgate.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.Ticker;
import io.fluxgate.spring.CircuitBreaker;
import io.fluxgate.trippers.FailureStreak;
import io.fluxgate.windows.TimeWindow;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How often an annotated call reads its breaker's ticker: twice when it is timed, never when it is not. */
class AnnotatedCallTimingTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class,
                    FluxgateAspectAutoConfiguration.class))
            .withUserConfiguration(Breakers.class);

    @Test
    void aTimedCountWindowCallReadsTheTickerTwiceAndRecordsItsDuration() {
        runner.run(context -> {
            Breakers breakers = context.getBean(Breakers.class);
            Calls calls = context.getBean(Calls.class);
            breakers.reads.set(0);

            calls.timed();

            assertThat(breakers.reads).hasValue(2);
            assertThat(breaker(context, "timed").info().metric().totalDuration()).isEqualTo(Duration.ofMillis(3));
        });
    }

    @Test
    void anUntimedCountWindowCallReadsNoTicker() {
        runner.run(context -> {
            Breakers breakers = context.getBean(Breakers.class);
            Calls calls = context.getBean(Calls.class);
            breakers.reads.set(0);

            calls.untimed();
            calls.untimedStage().toCompletableFuture().join();

            assertThat(breakers.reads).hasValue(0);
            assertThat(breaker(context, "untimed").info().metric().totalCount()).isEqualTo(2);
        });
    }

    @Test
    void anUntimedTimeWindowCallReadsTheTickerOnceForTheWindow() {
        runner.run(context -> {
            Breakers breakers = context.getBean(Breakers.class);
            Calls calls = context.getBean(Calls.class);
            breakers.reads.set(0);

            calls.untimedTimeWindow();

            assertThat(breakers.reads).hasValue(1);
            assertThat(breaker(context, "untimed-time").info().metric().totalCount()).isEqualTo(1);
        });
    }

    private static io.fluxgate.CircuitBreaker breaker(
            org.springframework.context.ApplicationContext context, String name) {
        return context.getBean(CircuitBreakerRegistry.class).get(name).orElseThrow();
    }

    @Configuration(proxyBeanMethods = false)
    static class Breakers {

        final AtomicLong nanos = new AtomicLong();
        final AtomicInteger reads = new AtomicInteger();
        final Ticker ticker = () -> {
            reads.incrementAndGet();
            return nanos.get();
        };

        @Bean
        CircuitBreakerRegistry circuitBreakerRegistry() {
            CircuitBreakerRegistry registry = new CircuitBreakerRegistry();
            registry.register(io.fluxgate.CircuitBreaker.builder("timed").ticker(ticker).build());
            registry.register(io.fluxgate.CircuitBreaker.builder("untimed").ticker(ticker)
                    .measureDurations(false).tripper(new FailureStreak(3)).build());
            registry.register(io.fluxgate.CircuitBreaker.builder("untimed-time").ticker(ticker)
                    .measureDurations(false).window(new TimeWindow(10)).tripper(new FailureStreak(3)).build());
            return registry;
        }

        @Bean
        Calls calls() {
            return new Calls(nanos);
        }
    }

    static class Calls {

        private final AtomicLong nanos;

        Calls(AtomicLong nanos) {
            this.nanos = nanos;
        }

        @CircuitBreaker(name = "timed")
        public String timed() {
            nanos.addAndGet(Duration.ofMillis(3).toNanos());
            return "ok";
        }

        @CircuitBreaker(name = "untimed")
        public String untimed() {
            nanos.addAndGet(Duration.ofMillis(3).toNanos());
            return "ok";
        }

        @CircuitBreaker(name = "untimed")
        public CompletionStage<String> untimedStage() {
            return CompletableFuture.completedFuture("ok");
        }

        @CircuitBreaker(name = "untimed-time")
        public String untimedTimeWindow() {
            return "ok";
        }
    }
}
