@file:JvmName("CircuitBreakers")

package io.fluxgate.kotlin

import io.fluxgate.CallNotPermittedException
import io.fluxgate.CircuitBreaker
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlin.coroutines.cancellation.CancellationException

/**
 * Runs the suspending [block] through this breaker, in the caller's coroutine: no thread hop, no blocking.
 *
 * Permission is asked for before [block] starts; when the breaker rejects the call, [block] does not run and
 * [CallNotPermittedException] is thrown. The call's duration, read from the breaker's ticker, covers the whole
 * suspending call, time suspended included. A normal return is a success; an exception is offered to the
 * breaker's tracker and rethrown. Cancellation ([CancellationException], so also `withTimeout`) gives the
 * permission back without an outcome: it is neither a success nor a failure, and a HALF_OPEN probe slot is free
 * again. Every permission is given back exactly once.
 *
 * ```
 * val body = breaker.execute { client.get().uri("/charge").retrieve().awaitBody<String>() }
 * ```
 *
 * @param block the protected code
 * @return what [block] returned
 * @throws CallNotPermittedException when the breaker does not permit the call
 */
suspend fun <T> CircuitBreaker.execute(block: suspend () -> T): T {
    val permission = acquirePermission()
    val start = startCall(permission)
    val result = try {
        block()
    } catch (cancelled: CancellationException) {
        releasePermission(permission)
        throw cancelled
    } catch (error: Throwable) {
        endCall(permission, error, start)
        throw error
    }
    endCall(permission, null, start)
    return result
}

/**
 * Like [execute], answering with [fallback] instead of throwing an [Exception]: a rejection
 * ([CallNotPermittedException]) or whatever [block] threw. [Error]s and cancellation are never given to
 * [fallback]: they propagate. An exception thrown by [fallback] propagates too.
 *
 * ```
 * val body = breaker.execute(fallback = { e -> "queued" }) { client.charge(amount) }
 * ```
 *
 * @param fallback answers for a rejected or failed call; may suspend
 * @param block the protected code
 * @return what [block] or [fallback] returned
 */
suspend fun <T> CircuitBreaker.execute(fallback: suspend (Exception) -> T, block: suspend () -> T): T =
    try {
        execute(block)
    } catch (cancelled: CancellationException) {
        throw cancelled
    } catch (error: Exception) {
        fallback(error)
    }

/**
 * A flow whose every collection is one call through [breaker]: permission is asked for when collection starts
 * (a rejected collection fails with [CallNotPermittedException] before this flow is collected), the outcome is
 * reported when this flow completes (success) or fails (offered to the tracker), and the permission is given back
 * without an outcome when the collection is cancelled or stops early (`take`, `first`), or when the downstream
 * collector throws. The duration covers the whole collection. Collects in the collector's context.
 *
 * ```
 * val prices: Flow<Price> = client.prices().circuitBreaker(breaker)
 * ```
 *
 * @param breaker the breaker that guards each collection
 * @return the guarded flow
 */
fun <T> Flow<T>.circuitBreaker(breaker: CircuitBreaker): Flow<T> = flow {
    val permission = breaker.acquirePermission()
    val start = breaker.startCall(permission)
    var downstream: Throwable? = null
    try {
        this@circuitBreaker.collect { value ->
            try {
                emit(value)
            } catch (error: Throwable) {
                downstream = error
                throw error
            }
        }
    } catch (error: Throwable) {
        if (error is CancellationException || error === downstream) {
            breaker.releasePermission(permission)
        } else {
            breaker.endCall(permission, error, start)
        }
        throw error
    }
    breaker.endCall(permission, null, start)
}
