package io.fluxgate.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.CallNotPermittedException;
import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.KeyedCircuitBreaker;
import io.fluxgate.State;
import io.fluxgate.spring.CircuitBreaker;
import io.fluxgate.spring.KeyedBreakers;
import io.fluxgate.spring.TestBreakers.ManualTicker;
import io.fluxgate.spring.autoconfigure.ConfigSources;
import io.fluxgate.spring.autoconfigure.FluxgateAutoConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

/** {@code @CircuitBreaker(key = ...)}: one breaker per key from one configured template, in a real context. */
class KeyedAnnotationTests {

    private final AtomicReference<ConfigurableApplicationContext> started = new AtomicReference<>();
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withInitializer(started::set)
            .withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, FluxgateAutoConfiguration.class,
                    FluxgateAspectAutoConfiguration.class))
            .withBean(ManualTicker.class)
            .withPropertyValues("fluxgate.breakers.payment_api.tripper=FailureStreak(2)",
                    "fluxgate.breakers.payment_api.retry=Cooldown(10s)", "fluxgate.breakers.payment_api.permit=All()");

    @Test
    void eachKeyGetsItsOwnBreakerSoOneFailingHostOpensOnlyItsOwn() {
        runner.withBean(Hosts.class).run(context -> {
            Hosts hosts = context.getBean(Hosts.class);
            fail(hosts, "host-b");
            fail(hosts, "host-b");

            assertThatThrownBy(() -> hosts.call("host-b", false)).isInstanceOf(CallNotPermittedException.class)
                    .hasMessageContaining("'payment_api[host-b]'");
            assertThat(hosts.call("host-a", false)).isEqualTo("host-a ok");
            KeyedCircuitBreaker<Object> family = context.getBean(KeyedBreakers.class).family("payment_api");
            assertThat(family.get("host-b")).hasValueSatisfying(b -> assertThat(b.state()).isEqualTo(State.OPEN));
            assertThat(family.get("host-a")).hasValueSatisfying(b -> assertThat(b.state())
                    .isEqualTo(State.CLOSED));
        });
    }

    @Test
    void everyKeyTakesTheConfiguredTemplateAndTheTicker() {
        runner.withBean(Hosts.class).run(context -> {
            Hosts hosts = context.getBean(Hosts.class);
            fail(hosts, "host-b");
            fail(hosts, "host-b");
            context.getBean(ManualTicker.class).advance(Duration.ofSeconds(10));

            assertThat(hosts.call("host-b", false)).isEqualTo("host-b ok"); // the probe after Cooldown(10s)
            io.fluxgate.CircuitBreaker breaker = context.getBean(KeyedBreakers.class).family("payment_api")
                    .get("host-b").orElseThrow();
            assertThat(breaker.state()).isEqualTo(State.CLOSED);
            assertThat(breaker.name()).isEqualTo("payment_api[host-b]");
        });
    }

    @Test
    void aKeyedNameIsAFamilyNotARegistryBreaker() {
        runner.withBean(Hosts.class).run(context -> {
            assertThat(context.getBean(KeyedBreakers.class).find("payment_api")).isPresent();
            assertThat(context.getBean(CircuitBreakerRegistry.class).get("payment_api")).isEmpty();
        });
    }

    @Test
    void keysBoundsComeFromTheKeysBlock() {
        runner.withBean(Hosts.class).withPropertyValues("fluxgate.breakers.payment_api.keys.max=2",
                "fluxgate.breakers.payment_api.keys.idle-eviction=30s").run(context -> {
                    KeyedCircuitBreaker<Object> family = context.getBean(KeyedBreakers.class).family("payment_api");
                    assertThat(family.maxKeys()).isEqualTo(2);
                    assertThat(family.idleEviction()).isEqualTo(Duration.ofSeconds(30));
                });
    }

    @Test
    void keysDefaultToTheCoreBounds() {
        runner.withBean(Hosts.class).run(context -> {
            KeyedCircuitBreaker<Object> family = context.getBean(KeyedBreakers.class).family("payment_api");
            assertThat(family.maxKeys()).isEqualTo(1000);
            assertThat(family.idleEviction()).isEqualTo(Duration.ofMinutes(10));
        });
    }

    @Test
    void aKeysBlockMakesAFamilyAtStartUpWithoutAnyAnnotation() {
        runner.withPropertyValues("fluxgate.breakers.payment_api.keys.max=5").run(context -> {
            assertThat(context.getBean(KeyedBreakers.class).find("payment_api"))
                    .hasValueSatisfying(family -> assertThat(family.maxKeys()).isEqualTo(5));
            assertThat(context.getBean(CircuitBreakerRegistry.class).get("payment_api")).isEmpty();
        });
    }

    @Test
    void keysByPositionAndByProperty() {
        runner.withBean(Hosts.class).run(context -> {
            Hosts hosts = context.getBean(Hosts.class);
            hosts.byPosition("tenant-1");
            hosts.byProperty(new Request("tenant-2"));

            assertThat(context.getBean(KeyedBreakers.class).family("payment_api").breakers().keySet())
                    .containsExactly("tenant-1", "tenant-2");
        });
    }

    @Test
    void aNullKeyIsRejectedBeforeTheMethodRunsNamingTheBreakerTheMethodAndTheExpression() {
        runner.withBean(Hosts.class).run(context -> {
            Hosts hosts = context.getBean(Hosts.class);
            assertThatIllegalArgumentException().isThrownBy(() -> hosts.call(null, false))
                    .withMessageContaining("@CircuitBreaker(name = \"payment_api\") on Hosts.call(String, boolean)")
                    .withMessageContaining("key expression '#host' gave null");
            assertThat(hosts.runs).isZero();
        });
    }

    @Test
    void fallbacksWorkPerKey() {
        runner.withBean(Hosts.class).run(context -> {
            Hosts hosts = context.getBean(Hosts.class);
            assertThat(hosts.withFallback("host-c", true)).isEqualTo("fallback UncheckedIOException");
            assertThat(hosts.withFallback("host-c", true)).isEqualTo("fallback UncheckedIOException");
            assertThat(hosts.withFallback("host-c", false)).isEqualTo("fallback CallNotPermittedException");
            assertThat(hosts.withFallback("host-d", false)).isEqualTo("host-d ok");
        });
    }

    @Test
    void asyncMethodsRunThroughTheirKeysBreaker() {
        runner.withBean(Hosts.class).run(context -> {
            Hosts hosts = context.getBean(Hosts.class);
            assertThat(hosts.async("host-e").toCompletableFuture().join()).isEqualTo("host-e async");
            assertThat(context.getBean(KeyedBreakers.class).family("payment_api").get("host-e").orElseThrow()
                    .info().metric().totalCount()).isEqualTo(1);
        });
    }

    @Test
    void aKeyExpressionThatDoesNotParseStopsStartUpNamingTheMethodAndTheExpression() {
        runner.withBean(BadKey.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(ConfigSources.failureAnalysis(context.getStartupFailure(), started.get()))
                    .contains("@CircuitBreaker(name = \"payment_api\") on BadKey.call(String)")
                    .contains("key expression '#host +' does not parse");
        });
    }

    @Test
    void aNameUsedWithAndWithoutAKeyStopsStartUp() {
        runner.withBean(Hosts.class).withBean(Unkeyed.class).run(context -> assertThat(failureAnalysis(context))
                .contains("circuit breaker 'payment_api'").contains("a name is either keyed or not"));
    }

    @Test
    void aNameWithAKeysBlockUsedWithoutAKeyStopsStartUp() {
        runner.withBean(Unkeyed.class).withPropertyValues("fluxgate.breakers.payment_api.keys.max=5")
                .run(context -> assertThat(failureAnalysis(context))
                        .contains("@CircuitBreaker(name = \"payment_api\") on Unkeyed.call()")
                        .contains("it has a keys block under fluxgate.breakers"));
    }

    @Test
    void aKeyedNameCountsAsUsedForStrictNames() {
        runner.withBean(Hosts.class).withPropertyValues("fluxgate.strict-names=true")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void aMisspelledKeyedNameIsReportedForStrictNames() {
        runner.withBean(Misspelled.class).withPropertyValues("fluxgate.strict-names=true")
                .run(context -> assertThat(failureAnalysis(context)).contains("paymnet_api")
                        .contains("did you mean 'payment_api'"));
    }

    private String failureAnalysis(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        return ConfigSources.failureAnalysis(context.getStartupFailure(), started.get());
    }

    private static void fail(Hosts hosts, String host) {
        assertThatThrownBy(() -> hosts.call(host, true)).isInstanceOf(UncheckedIOException.class);
    }

    record Request(String tenantId) {
    }

    static class Hosts {

        int runs;

        @CircuitBreaker(name = "payment_api", key = "#host")
        public String call(String host, boolean failing) {
            runs++;
            if (failing) {
                throw new UncheckedIOException(new IOException(host + " down"));
            }
            return host + " ok";
        }

        @CircuitBreaker(name = "payment_api", key = "#p0")
        public String byPosition(String tenant) {
            return tenant;
        }

        @CircuitBreaker(name = "payment_api", key = "#request.tenantId")
        public String byProperty(Request request) {
            return request.tenantId();
        }

        @CircuitBreaker(name = "payment_api", key = "#a0", fallbackMethod = "fallback")
        public String withFallback(String host, boolean failing) {
            return call(host, failing);
        }

        String fallback(String host, boolean failing, Exception e) {
            return "fallback " + e.getClass().getSimpleName();
        }

        @CircuitBreaker(name = "payment_api", key = "#host")
        public CompletionStage<String> async(String host) {
            return CompletableFuture.completedFuture(host + " async");
        }
    }

    static class BadKey {

        @CircuitBreaker(name = "payment_api", key = "#host +")
        public String call(String host) {
            return host;
        }
    }

    static class Unkeyed {

        @CircuitBreaker(name = "payment_api")
        public String call() {
            return "plain";
        }
    }

    static class Misspelled {

        @CircuitBreaker(name = "paymnet_api", key = "#host")
        public String call(String host) {
            return host;
        }
    }
}
