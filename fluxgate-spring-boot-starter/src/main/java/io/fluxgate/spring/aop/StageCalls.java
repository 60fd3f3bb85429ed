package io.fluxgate.spring.aop;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * Runs methods returning {@code CompletionStage} or {@code CompletableFuture} through
 * {@link io.fluxgate.CircuitBreaker#callAsync}; a fallback may answer with a value or with a stage.
 */
final class StageCalls {

    private StageCalls() {
    }

    static CompletableFuture<@Nullable Object> call(Plan plan, MethodInvocation invocation) {
        CompletableFuture<@Nullable Object> call = plan.breaker(invocation).callAsync(() -> start(invocation));
        Fallback fallback = plan.fallback();
        if (fallback == null) {
            return call;
        }
        WithFallback result = new WithFallback(call, fallback, invocation.getThis(), invocation.getArguments());
        call.whenComplete(result::settle);
        return result;
    }

    @SuppressWarnings("unchecked")
    private static CompletionStage<@Nullable Object> start(MethodInvocation invocation) {
        try {
            return (CompletionStage<@Nullable Object>) invocation.proceed();
        } catch (Throwable e) {
            return CompletableFuture.failedFuture(e); // the core records it like a stage that failed
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /**
     * The future returned when there is a fallback. Completing or cancelling it ends the breaker's call the
     * same way ({@code orTimeout} included, see {@link io.fluxgate.CircuitBreaker#callAsync}), and what the
     * caller completed it with stands: the fallback does not replace it.
     */
    private static final class WithFallback extends CompletableFuture<@Nullable Object> {

        private final CompletableFuture<@Nullable Object> call;
        private final Fallback fallback;
        private final @Nullable Object target;
        private final @Nullable Object[] arguments;
        private volatile boolean endedByCaller;

        WithFallback(CompletableFuture<@Nullable Object> call, Fallback fallback, @Nullable Object target,
                @Nullable Object[] arguments) {
            this.call = call;
            this.fallback = fallback;
            this.target = target;
            this.arguments = arguments;
        }

        void settle(@Nullable Object value, @Nullable Throwable error) {
            if (isDone() || endedByCaller) {
                return;
            }
            if (error == null) {
                settleWith(value);
                return;
            }
            Fallback.Overload overload = fallback.select(error);
            if (overload == null) {
                failWith(error);
                return;
            }
            try {
                Object answer = overload.invoke(target, arguments, error);
                if (overload.wrapped() && answer != null) {
                    ((CompletionStage<?>) answer).whenComplete((v, e) -> {
                        if (e == null) {
                            settleWith(v);
                        } else {
                            failWith(unwrap(e));
                        }
                    });
                } else {
                    settleWith(answer);
                }
            } catch (Throwable fallbackError) {
                failWith(fallbackError);
            }
        }

        private boolean settleWith(@Nullable Object value) {
            return super.complete(value);
        }

        private boolean failWith(Throwable error) {
            return super.completeExceptionally(error);
        }

        @Override
        public boolean complete(@Nullable Object value) {
            endedByCaller = true;
            call.complete(value); // releases the breaker's slot before this future completes
            return super.complete(value);
        }

        @Override
        public boolean completeExceptionally(Throwable ex) {
            endedByCaller = true;
            call.completeExceptionally(ex); // offers ex to the tracker before this future completes
            return super.completeExceptionally(ex);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            call.cancel(mayInterruptIfRunning); // releases the breaker's slot before we return
            return cancelled;
        }
    }
}
