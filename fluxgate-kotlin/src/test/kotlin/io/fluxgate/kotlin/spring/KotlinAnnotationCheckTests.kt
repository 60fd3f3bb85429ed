package io.fluxgate.kotlin.spring

import io.fluxgate.spring.CircuitBreaker
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.flowOf
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import io.fluxgate.spring.aop.FluxgateAspectAutoConfiguration
import io.fluxgate.spring.autoconfigure.FluxgateAutoConfiguration
import org.springframework.boot.autoconfigure.AutoConfigurations
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration
import org.springframework.boot.test.context.runner.ApplicationContextRunner
import org.springframework.context.annotation.Bean
import org.springframework.context.annotation.Configuration

/** Start-up checks of `@CircuitBreaker` on Kotlin functions: nothing annotated is silently unguarded. */
class KotlinAnnotationCheckTests {

    private val runner = ApplicationContextRunner().withConfiguration(
        AutoConfigurations.of(
            AopAutoConfiguration::class.java,
            FluxgateAutoConfiguration::class.java,
            FluxgateAspectAutoConfiguration::class.java,
        ),
    )

    @Test
    fun aSuspendFunReturningFlowFailsStartUp() {
        runner.withUserConfiguration(FlowConfig::class.java).run { context ->
            assertThat(context).hasFailed()
            assertThat(context.startupFailure)
                .hasMessageContaining("@CircuitBreaker(name = \"remote\") on Prices.stream()")
                .hasMessageContaining("a suspend fun returning Flow is not supported; drop suspend")
        }
    }

    @Test
    fun aFunctionReturningAStateFlowFailsStartUpAskingForFlow() {
        runner.withUserConfiguration(StateFlowConfig::class.java).run { context ->
            assertThat(context).hasFailed()
            assertThat(context.startupFailure)
                .hasMessageContaining("@CircuitBreaker(name = \"remote\") on Levels.current()")
                .hasMessageContaining("it returns StateFlow, a hot or special Flow; declare the return type Flow<T>")
        }
    }

    @Test
    fun aSuspendFallbackOfTheWrongTypeFailsStartUpShowingTheKotlinSignature() {
        runner.withUserConfiguration(BadFallbackConfig::class.java).run { context ->
            assertThat(context).hasFailed()
            assertThat(context.startupFailure)
                .hasMessageContaining("fallback method Quotes.cached(String, Exception) is a suspend fun returning Integer")
                .hasMessageContaining("expected suspend fun cached(arg0: String, e: <Exception type>): String")
        }
    }

    @Test
    fun aMissingFallbackOfASuspendFunShowsTheKotlinSignature() {
        runner.withUserConfiguration(MissingFallbackConfig::class.java).run { context ->
            assertThat(context).hasFailed()
            assertThat(context.startupFailure)
                .hasMessageContaining("fallback method 'nowhere' not found; expected suspend fun nowhere(arg0: String, "
                    + "e: <Exception type>): String (or the same without suspend)")
        }
    }

    open class Prices {
        @CircuitBreaker(name = "remote")
        open suspend fun stream(): Flow<String> = flowOf("1")
    }

    open class Levels {
        @CircuitBreaker(name = "remote")
        open fun current(): StateFlow<Int> = MutableStateFlow(1)
    }

    open class Quotes {
        @CircuitBreaker(name = "remote", fallbackMethod = "cached")
        open suspend fun quote(symbol: String): String = symbol

        open suspend fun cached(symbol: String, e: Exception): Int = 0
    }

    open class Missing {
        @CircuitBreaker(name = "other", fallbackMethod = "nowhere")
        open suspend fun other(symbol: String): String = symbol
    }

    @Configuration(proxyBeanMethods = false)
    class FlowConfig {
        @Bean
        fun prices() = Prices()
    }

    @Configuration(proxyBeanMethods = false)
    class StateFlowConfig {
        @Bean
        fun levels() = Levels()
    }

    @Configuration(proxyBeanMethods = false)
    class BadFallbackConfig {
        @Bean
        fun quotes() = Quotes()
    }

    @Configuration(proxyBeanMethods = false)
    class MissingFallbackConfig {
        @Bean
        fun missing() = Missing()
    }
}
