package io.fluxgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.listeners.Listener;
import io.fluxgate.trippers.FailureStreak;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 20 item 10, what is promised about signal delivery. Uncontended (no other thread is delivering this
 * breaker's signals), a transition's signal has reached every listener before the call, the manual method or
 * the {@code callAsync} future that caused it completes. Contended (another thread holds the delivery turn,
 * e.g. a slow listener), the signal is queued, the causing call returns without waiting, and the thread holding
 * the turn delivers it after the earlier ones, in order.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class SignalDeliveryTests {

    private final Fixture fixture = new Fixture();
    private final ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "slow-listener"));
    /** Each delivered signal as {@code thread: OLD->NEW}. */
    private final List<String> delivered = new CopyOnWriteArrayList<>();

    @AfterEach
    void shutdown() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private Listener recording() {
        return signal -> delivered.add(Thread.currentThread().getName() + ": " + signal.oldState() + "->"
                + signal.newState());
    }

    private static void failingRun(CircuitBreaker cb) {
        assertThatThrownBy(() -> cb.run(() -> {
            throw new UncheckedIOException(new IOException("down"));
        })).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void uncontendedASignalIsDeliveredBeforeTheCallTheManualMethodOrTheFutureCompletes() {
        CircuitBreaker cb = fixture.builder().tripper(new FailureStreak(1)).listener(recording()).build();
        String me = Thread.currentThread().getName();

        failingRun(cb);
        assertThat(delivered).containsExactly(me + ": CLOSED->OPEN");

        cb.reset();
        assertThat(delivered).endsWith(me + ": OPEN->CLOSED");

        CompletableFuture<String> stage = new CompletableFuture<>();
        CompletableFuture<String> call = cb.callAsync(() -> stage);
        List<String> seenByDependent = new ArrayList<>();
        call.whenComplete((v, e) -> seenByDependent.addAll(delivered));
        stage.completeExceptionally(new IOException("down"));
        assertThat(seenByDependent).endsWith(me + ": CLOSED->OPEN");

        cb.reset();
        CompletableFuture<String> timedOut = cb.callAsync(CompletableFuture::new);
        List<String> seenAfterTimeout = new ArrayList<>();
        timedOut.whenComplete((v, e) -> seenAfterTimeout.addAll(delivered));
        timedOut.completeExceptionally(new java.util.concurrent.TimeoutException());
        assertThat(seenAfterTimeout).hasSize(5).endsWith(me + ": CLOSED->OPEN");
    }

    @Test
    void contendedTheCausingCallReturnsFirstAndTheThreadHoldingTheTurnDeliversInOrder() throws Exception {
        CountDownLatch listening = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Listener slow = signal -> {
            if (Thread.currentThread().getName().equals("slow-listener") && listening.getCount() > 0) {
                listening.countDown();
                await(release);
            }
        };
        CircuitBreaker cb = fixture.builder().tripper(new FailureStreak(1)).listener(slow).listener(recording())
                .build();
        Future<?> reset = pool.submit(cb::reset);
        assertThat(listening.await(10, TimeUnit.SECONDS)).isTrue();

        failingRun(cb);
        cb.reset();
        CompletableFuture<String> stage = new CompletableFuture<>();
        CompletableFuture<String> call = cb.callAsync(() -> stage);
        stage.completeExceptionally(new IOException("down"));

        assertThat(call).as("the future did not wait for the delivery turn").isCompletedExceptionally();
        assertThat(cb.state()).isEqualTo(State.OPEN);
        assertThat(delivered).as("queued behind the slow listener").isEmpty();
        release.countDown();
        reset.get(10, TimeUnit.SECONDS);
        assertThat(delivered).containsExactly("slow-listener: CLOSED->CLOSED", "slow-listener: CLOSED->OPEN",
                "slow-listener: OPEN->CLOSED", "slow-listener: CLOSED->OPEN");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
