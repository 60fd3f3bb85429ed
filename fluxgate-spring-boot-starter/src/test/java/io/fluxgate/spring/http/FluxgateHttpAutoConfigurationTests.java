package io.fluxgate.spring.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.CallNotPermittedException;
import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.KeyedCircuitBreaker;
import io.fluxgate.State;
import io.fluxgate.spring.KeyedBreakers;
import io.fluxgate.spring.TestBreakers.ManualTicker;
import io.fluxgate.spring.aop.FluxgateAspectAutoConfiguration;
import io.fluxgate.spring.autoconfigure.ConfigSources;
import io.fluxgate.spring.autoconfigure.FluxgateAutoConfiguration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.service.ReactiveHttpServiceClientAutoConfiguration;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.registry.HttpServiceGroup;
import org.springframework.web.service.registry.HttpServiceGroupConfigurer;
import org.springframework.web.service.registry.ImportHttpServices;
import reactor.core.publisher.Mono;

/** {@code fluxgate.http}: Boot's client builders and HTTP service groups guarded per host, in a real context. */
class FluxgateHttpAutoConfigurationTests {

    private final AtomicReference<ConfigurableApplicationContext> started = new AtomicReference<>();
    private final TestHost a = TestHost.answering(200);
    private final TestHost b = TestHost.answering(500);
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withInitializer(started::set)
            .withConfiguration(AutoConfigurations.of(FluxgateAutoConfiguration.class,
                    FluxgateHttpAutoConfiguration.class, HttpClientAutoConfiguration.class,
                    ImperativeHttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
                    HttpServiceClientPropertiesAutoConfiguration.class, RestClientAutoConfiguration.class,
                    RestTemplateAutoConfiguration.class, HttpServiceClientAutoConfiguration.class,
                    WebClientAutoConfiguration.class, ReactiveHttpServiceClientAutoConfiguration.class))
            .withBean(ManualTicker.class)
            .withPropertyValues("fluxgate.defaults.tripper=FailureStreak(2)", "fluxgate.defaults.retry=Cooldown(10s)");

    @AfterEach
    void stopHosts() {
        a.close();
        b.close();
    }

    @Nested
    class EveryClient {

        private final ApplicationContextRunner outbound = runner.withPropertyValues("fluxgate.http.breaker=outbound");

        @Test
        void guardsRestClientsFromBootsBuilder() {
            outbound.run(context -> {
                RestClient client = context.getBean(RestClient.Builder.class).build();
                for (int i = 0; i < 2; i++) {
                    assertThatExceptionOfType(HttpServerErrorException.class)
                            .isThrownBy(() -> client.get().uri(b.url()).retrieve().body(String.class));
                }

                assertThatThrownBy(() -> client.get().uri(b.url()).retrieve().body(String.class))
                        .isExactlyInstanceOf(CallNotPermittedException.class);
                assertThat(client.get().uri(a.url()).retrieve().body(String.class)).isEqualTo("status 200");
                KeyedCircuitBreaker<Object> family = context.getBean(KeyedBreakers.class).family("outbound");
                assertThat(HttpFamilies.state(family, b)).isEqualTo(State.OPEN);
                assertThat(HttpFamilies.state(family, a)).isEqualTo(State.CLOSED);
                assertThat(b.hits()).isEqualTo(2);
            });
        }

        @Test
        void guardsRestTemplatesFromBootsBuilder() {
            outbound.run(context -> {
                var template = context.getBean(RestTemplateBuilder.class).build();
                for (int i = 0; i < 2; i++) {
                    assertThatExceptionOfType(HttpServerErrorException.class)
                            .isThrownBy(() -> template.getForObject(b.url(), String.class));
                }

                assertThatThrownBy(() -> template.getForObject(b.url(), String.class))
                        .isExactlyInstanceOf(CallNotPermittedException.class);
            });
        }

        @Test
        void guardsWebClientsFromBootsBuilder() {
            outbound.run(context -> {
                WebClient client = context.getBean(WebClient.Builder.class).build();
                for (int i = 0; i < 2; i++) {
                    assertThatExceptionOfType(WebClientResponseException.class).isThrownBy(() -> client.get()
                            .uri(b.url()).retrieve().bodyToMono(String.class).block());
                }

                assertThatThrownBy(() -> client.get().uri(b.url()).retrieve().bodyToMono(String.class).block())
                        .isExactlyInstanceOf(CallNotPermittedException.class);
                assertThat(b.hits()).isEqualTo(2);
            });
        }

        @Test
        void theFamilyIsBuiltFromItsConfigurationAtStartUpAndIsNoRegistryBreaker() {
            outbound.withPropertyValues("fluxgate.breakers.outbound.tripper=FailureStreak(1)",
                    "fluxgate.breakers.outbound.keys.max=7").run(context -> {
                        assertThat(context.getBean(KeyedBreakers.class).find("outbound"))
                                .hasValueSatisfying(family -> assertThat(family.maxKeys()).isEqualTo(7));
                        assertThat(context.getBean(CircuitBreakerRegistry.class).get("outbound")).isEmpty();
                        RestClient client = context.getBean(RestClient.Builder.class).build();
                        assertThatExceptionOfType(HttpServerErrorException.class)
                                .isThrownBy(() -> client.get().uri(b.url()).retrieve().body(String.class));
                        assertThat(HttpFamilies.state(context.getBean(KeyedBreakers.class).family("outbound"), b))
                                .isEqualTo(State.OPEN);
                    });
        }

        @Test
        void aRefreshKeepsTheFamilyAKeyedFamilyAndMakesNoRegistryBreakerOfIt() {
            outbound.withPropertyValues("fluxgate.breakers.inventory.tripper=FailureStreak(3)").run(context -> {
                context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("changed", Map.of(
                        "fluxgate.breakers.outbound.tripper", "FailureStreak(9)")));
                context.publishEvent(new EnvironmentChangeEvent(context,
                        Set.of("fluxgate.breakers.outbound.tripper")));

                assertThat(context.getBean(CircuitBreakerRegistry.class).get("outbound")).isEmpty();
                assertThat(context.getBean(KeyedBreakers.class).find("outbound")).isPresent();
            });
        }

        @Test
        void aConfiguredFamilyCountsAsUsedForStrictNames() {
            outbound.withPropertyValues("fluxgate.strict-names=true",
                    "fluxgate.breakers.outbound.tripper=FailureStreak(3)")
                    .run(context -> assertThat(context).hasNotFailed());
        }

        @Test
        void aFamilyNamedFalseGuardsLikeAnyOther() {
            runner.withPropertyValues("fluxgate.http.breaker=false").run(context -> {
                RestClient client = context.getBean(RestClient.Builder.class).build();
                assertThatExceptionOfType(HttpServerErrorException.class)
                        .isThrownBy(() -> client.get().uri(b.url()).retrieve().body(String.class));
                assertThat(context.getBean(KeyedBreakers.class).family("false").get(b.key())).isPresent();
            });
        }

        @Test
        void withoutThePropertyNoClientIsGuarded() {
            runner.run(context -> {
                RestClient client = context.getBean(RestClient.Builder.class).build();
                for (int i = 0; i < 3; i++) {
                    assertThatExceptionOfType(HttpServerErrorException.class)
                            .isThrownBy(() -> client.get().uri(b.url()).retrieve().body(String.class));
                }
                assertThat(b.hits()).isEqualTo(3);
                assertThat(context.getBean(KeyedBreakers.class).all()).isEmpty();
            });
        }
    }

    @Nested
    class Groups {

        private ApplicationContextRunner groups() {
            return runner.withUserConfiguration(Clients.class).withPropertyValues(
                    "spring.http.serviceclient.payments.base-url=" + b.url(),
                    "spring.http.serviceclient.ledger.base-url=" + b.url(),
                    "spring.http.serviceclient.inventory.base-url=" + a.url());
        }

        @Test
        void aRestClientGroupRunsThroughTheFamilyItsEntryNames() {
            groups().withPropertyValues("fluxgate.http.clients.payments.breaker=payment_api").run(context -> {
                PaymentsApi payments = context.getBean(PaymentsApi.class);
                for (int i = 0; i < 2; i++) {
                    assertThatExceptionOfType(HttpServerErrorException.class).isThrownBy(payments::charge);
                }

                assertThatThrownBy(payments::charge).isExactlyInstanceOf(CallNotPermittedException.class);
                assertThat(HttpFamilies.state(context.getBean(KeyedBreakers.class).family("payment_api"), b))
                        .isEqualTo(State.OPEN);
                assertThat(b.hits()).isEqualTo(2);
            });
        }

        @Test
        void aWebClientGroupRunsThroughTheFamilyItsEntryNames() {
            groups().withPropertyValues("fluxgate.http.clients.ledger.breaker=ledger_api").run(context -> {
                LedgerApi ledger = context.getBean(LedgerApi.class);
                for (int i = 0; i < 2; i++) {
                    assertThatExceptionOfType(WebClientResponseException.class)
                            .isThrownBy(() -> ledger.book().block());
                }

                assertThatThrownBy(() -> ledger.book().block()).isExactlyInstanceOf(CallNotPermittedException.class);
                assertThat(b.hits()).isEqualTo(2);
            });
        }

        @Test
        void aGroupsEntryTakesThePlaceOfTheBreakerForEveryClient() {
            groups().withPropertyValues("fluxgate.http.breaker=outbound",
                    "fluxgate.http.clients.payments.breaker=payment_api").run(context -> {
                        PaymentsApi payments = context.getBean(PaymentsApi.class);
                        assertThatExceptionOfType(HttpServerErrorException.class).isThrownBy(payments::charge);
                        assertThat(context.getBean(InventoryApi.class).stock()).isEqualTo("status 200");

                        KeyedBreakers keyed = context.getBean(KeyedBreakers.class);
                        assertThat(keyed.family("payment_api").get(b.key())).hasValueSatisfying(breaker ->
                                assertThat(breaker.info().metric().totalCount()).isEqualTo(1));
                        assertThat(keyed.family("outbound").get(b.key())).isEmpty();
                        assertThat(keyed.family("outbound").get(a.key())).isPresent(); // inventory: no entry
                    });
        }

        @Test
        void theExampleOfSpringBootMdStarts() {
            groups().withInitializer(ConfigSources.yaml("""
                    fluxgate:
                      http:
                        breaker: outbound
                        clients:
                          payments:
                            breaker: payment_api
                      breakers:
                        payment_api:
                          tripper: MinRequests(20) & FailureRate(0.5)
                          keys.max: 200
                    """)).run(context -> {
                        KeyedBreakers keyed = context.getBean(KeyedBreakers.class);
                        assertThat(keyed.find("payment_api")).hasValueSatisfying(family ->
                                assertThat(family.maxKeys()).isEqualTo(200));
                        assertThat(keyed.find("outbound")).isPresent();
                    });
        }

        @Test
        void anEntryForAGroupThatDoesNotExistStopsStartUpNamingTheGroups() {
            groups().withPropertyValues("fluxgate.http.clients.paymnets.breaker=payment_api")
                    .run(context -> assertThat(failureAnalysis(context))
                            .contains("Invalid value 'payment_api' for configuration property "
                                    + "'fluxgate.http.clients.paymnets.breaker'")
                            .contains("There is no HTTP service group 'paymnets': the application's groups are "
                                    + "inventory, ledger, payments."));
        }
    }

    @Test
    void withoutSpringsHttpClientTheStarterStartsAsBefore() {
        new ApplicationContextRunner().withClassLoader(new FilteredClassLoader("org.springframework.web."))
                .withConfiguration(AutoConfigurations.of(FluxgateAutoConfiguration.class,
                        FluxgateHttpAutoConfiguration.class))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(KeyedBreakers.class);
                    assertThat(context.getBeanNamesForType(HttpServiceGroupConfigurer.class)).isEmpty();
                });
    }

    @Test
    void aPlainCircuitBreakerAnnotationOnAnHttpFamilyStopsStartUp() {
        runner.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class,
                FluxgateAspectAutoConfiguration.class)).withBean(PlainClient.class)
                .withPropertyValues("fluxgate.http.breaker=payment_api")
                .run(context -> assertThat(failureAnalysis(context))
                        .contains("circuit breaker 'payment_api' is keyed (it has a keys block under "
                                + "fluxgate.breakers, or fluxgate.http names it for HTTP clients)"));
    }

    private String failureAnalysis(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        return ConfigSources.failureAnalysis(context.getStartupFailure(), started.get());
    }

    /** The downstream behind the {@code payments} group. */
    interface PaymentsApi {

        @GetExchange("/charge")
        String charge();
    }

    /** The downstream behind the {@code inventory} group. */
    interface InventoryApi {

        @GetExchange("/stock")
        String stock();
    }

    /** The downstream behind the {@code ledger} group, on WebClient. */
    interface LedgerApi {

        @GetExchange("/book")
        Mono<String> book();
    }

    @Configuration(proxyBeanMethods = false)
    @ImportHttpServices(group = "payments", types = PaymentsApi.class)
    @ImportHttpServices(group = "inventory", types = InventoryApi.class)
    @ImportHttpServices(group = "ledger", types = LedgerApi.class, clientType = HttpServiceGroup.ClientType.WEB_CLIENT)
    static class Clients {
    }

    /** A plain annotation on a name that fluxgate.http makes keyed. */
    static class PlainClient {

        @io.fluxgate.spring.CircuitBreaker(name = "payment_api")
        public String call() {
            return "ok";
        }
    }
}
