package io.fluxgate.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.payments.BadlyAnnotatedClients;
import io.fluxgate.CallNotPermittedException;
import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.Metric;
import io.fluxgate.State;
import io.fluxgate.spring.CircuitBreaker;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class CircuitBreakerInterceptorTests {

    private final ApplicationContextRunner runner = TestBreakers.runner().withUserConfiguration(Clients.class);

    @Nested
    class Sync {

        @Test
        void returnsTheValueAndRecordsASuccess() {
            runner.run(context -> {
                Client client = context.getBean(Client.class);
                assertThat(AopUtils.isAopProxy(client)).isTrue();
                assertThat(client.greet("ann")).isEqualTo("hello ann");
                assertThat(metric(context, "client").totalCount()).isEqualTo(1);
            });
        }

        @Test
        void rethrowsCheckedExceptionsAsTheyAreAndOpensThenRejectsWithoutRunning() {
            runner.run(context -> {
                Client client = context.getBean(Client.class);
                IOException failure = new IOException("down");
                client.behave(() -> {
                    throw failure;
                });
                assertThatThrownBy(() -> client.greet("ann")).isSameAs(failure);
                assertThatThrownBy(() -> client.greet("ann")).isSameAs(failure);
                assertThat(state(context, "client")).isEqualTo(State.OPEN);
                assertThatExceptionOfType(CallNotPermittedException.class).isThrownBy(() -> client.greet("ann"))
                        .withMessage("Circuit breaker 'client' is OPEN and does not permit calls");
                assertThat(client.calls()).isEqualTo(2);
            });
        }

        @Test
        void guardsVoidMethods() {
            runner.run(context -> {
                Client client = context.getBean(Client.class);
                client.touch();
                client.behave(() -> {
                    throw new IllegalStateException("broken");
                });
                assertThatThrownBy(client::touch).hasMessage("broken");
                assertThat(metric(context, "client").failureCount()).isEqualTo(1);
                assertThat(metric(context, "client").totalCount()).isEqualTo(2);
            });
        }

        @Test
        void closesAgainAfterTheCooldownWhenTheProbeSucceeds() {
            runner.run(context -> {
                Client client = context.getBean(Client.class);
                client.behave(() -> {
                    throw new IOException("down");
                });
                assertThatThrownBy(() -> client.greet("a")).isInstanceOf(IOException.class);
                assertThatThrownBy(() -> client.greet("a")).isInstanceOf(IOException.class);
                context.getBean(AtomicLong.class).addAndGet(TestBreakers.COOLDOWN.toNanos());
                client.behave(() -> "back");
                assertThat(client.greet("a")).isEqualTo("back");
                assertThat(state(context, "client")).isEqualTo(State.CLOSED);
            });
        }

        @Test
        void anAnnotatedTypeGuardsItsPublicMethodsOnly() {
            runner.run(context -> {
                Guarded guarded = context.getBean(Guarded.class);
                assertThatThrownBy(guarded::fail).isInstanceOf(IllegalStateException.class);
                assertThatThrownBy(guarded::fail).isInstanceOf(IllegalStateException.class);
                assertThatExceptionOfType(CallNotPermittedException.class).isThrownBy(guarded::fail);
                assertThat(guarded.internal()).isEqualTo("runs");
                assertThat(guarded.other()).isEqualTo("other");
                assertThat(state(context, "other")).isEqualTo(State.CLOSED);
                assertThat(metric(context, "other").totalCount()).isEqualTo(1);
            });
        }

        @Test
        void resolvesEachPlanOnceAndNeverOnTheCallPath() {
            runner.run(context -> {
                Plans plans = context.getBean(CircuitBreakerAdvisor.class).plans();
                int resolvedAtStartUp = plans.resolutions();
                assertThat(resolvedAtStartUp).isPositive();
                Client client = context.getBean(Client.class);
                for (int i = 0; i < 3; i++) {
                    client.greet("ann");
                    client.touch();
                }
                assertThat(plans.resolutions()).isEqualTo(resolvedAtStartUp);
            });
        }
    }

    /**
     * Methods reach the plans in no fixed order (reflection's order differs between JDKs and runs), so a name used
     * with and without a key fails with the same message whichever method is planned first.
     */
    @Nested
    class NameUsedWithAndWithoutAKey {

        private static final String MESSAGE = "@CircuitBreaker(name = \"payment_api\") on KeyedAndPlainClient.refund():"
                + " circuit breaker 'payment_api' is keyed (@CircuitBreaker with a key on"
                + " KeyedAndPlainClient.charge(String)); a name is either keyed or not, so give this annotation a key"
                + " too, or use another name";
        private static final Class<?> CLIENT = BadlyAnnotatedClients.KEYED_AND_PLAIN;

        @Test
        void theKeyedMethodFirst() {
            runner.run(context -> {
                Plans plans = context.getBean(CircuitBreakerAdvisor.class).plans();
                plans.get(CLIENT.getMethod("charge", String.class), CLIENT);
                assertThatThrownBy(() -> plans.get(CLIENT.getMethod("refund"), CLIENT))
                        .isInstanceOf(InvalidCircuitBreakerAnnotationException.class).hasMessage(MESSAGE);
            });
        }

        @Test
        void thePlainMethodFirst() {
            runner.run(context -> {
                Plans plans = context.getBean(CircuitBreakerAdvisor.class).plans();
                plans.get(CLIENT.getMethod("refund"), CLIENT);
                assertThatThrownBy(() -> plans.get(CLIENT.getMethod("charge", String.class), CLIENT))
                        .isInstanceOf(InvalidCircuitBreakerAnnotationException.class)
                        .hasMessage(MESSAGE);
            });
        }
    }

    @Nested
    class Fallbacks {

        @Test
        void theMostSpecificOverloadWins() {
            runner.run(context -> {
                WithFallback client = context.getBean(WithFallback.class);
                client.failWith(new FileNotFoundException("gone"));
                assertThat(client.fetch("k")).isEqualTo("io k: gone");
                client.failWith(new IllegalArgumentException("bad"));
                assertThat(client.fetch("k")).isEqualTo("exception k: IllegalArgumentException");
            });
        }

        @Test
        void receivesTheRejectionWhenOpen() {
            runner.run(context -> {
                WithFallback client = context.getBean(WithFallback.class);
                client.failWith(new IOException("down"));
                client.fetch("k");
                client.fetch("k");
                client.failWith(null);
                assertThat(client.fetch("k")).isEqualTo("rejected k: OPEN");
                assertThat(client.calls()).isEqualTo(2);
            });
        }

        @Test
        void isNotGivenErrors() {
            runner.run(context -> {
                WithFallback client = context.getBean(WithFallback.class);
                assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> client.explode("k"))
                        .withMessage("boom");
            });
        }

        @Test
        void rethrowsWhatNoOverloadAccepts() {
            runner.run(context -> {
                Child child = context.getBean(Child.class);
                child.failWith(new IllegalStateException("not io"));
                assertThatThrownBy(() -> child.read(1)).hasMessage("not io");
            });
        }

        @Test
        void mayBeInheritedAndPrivate() {
            runner.run(context -> {
                Child child = context.getBean(Child.class);
                child.failWith(new IOException("disk"));
                assertThat(child.read(3)).isEqualTo(-3);
            });
        }
    }

    static Metric metric(AssertableApplicationContext context, String name) {
        return context.getBean(CircuitBreakerRegistry.class).get(name).orElseThrow().info().metric();
    }

    static State state(AssertableApplicationContext context, String name) {
        return context.getBean(CircuitBreakerRegistry.class).get(name).orElseThrow().state();
    }

    @Configuration(proxyBeanMethods = false)
    static class Clients {

        @Bean
        Client client() {
            return new Client();
        }

        @Bean
        Guarded guarded() {
            return new Guarded();
        }

        @Bean
        WithFallback withFallback() {
            return new WithFallback();
        }

        @Bean
        Child child() {
            return new Child();
        }
    }

    static class Client {

        final AtomicInteger calls = new AtomicInteger();
        volatile Callable<String> behaviour = () -> null;

        void behave(Callable<String> behaviour) {
            this.behaviour = behaviour;
        }

        int calls() {
            return calls.get();
        }

        @CircuitBreaker(name = "client")
        public String greet(String who) throws Exception {
            calls.incrementAndGet();
            String answer = behaviour.call();
            return answer != null ? answer : "hello " + who;
        }

        @CircuitBreaker(name = "client")
        public void touch() throws Exception {
            calls.incrementAndGet();
            behaviour.call();
        }
    }

    @CircuitBreaker(name = "guarded")
    static class Guarded {

        public String fail() {
            throw new IllegalStateException("fails");
        }

        String internal() {
            return "runs";
        }

        @CircuitBreaker(name = "other")
        public String other() {
            return "other";
        }
    }

    static class WithFallback {

        final AtomicInteger calls = new AtomicInteger();
        volatile Exception failure;

        void failWith(Exception failure) {
            this.failure = failure;
        }

        int calls() {
            return calls.get();
        }

        @CircuitBreaker(name = "fallback", fallbackMethod = "recover")
        public String fetch(String key) throws Exception {
            calls.incrementAndGet();
            if (failure != null) {
                throw failure;
            }
            return key;
        }

        @CircuitBreaker(name = "fallback", fallbackMethod = "recover")
        public String explode(String key) {
            throw new AssertionError("boom");
        }

        private String recover(String key, Exception e) {
            return "exception " + key + ": " + e.getClass().getSimpleName();
        }

        String recover(String key, IOException e) {
            return "io " + key + ": " + e.getMessage();
        }

        protected String recover(String key, CallNotPermittedException e) {
            return "rejected " + key + ": " + e.state();
        }
    }

    static class Parent {

        volatile Exception failure;

        void failWith(Exception failure) {
            this.failure = failure;
        }

        @CircuitBreaker(name = "inherited", fallbackMethod = "negative")
        public int read(int value) throws Exception {
            if (failure != null) {
                throw failure;
            }
            return value;
        }

        private Integer negative(int value, IOException e) {
            return -value;
        }
    }

    static class Child extends Parent {
    }
}
