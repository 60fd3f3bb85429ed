package io.fluxgate;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The future {@link CircuitBreaker#callAsync} returns: it reports the stage's outcome before completing, and
 * a cancellation (of this future or of the source stage) releases the permission instead. Whichever comes
 * first wins; the other reports nothing.
 */
final class AsyncCall<T> extends CompletableFuture<T> {

    private final CircuitBreaker breaker;
    private final long permission;
    private final long start;
    private final Function<? super Exception, ? extends T> fallback;
    private final AtomicBoolean reported = new AtomicBoolean();
    private volatile CompletionStage<? extends T> source;

    private AsyncCall(CircuitBreaker breaker, long permission, Function<? super Exception, ? extends T> fallback) {
        this.breaker = breaker;
        this.permission = permission;
        this.start = breaker.startCall(permission);
        this.fallback = fallback;
    }

    static <T> CompletableFuture<T> start(CircuitBreaker breaker, Supplier<? extends CompletionStage<T>> supplier,
            Function<? super Exception, ? extends T> fallback) {
        long permission = breaker.tryAcquirePermission();
        if (!Permission.isPermitted(permission)) {
            CallNotPermittedException rejection = breaker.machine().rejection(permission);
            return fallback == null ? CompletableFuture.failedFuture(rejection) : applyFallback(fallback, rejection);
        }
        AsyncCall<T> call = new AsyncCall<>(breaker, permission, fallback);
        CompletionStage<T> stage;
        try {
            stage = supplier.get();
            if (stage == null) {
                throw new NullPointerException("supplier of circuit breaker '" + breaker.name() + "' returned null");
            }
        } catch (Throwable e) {
            call.finish(null, e);
            return call;
        }
        call.source = stage;
        stage.whenComplete(call::finish);
        return call;
    }

    private void finish(T value, Throwable thrown) {
        Throwable error = unwrap(thrown);
        if (reported.compareAndSet(false, true)) {
            try {
                if (error instanceof CancellationException) {
                    breaker.releasePermission(permission);
                } else {
                    breaker.endCall(permission, error, start);
                }
            } catch (VirtualMachineError e) {
                // Thrown by a listener or a user component (the breaker guards the rest); endCall() has
                // released the permission. Fail this future first so that no caller waits on it forever.
                super.completeExceptionally(e);
                throw e;
            }
        }
        if (error == null) {
            super.complete(value);
        } else if (fallback != null && error instanceof Exception exception) {
            try {
                super.complete(fallback.apply(exception));
            } catch (Throwable fallbackError) {
                super.completeExceptionally(fallbackError);
            }
        } else {
            super.completeExceptionally(error);
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        if (reported.compareAndSet(false, true)) {
            breaker.releasePermission(permission);
        }
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        CompletionStage<? extends T> stage = source;
        if (cancelled && stage instanceof CompletableFuture<? extends T> future) {
            future.cancel(mayInterruptIfRunning);
        }
        return cancelled;
    }

    private static <T> CompletableFuture<T> applyFallback(Function<? super Exception, ? extends T> fallback,
            Exception error) {
        try {
            return CompletableFuture.completedFuture(fallback.apply(error));
        } catch (Throwable fallbackError) {
            return CompletableFuture.failedFuture(fallbackError);
        }
    }

    static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
