package io.fluxgate.spring.aop;

import static io.fluxgate.spring.aop.CircuitBreakerInterceptorTests.metric;
import static io.fluxgate.spring.aop.CircuitBreakerInterceptorTests.state;
import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.CallNotPermittedException;
import io.fluxgate.State;
import io.fluxgate.spring.CircuitBreaker;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class StageCallsTests {

    private final ApplicationContextRunner runner = TestBreakers.runner().withUserConfiguration(Clients.class);

    @Test
    void recordsTheOutcomeWhenTheStageCompletes() {
        runner.run(context -> {
            AsyncClient client = context.getBean(AsyncClient.class);
            CompletableFuture<String> pending = new CompletableFuture<>();
            client.answerWith(pending);
            CompletableFuture<String> result = client.load("k");
            assertThat(result).isNotDone();
            assertThat(metric(context, "async").totalCount()).isZero();
            pending.complete("v");
            assertThat(result).isCompletedWithValue("v");
            assertThat(metric(context, "async").totalCount()).isEqualTo(1);
        });
    }

    @Test
    void failsTheFutureWithoutInvokingTheMethodWhenRejected() {
        runner.run(context -> {
            AsyncClient client = context.getBean(AsyncClient.class);
            IOException failure = new IOException("down");
            client.answerWith(CompletableFuture.failedFuture(failure));
            assertThat(client.load("k")).isCompletedExceptionally();
            assertThat(client.load("k")).failsWithin(java.time.Duration.ZERO).withThrowableThat()
                    .withCause(failure);
            assertThat(state(context, "async")).isEqualTo(State.OPEN);
            CompletableFuture<String> rejected = client.load("k");
            assertThat(rejected).failsWithin(java.time.Duration.ZERO).withThrowableThat()
                    .withCauseInstanceOf(CallNotPermittedException.class);
            assertThat(client.calls()).isEqualTo(2);
        });
    }

    @Test
    void aMethodThatThrowsCountsAsAFailedStage() {
        runner.run(context -> {
            AsyncClient client = context.getBean(AsyncClient.class);
            client.answerWith(null);
            assertThat(client.throwing()).failsWithin(java.time.Duration.ZERO).withThrowableThat()
                    .withCauseInstanceOf(IllegalStateException.class);
            assertThat(metric(context, "async").failureCount()).isEqualTo(1);
        });
    }

    @Test
    void aFallbackMayReturnTheValue() {
        runner.run(context -> {
            AsyncClient client = context.getBean(AsyncClient.class);
            client.answerWith(CompletableFuture.failedFuture(new IOException("down")));
            assertThat(client.loadOrValue("k").toCompletableFuture()).isCompletedWithValue("value k: IOException");
            client.loadOrValue("k");
            assertThat(client.loadOrValue("k").toCompletableFuture())
                    .isCompletedWithValue("value k: CallNotPermittedException");
            assertThat(client.calls()).isEqualTo(2);
        });
    }

    @Test
    void aFallbackMayReturnAStage() {
        runner.run(context -> {
            AsyncClient client = context.getBean(AsyncClient.class);
            client.answerWith(CompletableFuture.failedFuture(new IOException("down")));
            assertThat(client.loadOrStage("k")).isCompletedWithValue("stage k: IOException");
        });
    }

    @Test
    void cancellingTheFutureReleasesTheHalfOpenSlot() {
        runner.run(context -> {
            AsyncClient client = context.getBean(AsyncClient.class);
            client.answerWith(CompletableFuture.failedFuture(new IOException("down")));
            client.loadOrStage("k");
            client.loadOrStage("k");
            context.getBean(AtomicLong.class).addAndGet(TestBreakers.COOLDOWN.toNanos());
            client.answerWith(new CompletableFuture<>());
            CompletableFuture<String> probe = client.loadOrStage("k");
            assertThat(state(context, "async-stage")).isEqualTo(State.HALF_OPEN);
            assertThat(client.loadOrStage("k")).isCompletedWithValue("stage k: CallNotPermittedException");
            probe.cancel(true);
            client.answerWith(CompletableFuture.completedFuture("v"));
            assertThat(client.loadOrStage("k")).isCompletedWithValue("v");
            assertThat(state(context, "async-stage")).isEqualTo(State.CLOSED);
        });
    }

    @Test
    void aCallerTimeoutEndsAHungProbeAndStandsOverTheFallback() {
        runner.run(context -> {
            AsyncClient client = context.getBean(AsyncClient.class);
            client.answerWith(CompletableFuture.failedFuture(new IOException("down")));
            client.loadOrStage("k");
            client.loadOrStage("k");
            context.getBean(AtomicLong.class).addAndGet(TestBreakers.COOLDOWN.toNanos());
            client.answerWith(new CompletableFuture<>());
            CompletableFuture<String> probe = client.loadOrStage("k");
            assertThat(state(context, "async-stage")).isEqualTo(State.HALF_OPEN);

            assertThat(probe.completeExceptionally(new TimeoutException())).isTrue();

            assertThat(probe).failsWithin(java.time.Duration.ZERO).withThrowableThat()
                    .withCauseInstanceOf(TimeoutException.class);
            assertThat(metric(context, "async-stage").failureCount()).as("the timeout is a failed probe")
                    .isEqualTo(1);
            client.answerWith(CompletableFuture.completedFuture("v"));
            assertThat(client.loadOrStage("k")).as("the slot is free").isCompletedWithValue("v");
            assertThat(state(context, "async-stage")).isEqualTo(State.CLOSED);
        });
    }

    @Test
    void aCallerValueReleasesAHungProbeWithoutAFallbackToo() {
        runner.run(context -> {
            AsyncClient client = context.getBean(AsyncClient.class);
            client.answerWith(CompletableFuture.failedFuture(new IOException("down")));
            client.load("k");
            client.load("k");
            context.getBean(AtomicLong.class).addAndGet(TestBreakers.COOLDOWN.toNanos());
            client.answerWith(new CompletableFuture<>());
            CompletableFuture<String> probe = client.load("k");

            assertThat(probe.complete("cached")).isTrue();

            assertThat(metric(context, "async").totalCount()).isZero();
            client.answerWith(CompletableFuture.completedFuture("v"));
            assertThat(client.load("k")).as("the slot is free").isCompletedWithValue("v");
            assertThat(state(context, "async")).isEqualTo(State.CLOSED);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class Clients {

        @Bean
        AsyncClient asyncClient() {
            return new AsyncClient();
        }
    }

    static class AsyncClient {

        private final AtomicInteger calls = new AtomicInteger();
        private volatile CompletableFuture<String> answer;

        void answerWith(CompletableFuture<String> answer) {
            this.answer = answer;
        }

        int calls() {
            return calls.get();
        }

        @CircuitBreaker(name = "async")
        public CompletableFuture<String> load(String key) {
            calls.incrementAndGet();
            return answer;
        }

        @CircuitBreaker(name = "async")
        public CompletionStage<String> throwing() {
            throw new IllegalStateException("before any stage");
        }

        @CircuitBreaker(name = "async-value", fallbackMethod = "value")
        public CompletionStage<String> loadOrValue(String key) {
            calls.incrementAndGet();
            return answer;
        }

        @CircuitBreaker(name = "async-stage", fallbackMethod = "stage")
        public CompletableFuture<String> loadOrStage(String key) {
            calls.incrementAndGet();
            return answer;
        }

        String value(String key, Exception e) {
            return "value " + key + ": " + e.getClass().getSimpleName();
        }

        CompletionStage<String> stage(String key, Exception e) {
            return CompletableFuture.completedFuture("stage " + key + ": " + e.getClass().getSimpleName());
        }
    }
}
