package io.fluxgate.spring.aop;

import static io.fluxgate.spring.aop.CircuitBreakerInterceptorTests.metric;
import static io.fluxgate.spring.aop.CircuitBreakerInterceptorTests.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.CallNotPermittedException;
import io.fluxgate.CallOutcome;
import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.State;
import io.fluxgate.spring.CircuitBreaker;
import io.fluxgate.spring.autoconfigure.FluxgateAutoConfiguration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.resilience.InvocationRejectedException;
import org.springframework.resilience.annotation.ConcurrencyLimit;
import org.springframework.resilience.annotation.ConcurrencyLimit.ThrottlePolicy;
import org.springframework.resilience.annotation.EnableResilientMethods;
import org.springframework.resilience.annotation.Retryable;

/**
 * {@code @CircuitBreaker} together with Spring Framework's {@code @Retryable} and {@code @ConcurrencyLimit}
 * ({@code @EnableResilientMethods}), whose post-processors put their advice in front of existing advice: with the
 * default placement the breaker runs inside them whatever {@code fluxgate.aspect-order} says, with
 * {@code fluxgate.aspect-placement: outermost} in front of them. Breakers open after two failures in a row.
 */
class ResilientMethodsCompositionTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, FluxgateAutoConfiguration.class,
                    FluxgateAspectAutoConfiguration.class))
            .withUserConfiguration(Resilient.class)
            .withPropertyValues("fluxgate.defaults.tripper=FailureStreak(2)");

    @Test
    void byDefaultEachAttemptIsABreakerCallAndTheRetryRetriesTheBreakersRejection() {
        runner.run(ResilientMethodsCompositionTests::eachAttemptIsABreakerCall);
    }

    @Test
    void theHighestPrecedenceAspectOrderStillLeavesTheBreakerInsideTheRetry() {
        runner.withPropertyValues("fluxgate.aspect-order=" + Integer.MIN_VALUE)
                .run(ResilientMethodsCompositionTests::eachAttemptIsABreakerCall);
    }

    /** Two failed attempts open the breaker; the retry's third attempt is a rejection, retried like a failure. */
    private static void eachAttemptIsABreakerCall(AssertableApplicationContext context) {
        Downstream downstream = context.getBean(Downstream.class);

        assertThatThrownBy(downstream::retried).isInstanceOf(CallNotPermittedException.class);

        assertThat(downstream.calls("retried")).as("target calls").isEqualTo(2);
        assertThat(count(context, "retried", CallOutcome.FAILURE)).isEqualTo(2);
        assertThat(count(context, "retried", CallOutcome.REJECTED)).isEqualTo(1);
        assertThat(state(context, "retried")).isEqualTo(State.OPEN);
    }

    @Test
    void excludingCallNotPermittedExceptionStopsTheRetryAtTheFirstRejection() {
        runner.run(context -> {
            Downstream downstream = context.getBean(Downstream.class);

            // maxRetries = 5: without the exclusion the four attempts after the breaker opened would be rejections
            assertThatThrownBy(downstream::rejectionNotRetried).isInstanceOf(CallNotPermittedException.class);
            assertThat(downstream.calls("rejectionNotRetried")).as("target calls").isEqualTo(2);
            assertThat(count(context, "rejectionNotRetried", CallOutcome.FAILURE)).isEqualTo(2);
            assertThat(count(context, "rejectionNotRetried", CallOutcome.REJECTED)).isEqualTo(1);

            assertThatThrownBy(downstream::rejectionNotRetried).isInstanceOf(CallNotPermittedException.class);
            assertThat(downstream.calls("rejectionNotRetried")).as("target calls").isEqualTo(2);
            assertThat(count(context, "rejectionNotRetried", CallOutcome.REJECTED)).isEqualTo(2);
        });
    }

    @Test
    void outermostPlacementRecordsOneOutcomePerRetriedCall() {
        runner.withPropertyValues("fluxgate.aspect-placement=outermost").run(context -> {
            Downstream downstream = context.getBean(Downstream.class);

            assertThatThrownBy(downstream::retried).isInstanceOf(IllegalStateException.class).hasMessage("down");
            assertThat(downstream.calls("retried")).as("target calls: three attempts").isEqualTo(3);
            assertThat(metric(context, "retried").totalCount()).isEqualTo(1);
            assertThat(metric(context, "retried").failureCount()).isEqualTo(1);
            assertThat(state(context, "retried")).isEqualTo(State.CLOSED);

            assertThatThrownBy(downstream::retried).isInstanceOf(IllegalStateException.class);
            assertThat(downstream.calls("retried")).isEqualTo(6);
            assertThat(count(context, "retried", CallOutcome.FAILURE)).isEqualTo(2);
            assertThat(state(context, "retried")).isEqualTo(State.OPEN);

            // The rejection comes from outside the retry, so it is not retried and no attempt runs.
            assertThatThrownBy(downstream::retried).isInstanceOf(CallNotPermittedException.class);
            assertThat(downstream.calls("retried")).isEqualTo(6);
            assertThat(count(context, "retried", CallOutcome.REJECTED)).isEqualTo(1);
        });
    }

    @Test
    void outermostPlacementRecordsARetriedCallThatSucceedsAsOneSuccess() {
        runner.withPropertyValues("fluxgate.aspect-placement=outermost").run(context -> {
            Downstream downstream = context.getBean(Downstream.class);

            assertThat(downstream.succeedsOnThirdAttempt()).isEqualTo("third attempt");
            assertThat(count(context, "succeedsOnThirdAttempt", CallOutcome.SUCCESS)).isEqualTo(1);
            assertThat(count(context, "succeedsOnThirdAttempt", CallOutcome.FAILURE)).isZero();
        });
    }

    @Test
    void byDefaultTheFailedAttemptsOfACallThatWouldSucceedOpenTheBreaker() {
        runner.run(context -> {
            Downstream downstream = context.getBean(Downstream.class);

            assertThatThrownBy(downstream::succeedsOnThirdAttempt).isInstanceOf(CallNotPermittedException.class);
            assertThat(count(context, "succeedsOnThirdAttempt", CallOutcome.FAILURE)).isEqualTo(2);
            assertThat(state(context, "succeedsOnThirdAttempt")).isEqualTo(State.OPEN);
        });
    }

    @Test
    void byDefaultTheFallbackAnswersInsideTheRetrySoNothingIsRetried() {
        runner.run(context -> {
            Downstream downstream = context.getBean(Downstream.class);

            assertThat(downstream.withFallback()).isEqualTo("fallback: down");
            assertThat(downstream.calls("withFallback")).as("target calls").isEqualTo(1);
        });
    }

    @Test
    void withOutermostPlacementTheFallbackAnswersOnceTheRetriesAreOver() {
        runner.withPropertyValues("fluxgate.aspect-placement=outermost").run(context -> {
            Downstream downstream = context.getBean(Downstream.class);

            assertThat(downstream.withFallback()).isEqualTo("fallback: down");
            assertThat(downstream.calls("withFallback")).as("target calls").isEqualTo(3);
            assertThat(count(context, "withFallback", CallOutcome.FAILURE)).isEqualTo(1);
        });
    }

    @Test
    void concurrencyLimitRejectionsNeverReachTheBreaker() {
        runner.run(context -> {
            rejectWhileOneCallRuns(context, 3);

            assertThat(metric(context, "limited").totalCount()).as("window").isEqualTo(1);
            assertThat(count(context, "limited", CallOutcome.SUCCESS)).isEqualTo(1);
            for (CallOutcome outcome : new CallOutcome[] {CallOutcome.FAILURE, CallOutcome.IGNORED,
                    CallOutcome.REJECTED}) {
                assertThat(count(context, "limited", outcome)).as(outcome.name()).isZero();
            }
            assertThat(state(context, "limited")).isEqualTo(State.CLOSED);
        });
    }

    @Test
    void withOutermostPlacementConcurrencyLimitRejectionsAreFailuresUnlessTheTrackerLeavesThemOut() {
        runner.withPropertyValues("fluxgate.aspect-placement=outermost").run(context -> {
            rejectWhileOneCallRuns(context, 2);

            assertThat(count(context, "limited", CallOutcome.FAILURE)).isEqualTo(2);
            assertThat(state(context, "limited")).isEqualTo(State.OPEN);
        });
        runner.withPropertyValues("fluxgate.aspect-placement=outermost",
                "fluxgate.breakers.limited.tracker=~TypeOf(" + InvocationRejectedException.class.getName() + ")")
                .run(context -> {
                    rejectWhileOneCallRuns(context, 2);

                    assertThat(count(context, "limited", CallOutcome.IGNORED)).isEqualTo(2);
                    assertThat(metric(context, "limited").totalCount()).as("window: the one call that ran")
                            .isEqualTo(1);
                    assertThat(metric(context, "limited").failureCount()).isZero();
                    assertThat(state(context, "limited")).isEqualTo(State.CLOSED);
                });
    }

    /**
     * Holds the only permit of {@code limited} with a call on another thread, makes {@code rejections} calls that
     * the limit rejects, then lets the first call finish.
     */
    private static void rejectWhileOneCallRuns(AssertableApplicationContext context, int rejections)
            throws Exception {
        Downstream downstream = context.getBean(Downstream.class);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<String> running = CompletableFuture.supplyAsync(
                    () -> downstream.limited(entered, release), executor);
            assertThat(entered.await(10, TimeUnit.SECONDS)).as("the first call is running").isTrue();
            for (int i = 0; i < rejections; i++) {
                assertThatThrownBy(() -> downstream.limited(entered, release))
                        .isInstanceOf(InvocationRejectedException.class);
            }
            assertThat(downstream.calls("limited")).as("target calls").isEqualTo(1);
            release.countDown();
            assertThat(running.get(10, TimeUnit.SECONDS)).isEqualTo("done");
        } finally {
            release.countDown();
            executor.shutdownNow();
        }
    }

    private static long count(AssertableApplicationContext context, String name, CallOutcome outcome) {
        io.fluxgate.CallStatistics statistics = context.getBean(CircuitBreakerRegistry.class).get(name)
                .orElseThrow().statistics();
        return statistics.count(outcome, false) + statistics.count(outcome, true);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableResilientMethods
    static class Resilient {

        @Bean
        Downstream downstream() {
            return new Downstream();
        }
    }

    /** Counts the calls that reach each method; read through {@link #calls}, as the bean is a class proxy. */
    static class Downstream {

        private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

        public int calls(String method) {
            return calls.getOrDefault(method, new AtomicInteger()).get();
        }

        private int called(String method) {
            return calls.computeIfAbsent(method, name -> new AtomicInteger()).incrementAndGet();
        }


        @Retryable(maxRetries = 2, delay = 0)
        @CircuitBreaker(name = "retried")
        public String retried() {
            called("retried");
            throw new IllegalStateException("down");
        }

        @Retryable(maxRetries = 5, delay = 0, excludes = CallNotPermittedException.class)
        @CircuitBreaker(name = "rejectionNotRetried")
        public String rejectionNotRetried() {
            called("rejectionNotRetried");
            throw new IllegalStateException("down");
        }

        @Retryable(maxRetries = 2, delay = 0)
        @CircuitBreaker(name = "succeedsOnThirdAttempt")
        public String succeedsOnThirdAttempt() {
            if (called("succeedsOnThirdAttempt") < 3) {
                throw new IllegalStateException("down");
            }
            return "third attempt";
        }

        @Retryable(maxRetries = 2, delay = 0)
        @CircuitBreaker(name = "withFallback", fallbackMethod = "answer")
        public String withFallback() {
            called("withFallback");
            throw new IllegalStateException("down");
        }

        String answer(Exception e) {
            return "fallback: " + e.getMessage();
        }

        @ConcurrencyLimit(limit = 1, policy = ThrottlePolicy.REJECT)
        @CircuitBreaker(name = "limited")
        public String limited(CountDownLatch entered, CountDownLatch release) {
            called("limited");
            entered.countDown();
            try {
                if (!release.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return "done";
        }
    }
}
