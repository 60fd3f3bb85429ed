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
        CompletableFuture<@Nullable Object> call = plan.breaker().callAsync(() -> start(invocation));
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

    /** The future returned when there is a fallback; cancelling it cancels the breaker's call. */
    private static final class WithFallback extends CompletableFuture<@Nullable Object> {

        private final CompletableFuture<@Nullable Object> call;
        private final Fallback fallback;
        private final @Nullable Object target;
        private final @Nullable Object[] arguments;

        WithFallback(CompletableFuture<@Nullable Object> call, Fallback fallback, @Nullable Object target,
                @Nullable Object[] arguments) {
            this.call = call;
            this.fallback = fallback;
            this.target = target;
            this.arguments = arguments;
        }

        void settle(@Nullable Object value, @Nullable Throwable error) {
            if (isDone()) {
                return;
            }
            if (error == null) {
                complete(value);
                return;
            }
            Fallback.Overload overload = fallback.select(error);
            if (overload == null) {
                completeExceptionally(error);
                return;
            }
            try {
                Object answer = overload.invoke(target, arguments, error);
                if (overload.wrapped() && answer != null) {
                    ((CompletionStage<?>) answer).whenComplete((v, e) -> {
                        if (e == null) {
                            complete(v);
                        } else {
                            completeExceptionally(unwrap(e));
                        }
                    });
                } else {
                    complete(answer);
                }
            } catch (Throwable fallbackError) {
                completeExceptionally(fallbackError);
            }
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            call.cancel(mayInterruptIfRunning); // releases the breaker's slot before we return
            return cancelled;
        }
    }
}
