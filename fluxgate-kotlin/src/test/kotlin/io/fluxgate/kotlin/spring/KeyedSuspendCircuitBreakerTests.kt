package io.fluxgate.kotlin.spring

import io.fluxgate.CallNotPermittedException
import io.fluxgate.CallOutcome
import io.fluxgate.CircuitBreakerRegistry
import io.fluxgate.State
import io.fluxgate.spring.CircuitBreaker
import io.fluxgate.spring.KeyedBreakers
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.flowOf
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.test.runTest
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.springframework.beans.factory.annotation.Autowired
import org.springframework.boot.SpringBootConfiguration
import org.springframework.boot.autoconfigure.EnableAutoConfiguration
import org.springframework.boot.test.context.SpringBootTest
import org.springframework.context.annotation.Import
import org.springframework.stereotype.Service
import java.io.IOException
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicInteger

/**
 * Keyed `@CircuitBreaker` on `suspend fun`s and `Flow` functions (one breaker per key, the key read from the
 * Kotlin parameters, never the continuation: the keys are on the last Kotlin parameter, which the JVM method
 * follows with the continuation), and `Flow<T?>` with null elements through the annotation.
 */
@SpringBootTest(
    classes = [KeyedSuspendCircuitBreakerTests.App::class],
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = [
        "fluxgate.breakers.hosts.tripper=FailureStreak(3)",
        "fluxgate.breakers.hosts.retry=Cooldown(10s)",
        "fluxgate.breakers.tenants.tripper=FailureStreak(3)",
        "fluxgate.breakers.tenants.retry=Cooldown(10s)",
        "fluxgate.breakers.streams.tripper=FailureStreak(3)",
        "fluxgate.breakers.streams.retry=Cooldown(10s)",
        "fluxgate.breakers.maybe.tripper=FailureStreak(3)",
    ],
)
class KeyedSuspendCircuitBreakerTests {

    @Autowired
    lateinit var service: HostService

    @Autowired
    lateinit var keyed: KeyedBreakers

    @Autowired
    lateinit var registry: CircuitBreakerRegistry

    @BeforeEach
    fun reset() {
        service.calls.clear()
        keyed.all().forEach { family -> family.breakers().values.forEach { it.reset() } }
    }

    private fun breakerOf(family: String, key: Any) = keyed.family(family).get(key).orElseThrow()

    @Test
    fun aNamedParameterKeysASuspendFunOneBreakerPerHost() = runTest {
        repeat(3) { assertThat(runCatching { service.fetch("/x", "down") }.exceptionOrNull()).isInstanceOf(IOException::class.java) }
        assertThat(service.fetch("/x", "up")).isEqualTo("up/x")

        assertThat(keyed.family("hosts").breakers().keys).containsExactlyInAnyOrder("down", "up")
        assertThat(breakerOf("hosts", "down").state()).isEqualTo(State.OPEN)
        assertThat(breakerOf("hosts", "up").state()).isEqualTo(State.CLOSED)

        assertThat(runCatching { service.fetch("/x", "down") }.exceptionOrNull())
            .isInstanceOf(CallNotPermittedException::class.java)
        assertThat(service.calls["down"]).hasValue(3)
        assertThat(service.fetch("/y", "up")).isEqualTo("up/y")
    }

    @Test
    fun p0IsTheFirstKotlinParameterOfASuspendFunAndTheFallbackSuspends() = runTest {
        repeat(3) { assertThat(service.forTenant("bad-acme")).isEqualTo("fallback bad-acme (IOException)") }

        assertThat(keyed.family("tenants").breakers().keys).containsExactly("bad-acme")
        assertThat(breakerOf("tenants", "bad-acme").state()).isEqualTo(State.OPEN)
        assertThat(service.forTenant("bad-acme")).isEqualTo("fallback bad-acme (CallNotPermittedException)")
        assertThat(service.forTenant("other")).isEqualTo("tenant other")
        assertThat(service.calls["bad-acme"]).hasValue(3)
    }

    @Test
    fun aKeyedFlowFunctionGuardsEachCollectionWithItsKeysBreaker() = runTest {
        repeat(3) { assertThat(runCatching { service.stream("down").toList() }.exceptionOrNull()).isInstanceOf(IOException::class.java) }

        assertThat(breakerOf("streams", "down").state()).isEqualTo(State.OPEN)
        assertThat(runCatching { service.stream("down").toList() }.exceptionOrNull())
            .isInstanceOf(CallNotPermittedException::class.java)
        assertThat(service.stream("up").toList()).containsExactly("up", null)
        assertThat(breakerOf("streams", "up").statistics().count(CallOutcome.SUCCESS, false)).isEqualTo(1)
        assertThat(service.calls["down"]).hasValue(3)
    }

    @Test
    fun nullElementsOfAnAnnotatedFlowPassThroughAndTheCollectionIsOneSuccess() = runTest {
        val breaker = registry.get("maybe").orElseThrow()

        assertThat(service.maybe().toList()).containsExactly(null, "a", null)
        assertThat(service.maybe().toList()).containsExactly(null, "a", null)

        assertThat(breaker.statistics().count(CallOutcome.SUCCESS, false)).isEqualTo(2)
        assertThat(breaker.statistics().count(CallOutcome.FAILURE, false)).isZero()
    }

    @Service
    class HostService {

        val calls = ConcurrentHashMap<String, AtomicInteger>()

        private fun called(key: String) = calls.computeIfAbsent(key) { AtomicInteger() }.incrementAndGet()

        @CircuitBreaker(name = "hosts", key = "#host")
        suspend fun fetch(path: String, host: String): String {
            called(host)
            delay(100)
            if (host == "down") throw IOException("$host is down")
            return host + path
        }

        @CircuitBreaker(name = "tenants", key = "#p0", fallbackMethod = "tenantFallback")
        suspend fun forTenant(tenant: String): String {
            called(tenant)
            delay(100)
            if (tenant.startsWith("bad")) throw IOException("failed")
            return "tenant $tenant"
        }

        suspend fun tenantFallback(tenant: String, e: Exception): String {
            delay(1)
            return "fallback $tenant (${e::class.simpleName})"
        }

        @CircuitBreaker(name = "streams", key = "#host")
        fun stream(host: String): Flow<String?> = flow {
            called(host)
            if (host == "down") throw IOException("$host is down")
            emit(host)
            emit(null)
        }

        @CircuitBreaker(name = "maybe")
        fun maybe(): Flow<String?> = flowOf(null, "a", null)
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(HostService::class)
    class App
}
