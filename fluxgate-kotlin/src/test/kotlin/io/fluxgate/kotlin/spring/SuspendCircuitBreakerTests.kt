package io.fluxgate.kotlin.spring

import io.fluxgate.CallNotPermittedException
import io.fluxgate.CallOutcome
import io.fluxgate.CircuitBreakerRegistry
import io.fluxgate.State
import io.fluxgate.Ticker
import io.fluxgate.kotlin.circuitBreaker
import io.fluxgate.spring.CircuitBreaker
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.flowOf
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.test.runTest
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.springframework.beans.factory.annotation.Autowired
import org.springframework.boot.SpringBootConfiguration
import org.springframework.boot.autoconfigure.EnableAutoConfiguration
import org.springframework.boot.test.context.SpringBootTest
import org.springframework.context.annotation.Bean
import org.springframework.context.annotation.Import
import org.springframework.stereotype.Service
import org.springframework.web.reactive.function.client.WebClient
import org.springframework.web.reactive.function.client.awaitBody
import java.time.Duration
import java.util.concurrent.atomic.AtomicLong

/**
 * `@CircuitBreaker` on `suspend fun`s of a Kotlin Spring Boot app calling a real local server through `WebClient`,
 * with a manual ticker bean the tests move.
 */
@SpringBootTest(
    classes = [SuspendCircuitBreakerTests.App::class],
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = [
        "fluxgate.breakers.remote.tripper=FailureStreak(3)",
        "fluxgate.breakers.remote.retry=Cooldown(10s)",
        "fluxgate.breakers.remote.permit=All()",
        "fluxgate.breakers.remote.max-half-open-calls=1",
    ],
)
class SuspendCircuitBreakerTests {

    @Autowired
    lateinit var service: RemoteService

    @Autowired
    lateinit var registry: CircuitBreakerRegistry

    @Autowired
    lateinit var ticker: AtomicLong

    private val breaker get() = registry.get("remote").orElseThrow()

    @BeforeEach
    fun reset() {
        server.reset()
        breaker.reset()
    }

    @Test
    fun threeFailuresOpenTheBreakerAndTheFourthCallGetsTheSuspendFallbackWithoutCallingTheServer() = runTest {
        server.failing.set(true)
        val failuresBefore = breaker.statistics().count(CallOutcome.FAILURE, false)

        repeat(3) { assertThat(service.fetch("/ok")).isEqualTo("cached /ok (InternalServerError)") }
        assertThat(breaker.state()).isEqualTo(State.OPEN)
        assertThat(breaker.statistics().count(CallOutcome.FAILURE, false) - failuresBefore).isEqualTo(3)

        assertThat(service.fetch("/ok")).isEqualTo("cached /ok (CallNotPermittedException)")
        assertThat(server.hits).hasValue(3)
    }

    @Test
    fun recoversThroughHalfOpenOnceTheTickerPassesTheCooldown() = runTest {
        server.failing.set(true)
        repeat(3) { service.fetch("/ok") }
        server.failing.set(false)
        assertThat(service.fetch("/ok")).endsWith("(CallNotPermittedException)")

        ticker.addAndGet(Duration.ofSeconds(10).toNanos())

        assertThat(service.fetch("/ok")).isEqualTo("ok")
        assertThat(breaker.state()).isEqualTo(State.CLOSED)
        assertThat(server.hits).hasValue(4)
    }

    @Test
    fun withoutAFallbackARejectionIsThrown() = runTest {
        breaker.forceOpen()

        assertThat(runCatching { service.fetchOrThrow("/ok") }.exceptionOrNull())
            .isInstanceOf(CallNotPermittedException::class.java)
        assertThat(server.hits).hasValue(0)
    }

    @Test
    fun theDurationIsTheWholeSuspendingCall(): Unit = runBlocking {
        val call = launch(Dispatchers.IO) { assertThat(service.fetch("/slow")).isEqualTo("slow") }
        server.awaitSlowRequest()
        ticker.addAndGet(Duration.ofMillis(2_500).toNanos())
        server.releaseSlow()
        call.join()

        assertThat(breaker.info().metric().totalCount()).isEqualTo(1)
        assertThat(breaker.info().metric().totalDuration()).isEqualTo(Duration.ofMillis(2_500))
    }

    @Test
    fun cancellingAProbeFreesItsSlotWithoutRecordingIt(): Unit = runBlocking {
        server.failing.set(true)
        repeat(3) { service.fetch("/ok") }
        server.failing.set(false)
        ticker.addAndGet(Duration.ofSeconds(10).toNanos())

        val probe = launch(Dispatchers.IO) { service.fetch("/slow") }
        server.awaitSlowRequest()
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN)
        assertThat(service.fetch("/ok")).endsWith("(CallNotPermittedException)") // the one slot is taken
        probe.cancel()
        probe.join()

        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN)
        assertThat(service.fetch("/ok")).isEqualTo("ok") // admitted: the cancelled probe gave its slot back
        assertThat(breaker.state()).isEqualTo(State.CLOSED)
    }

    @Test
    fun eachCollectionOfAnAnnotatedFlowIsOneCallRecordedWhenItCompletes() = runTest {
        val prices = service.prices()
        assertThat(server.hits).hasValue(0)

        assertThat(prices.toList()).containsExactly("ok", "ok")
        assertThat(prices.toList()).containsExactly("ok", "ok")

        assertThat(breaker.info().metric().totalCount()).isEqualTo(2)
        assertThat(server.hits).hasValue(4)
    }

    @Test
    fun anOpenBreakerRejectsAFlowCollectionWithTheFallbackFlow() = runTest {
        breaker.forceOpen()

        assertThat(service.prices().toList()).containsExactly("cached")
        assertThat(server.hits).hasValue(0)
    }

    @Test
    fun theExtensionGuardsAFlowInsideTheApp() = runTest {
        val guarded = service.pricesThroughTheExtension()

        assertThat(guarded.toList()).containsExactly("ok")
        assertThat(breaker.info().metric().totalCount()).isEqualTo(1)
    }

    @Service
    class RemoteService(private val client: WebClient, private val registry: CircuitBreakerRegistry) {

        @CircuitBreaker(name = "remote", fallbackMethod = "cached")
        suspend fun fetch(path: String): String = client.get().uri(path).retrieve().awaitBody()

        suspend fun cached(path: String, e: Exception): String {
            delay(1)
            return "cached $path (${e::class.simpleName})"
        }

        @CircuitBreaker(name = "remote")
        suspend fun fetchOrThrow(path: String): String = client.get().uri(path).retrieve().awaitBody()

        /** Each collection is one call, whatever it requests. */
        @CircuitBreaker(name = "remote", fallbackMethod = "cachedPrices")
        fun prices(): Flow<String> = flow {
            emit(client.get().uri("/ok").retrieve().awaitBody<String>())
            emit(client.get().uri("/ok").retrieve().awaitBody<String>())
        }

        fun cachedPrices(e: Exception): Flow<String> = flowOf("cached")

        fun pricesThroughTheExtension(): Flow<String> = flow<String> {
            emit(client.get().uri("/ok").retrieve().awaitBody())
        }.circuitBreaker(registry.get("remote").orElseThrow())
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(RemoteService::class)
    class App {

        @Bean
        fun manualTime(): AtomicLong = AtomicLong()

        @Bean
        fun ticker(time: AtomicLong): Ticker = Ticker { time.get() }

        @Bean
        fun webClient(): WebClient = WebClient.create(server.url)
    }

    companion object {
        val server = FlakyServer()

        @JvmStatic
        @AfterAll
        fun stopServer() = server.close()
    }
}
