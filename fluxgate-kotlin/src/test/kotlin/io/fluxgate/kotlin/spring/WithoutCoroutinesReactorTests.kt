package io.fluxgate.kotlin.spring

import io.fluxgate.spring.CircuitBreaker
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import org.springframework.boot.SpringApplication
import org.springframework.boot.SpringBootConfiguration
import org.springframework.boot.WebApplicationType
import org.springframework.boot.autoconfigure.EnableAutoConfiguration
import org.springframework.context.annotation.Import
import java.io.File
import java.net.URLClassLoader

/**
 * Without kotlinx-coroutines-reactor Spring AOP calls a suspend fun directly and the advice would see only a
 * "suspended" marker: start-up must fail instead of leaving the function unguarded.
 */
class WithoutCoroutinesReactorTests {

    @Test
    fun anAnnotatedSuspendFunFailsStartUpNamingTheMissingJar() {
        val classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
            .split(File.pathSeparator)
            .filterNot { "kotlinx-coroutines-reactor" in it }
            .map { File(it).toURI().toURL() }
        URLClassLoader(classPath.toTypedArray(), ClassLoader.getPlatformClassLoader()).use { loader ->
            assertThat(loader.getResource("kotlinx/coroutines/reactor/MonoKt.class")).isNull()
            val thread = Thread.currentThread()
            val previous = thread.contextClassLoader
            thread.contextClassLoader = loader
            val failure = try {
                loader.loadClass(Launcher::class.java.name).getMethod("startUpFailure").invoke(null) as String
            } finally {
                thread.contextClassLoader = previous
            }

            assertThat(failure)
                .contains("@CircuitBreaker(name = \"remote\") on Quotes.quote(String)")
                .contains("a suspend fun needs kotlinx-coroutines-reactor (with reactor-core) on the class path")
        }
    }

    open class Quotes {
        @CircuitBreaker(name = "remote")
        open suspend fun quote(symbol: String): String = symbol
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Quotes::class)
    open class App

    /** Loaded and run inside the reduced class path. */
    object Launcher {
        @JvmStatic
        fun startUpFailure(): String {
            val application = SpringApplication(App::class.java)
            application.setWebApplicationType(WebApplicationType.NONE)
            return try {
                application.run("--spring.main.banner-mode=off").close()
                "started"
            } catch (e: Exception) {
                generateSequence<Throwable>(e) { it.cause }.last().message ?: e.toString()
            }
        }
    }
}
