package io.fluxgate.kotlin

import io.fluxgate.CallNotPermittedException
import io.fluxgate.CallOutcome
import io.fluxgate.CircuitBreaker
import io.fluxgate.State
import io.fluxgate.permits.All
import io.fluxgate.retries.Cooldown
import io.fluxgate.trippers.FailureStreak
import io.fluxgate.trippers.MinRequests
import io.fluxgate.windows.CountWindow
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.flowOf
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.joinAll
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.yield
import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.assertThatExceptionOfType
import org.junit.jupiter.api.Nested
import org.junit.jupiter.api.Test
import java.io.IOException
import java.time.Duration
import java.util.concurrent.atomic.AtomicInteger
import kotlin.coroutines.cancellation.CancellationException

@OptIn(ExperimentalCoroutinesApi::class)
class CircuitBreakersTests {

    /** A breaker whose ticker is the test's virtual time, opening after [streak] failures in a row. */
    private fun TestScope.breaker(streak: Int = 3, halfOpenCalls: Int = 1): CircuitBreaker =
        CircuitBreaker.builder("kotlin")
            .ticker { testScheduler.currentTime * 1_000_000 }
            .tripper(FailureStreak(streak))
            .retry(Cooldown(Duration.ofSeconds(10)))
            .permit(All())
            .maxHalfOpenCalls(halfOpenCalls)
            .build()

    private fun CircuitBreaker.count(outcome: CallOutcome) =
        statistics().count(outcome, false) + statistics().count(outcome, true)

    @Nested
    inner class Execute {

        @Test
        fun recordsTheWholeSuspendingCallTimeSuspendedIncluded() = runTest {
            val breaker = breaker()

            val body = breaker.execute {
                delay(1_500)
                "ok"
            }

            assertThat(body).isEqualTo("ok")
            assertThat(breaker.info().metric().totalCount()).isEqualTo(1)
            assertThat(breaker.info().metric().totalDuration()).isEqualTo(Duration.ofMillis(1_500))
        }

        @Test
        fun recordsAFailureAndRethrowsIt() = runTest {
            val breaker = breaker()

            assertThatExceptionOfType(IOException::class.java).isThrownBy {
                runBlocking { breaker.execute { throw IOException("down") } }
            }

            assertThat(breaker.info().metric().failureCount()).isEqualTo(1)
        }

        @Test
        fun rejectsWithoutRunningTheBlockWhenOpen() = runTest {
            val breaker = breaker()
            breaker.forceOpen()
            val runs = AtomicInteger()

            val rejected = runCatching { breaker.execute { runs.incrementAndGet() } }.exceptionOrNull()

            assertThat(rejected).isInstanceOf(CallNotPermittedException::class.java)
            assertThat(runs).hasValue(0)
        }

        @Test
        fun cancellationReleasesThePermissionWithoutRecordingAndFreesTheProbeSlot() = runTest {
            val breaker = breaker(streak = 1, halfOpenCalls = 1)
            runCatching { breaker.execute { throw IOException("down") } }
            assertThat(breaker.state()).isEqualTo(State.OPEN)
            delay(10_000)

            val probe = launch { breaker.execute { delay(60_000) } }
            runCurrent()
            assertThat(breaker.state()).isEqualTo(State.HALF_OPEN)
            assertThat(runCatching { breaker.execute { "second" } }.exceptionOrNull())
                .isInstanceOf(CallNotPermittedException::class.java)
            probe.cancel()
            probe.join()

            assertThat(breaker.execute { "next probe" }).isEqualTo("next probe")
            assertThat(breaker.state()).isEqualTo(State.CLOSED)
            assertThat(breaker.count(CallOutcome.SUCCESS)).isEqualTo(1)
            assertThat(breaker.count(CallOutcome.FAILURE)).isEqualTo(1)
        }

        @Test
        fun aTimeoutIsACancellationNotAFailure() = runTest {
            val breaker = breaker()

            runCatching { withTimeout(1_000) { breaker.execute { delay(5_000) } } }

            assertThat(breaker.info().metric().totalCount()).isZero()
            assertThat(breaker.count(CallOutcome.FAILURE)).isZero()
        }
    }

    @Nested
    inner class ExecuteWithFallback {

        @Test
        fun givesTheRejectionToTheFallback() = runTest {
            val breaker = breaker()
            breaker.forceOpen()

            val answer = breaker.execute(fallback = { e -> "fallback: ${e::class.simpleName}" }) { "body" }

            assertThat(answer).isEqualTo("fallback: CallNotPermittedException")
        }

        @Test
        fun givesTheFailureToASuspendingFallbackAfterRecordingIt() = runTest {
            val breaker = breaker()

            val answer = breaker.execute(fallback = { e -> delay(100); "queued (${e.message})" }) {
                throw IOException("down")
            }

            assertThat(answer).isEqualTo("queued (down)")
            assertThat(breaker.info().metric().failureCount()).isEqualTo(1)
        }

        @Test
        fun neverGivesCancellationToTheFallback() = runTest {
            val breaker = breaker()
            val fallbacks = AtomicInteger()

            val call = launch {
                breaker.execute(fallback = { fallbacks.incrementAndGet(); "fallback" }) { delay(5_000); "body" }
            }
            runCurrent()
            call.cancel()
            call.join()

            assertThat(fallbacks).hasValue(0)
            assertThat(call.isCancelled).isTrue()
        }
    }

    @Nested
    inner class FlowCircuitBreaker {

        @Test
        fun asksForPermissionPerCollectionAndRecordsOnCompletion() = runTest {
            val breaker = breaker()
            val prices = flow {
                emit(1)
                delay(200)
                emit(2)
            }.circuitBreaker(breaker)
            assertThat(breaker.info().metric().totalCount()).isZero()

            assertThat(prices.toList()).containsExactly(1, 2)
            assertThat(prices.toList()).containsExactly(1, 2)

            assertThat(breaker.info().metric().totalCount()).isEqualTo(2)
            assertThat(breaker.info().metric().totalDuration()).isEqualTo(Duration.ofMillis(400))
        }

        @Test
        fun nullElementsPassThroughAndTheCollectionIsOneSuccess() = runTest {
            val breaker = breaker()
            val maybe = flowOf<String?>(null, "a", null).circuitBreaker(breaker)

            assertThat(maybe.toList()).containsExactly(null, "a", null)
            assertThat(breaker.count(CallOutcome.SUCCESS)).isEqualTo(1)
            assertThat(breaker.count(CallOutcome.FAILURE)).isZero()
        }

        @Test
        fun recordsAFailedFlow() = runTest {
            val breaker = breaker()
            val failing = flow<Int> { throw IOException("down") }.circuitBreaker(breaker)

            assertThat(runCatching { failing.toList() }.exceptionOrNull()).isInstanceOf(IOException::class.java)
            assertThat(breaker.info().metric().failureCount()).isEqualTo(1)
        }

        @Test
        fun rejectsACollectionWhenOpen() = runTest {
            val breaker = breaker()
            breaker.forceOpen()
            val collected = AtomicInteger()
            val guarded = flow { collected.incrementAndGet(); emit(1) }.circuitBreaker(breaker)

            assertThat(runCatching { guarded.toList() }.exceptionOrNull())
                .isInstanceOf(CallNotPermittedException::class.java)
            assertThat(collected).hasValue(0)
        }

        @Test
        fun releasesWithoutOutcomeWhenCollectionStopsEarlyOrTheCollectorFails() = runTest {
            val breaker = breaker(streak = 1, halfOpenCalls = 1)
            val numbers = flowOf(1, 2, 3).circuitBreaker(breaker)

            assertThat(numbers.first()).isEqualTo(1)
            assertThat(runCatching { numbers.collect { throw IllegalStateException("collector") } }.exceptionOrNull())
                .isInstanceOf(IllegalStateException::class.java)

            assertThat(breaker.info().metric().totalCount()).isZero()
            assertThat(breaker.state()).isEqualTo(State.CLOSED)
        }

        @Test
        fun cancellingTheCollectorFreesTheProbeSlot() = runTest {
            val breaker = breaker(streak = 1, halfOpenCalls = 1)
            runCatching { breaker.execute { throw IOException("down") } }
            delay(10_000)
            val endless = flow { while (true) { emit(0); delay(1_000) } }.circuitBreaker(breaker)

            val collector = launch { endless.collect {} }
            runCurrent()
            assertThat(breaker.state()).isEqualTo(State.HALF_OPEN)
            collector.cancel()
            collector.join()

            assertThat(breaker.execute { "next probe" }).isEqualTo("next probe")
            assertThat(breaker.info().metric().totalCount()).isZero() // CLOSED again: a new, empty window
            assertThat(breaker.state()).isEqualTo(State.CLOSED)
        }
    }

    @Nested
    inner class Concurrency {

        @Test
        fun manyCoroutinesOnManyThreadsEachReportOnceOrReleaseOnce(): Unit = runBlocking {
            val breaker = CircuitBreaker.builder("many")
                .window(CountWindow(10_000))
                .tripper(MinRequests(1_000_000))
                .build()
            val calls = 4_000
            val gate = CompletableDeferred<Unit>()

            val outcomes = withContext(Dispatchers.Default) {
                (0 until calls).map { i ->
                    async(start = CoroutineStart.DEFAULT) {
                        gate.await()
                        try {
                            breaker.execute {
                                yield()
                                when (i % 4) {
                                    0 -> throw IOException("failure $i")
                                    1 -> throw CancellationException("cancelled $i")
                                    else -> "ok"
                                }
                            }
                            CallOutcome.SUCCESS
                        } catch (e: IOException) {
                            CallOutcome.FAILURE
                        } catch (e: CancellationException) {
                            CallOutcome.IGNORED
                        }
                    }
                }.also { gate.complete(Unit) }.awaitAll()
            }

            val expected = outcomes.groupingBy { it }.eachCount()
            assertThat(expected[CallOutcome.SUCCESS]).isEqualTo(calls / 2)
            assertThat(breaker.count(CallOutcome.SUCCESS)).isEqualTo(calls / 2L)
            assertThat(breaker.count(CallOutcome.FAILURE)).isEqualTo(calls / 4L)
            assertThat(breaker.count(CallOutcome.IGNORED)).isZero()
            assertThat(breaker.info().metric().totalCount()).isEqualTo(calls * 3L / 4)
        }

        @Test
        fun everyCancelledProbeFreesItsSlotOnceUnderContention(): Unit = runBlocking {
            val ticker = AtomicInteger()
            val breaker = CircuitBreaker.builder("probes")
                .ticker { ticker.get() * 1_000_000_000L }
                .tripper(FailureStreak(1))
                .retry(Cooldown(Duration.ofSeconds(1)))
                .permit(All())
                .maxHalfOpenCalls(8)
                .build()
            runCatching { breaker.execute { throw IOException("down") } }
            ticker.set(2)
            val rejected = AtomicInteger()
            val admitted = AtomicInteger()

            withContext(Dispatchers.Default) {
                val never = CompletableDeferred<Unit>()
                val probes = (0 until 2_000).map { i ->
                    launch {
                        try {
                            breaker.execute {
                                admitted.incrementAndGet()
                                repeat(i % 3) { yield() }
                                if (i % 2 == 0) throw CancellationException("probe $i gives up")
                                never.await()
                            }
                        } catch (e: CallNotPermittedException) {
                            rejected.incrementAndGet()
                        }
                    }
                }
                repeat(3) { yield() }
                probes.filterIndexed { i, _ -> i % 2 == 1 }.forEach { it.cancel() }
                probes.joinAll()
            }

            assertThat(admitted.get()).isGreaterThan(8) // slots were freed and taken again while others raced
            assertThat(breaker.state()).isEqualTo(State.HALF_OPEN)
            // All slots free again, none freed twice: exactly maxHalfOpenCalls concurrent probes get in.
            val hold = CompletableDeferred<Unit>()
            val inFlight = (0 until 8).map { async { breaker.execute { hold.await(); "probe" } } }
            yield()
            assertThat(runCatching { breaker.execute { "ninth" } }.exceptionOrNull())
                .isInstanceOf(CallNotPermittedException::class.java)
            hold.complete(Unit)
            assertThat(inFlight.awaitAll()).hasSize(8)
        }
    }
}
