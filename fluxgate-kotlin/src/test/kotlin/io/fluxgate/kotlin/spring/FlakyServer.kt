package io.fluxgate.kotlin.spring

import com.sun.net.httpserver.HttpServer
import java.net.InetSocketAddress
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicInteger

/**
 * A local HTTP server on a random port: `/ok` answers 200 `ok` or, while [failing], 500; `/slow` answers only
 * once [releaseSlow] is called, so a test can hold a call in flight without sleeping.
 */
class FlakyServer : AutoCloseable {

    val hits = AtomicInteger()
    val failing = AtomicBoolean()
    private val executor = Executors.newCachedThreadPool()
    private var slowArrived = CountDownLatch(1)
    private var slowRelease = CountDownLatch(1)
    private val server = HttpServer.create(InetSocketAddress("127.0.0.1", 0), 0).apply {
        executor = this@FlakyServer.executor
        createContext("/ok") { exchange ->
            hits.incrementAndGet()
            val status = if (failing.get()) 500 else 200
            val body = if (failing.get()) "down".toByteArray() else "ok".toByteArray()
            exchange.sendResponseHeaders(status, body.size.toLong())
            exchange.responseBody.use { it.write(body) }
        }
        createContext("/slow") { exchange ->
            hits.incrementAndGet()
            slowArrived.countDown()
            slowRelease.await(10, TimeUnit.SECONDS)
            val body = "slow".toByteArray()
            runCatching {
                exchange.sendResponseHeaders(200, body.size.toLong())
                exchange.responseBody.use { it.write(body) }
            }
        }
        start()
    }

    val url: String get() = "http://127.0.0.1:${server.address.port}"

    /** Forgets hits and any held `/slow` call, and answers 200 again. */
    fun reset() {
        hits.set(0)
        failing.set(false)
        slowRelease.countDown()
        slowArrived = CountDownLatch(1)
        slowRelease = CountDownLatch(1)
    }

    /** Waits until a `/slow` request has arrived (real I/O, not time passing). */
    fun awaitSlowRequest() {
        check(slowArrived.await(10, TimeUnit.SECONDS)) { "no /slow request arrived" }
    }

    fun releaseSlow() = slowRelease.countDown()

    override fun close() {
        slowRelease.countDown()
        server.stop(0)
        executor.shutdownNow()
    }
}
