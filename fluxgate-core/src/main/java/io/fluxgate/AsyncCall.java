package io.fluxgate;

import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The future {@link CircuitBreaker#callAsync} returns (its Javadoc states the rules). The call ends at whichever
 * comes first, the source stage completing or this future being completed by anyone; the first end reports
 * once and releases the permission once, the other reports nothing. {@code complete},
 * {@code completeExceptionally} and {@code cancel} report before this future completes; the ways that bypass
 * them ({@code obtrude*}, {@code completeAsync}) report from a dependent registered first, so after the
 * caller's own dependents. Whatever throws while reporting is logged and never keeps this future from
 * completing with the call's own result (a {@link VirtualMachineError} fails it, then propagates).
 */
final class AsyncCall<T> extends CompletableFuture<T> {

    private static final System.Logger LOG = System.getLogger("io.fluxgate");

    private final CircuitBreaker breaker;
    private final long permission;
    private final long start;
    private final Function<? super Exception, ? extends T> fallback;
    private final AtomicBoolean ended = new AtomicBoolean();
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
        call.whenComplete(call::completedElsewhere);
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

    /** The source stage completed (or the supplier threw). */
    private void finish(T value, Throwable thrown) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        Throwable error = unwrap(thrown);
        VirtualMachineError fatal = report(error, !(error instanceof CancellationException));
        if (fatal != null) {
            super.completeExceptionally(fatal);
            throw fatal;
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

    /**
     * The caller ends the call: {@code thrown}, unwrapped, is offered to the tracker, unless it is a
     * cancellation; without one nothing is recorded.
     */
    private void endByCaller(Throwable thrown) {
        if (ended.compareAndSet(false, true)) {
            Throwable error = thrown == null ? null : unwrap(thrown);
            VirtualMachineError fatal = report(error, error != null && !(error instanceof CancellationException));
            if (fatal != null) {
                throw fatal;
            }
        }
    }

    /** Completed some way that bypasses the overrides below (obtrude*, completeAsync). */
    private void completedElsewhere(T value, Throwable thrown) {
        endByCaller(thrown);
    }

    /** Records (or just releases, when {@code record} is false); never throws but a VirtualMachineError. */
    private VirtualMachineError report(Throwable error, boolean record) {
        try {
            if (record) {
                breaker.endCall(permission, error, start);
            } else {
                breaker.releasePermission(permission);
            }
            return null;
        } catch (VirtualMachineError e) {
            return e;
        } catch (Throwable e) {
            // endCall() has released the permission whatever threw.
            LOG.log(Level.WARNING, () -> "Circuit breaker '" + breaker.name() + "' could not record the outcome of"
                    + " an async call; the call's own result stands", e);
            return null;
        }
    }

    @Override
    public boolean complete(T value) {
        boolean completed;
        try {
            endByCaller(null);
        } finally {
            completed = super.complete(value);
        }
        return completed;
    }

    @Override
    public boolean completeExceptionally(Throwable ex) {
        Objects.requireNonNull(ex, "ex");
        boolean completed;
        try {
            endByCaller(ex);
        } finally {
            completed = super.completeExceptionally(ex);
        }
        return completed;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled;
        try {
            endByCaller(null);
        } finally {
            cancelled = super.cancel(mayInterruptIfRunning);
        }
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
