package io.fluxgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.fluxgate.expression.ExpressionException;
import io.fluxgate.expression.Expressions;
import io.fluxgate.expression.TrackerContext;
import io.fluxgate.listeners.LogListener;
import io.fluxgate.permits.RampUp;
import io.fluxgate.permits.Random;
import io.fluxgate.retries.Backoff;
import io.fluxgate.retries.Cooldown;
import io.fluxgate.retries.Retry;
import io.fluxgate.trackers.Custom;
import io.fluxgate.trackers.Tracker;
import io.fluxgate.trackers.TypeOf;
import io.fluxgate.trippers.Closed;
import io.fluxgate.trippers.FailureRate;
import io.fluxgate.trippers.FailureStreak;
import io.fluxgate.trippers.HalfOpened;
import io.fluxgate.trippers.MinRequests;
import io.fluxgate.trippers.Tripper;
import io.fluxgate.windows.CountWindow;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The README's examples, kept compiling and true. */
class ReadmeExamplesTests {

    private final FakeClient client = new FakeClient();

    @Test
    void coreQuickStart() throws Exception {
        CircuitBreaker cb = CircuitBreaker.builder("payment_api")
                .window(new CountWindow(100))
                .tracker(new TypeOf(ConnectException.class))
                .tripper(new Closed().and(new MinRequests(10)).and(new FailureRate(0.5)))
                .retry(new Cooldown(Duration.ofSeconds(60)))
                .permit(new Random(0.5))
                .listener(new LogListener())
                .build();

        String receipt = cb.call(() -> client.charge(10));
        String answer = cb.callWithFallback(() -> client.charge(10), e -> "queued");
        CompletableFuture<String> later = cb.callAsync(() -> CompletableFuture.supplyAsync(() -> "async"));

        assertThat(receipt).isEqualTo("charged 10");
        assertThat(answer).isEqualTo("charged 10");
        assertThat(later.join()).isEqualTo("async");

        cb.reconfigure(builder -> builder.tripper(new MinRequests(20).and(new FailureRate(0.3))));

        assertThat(cb.config().tripper()).hasToString("MinRequests(20) & FailureRate(0.3)");
        assertThat(cb.config().permit()).as("the rest stays").isEqualTo(new Random(0.5));
    }

    @Test
    void productionExampleIsTheOneFromThePythonReadme() {
        CircuitBreaker payments = CircuitBreaker.builder("payment_api")
                .window(new CountWindow(100))
                .tracker(new Custom(e -> e instanceof HttpTimeoutException || e instanceof ConnectException))
                .tripper(new FailureStreak(5).or(new MinRequests(20).and(
                        new Closed().and(new FailureRate(0.6)).or(new HalfOpened().and(new FailureRate(0.5))))))
                .retry(new Backoff(Duration.ofSeconds(10), 2.0, Duration.ofSeconds(300), 0.1))
                .permit(new RampUp(0.1, 0.5, Duration.ofSeconds(60)))
                .listener(new LogListener())
                .build();

        assertThat(payments.config().tripper()).hasToString(
                "FailureStreak(5) | MinRequests(20) & (Closed() & FailureRate(0.6) | HalfOpened() & FailureRate(0.5))");
    }

    @Test
    void timeInTests() {
        AtomicLong nanos = new AtomicLong();
        CircuitBreaker cb = CircuitBreaker.builder("test").ticker(nanos::get).build();
        cb.forceOpen();
        cb.reset();
        nanos.addAndGet(Duration.ofSeconds(60).toNanos());

        assertThat(cb.get(() -> "ok")).isEqualTo("ok");
    }

    @Test
    void expressionsParseWhatComponentsPrint() {
        Predicate<Throwable> isTimeout = e -> e instanceof HttpTimeoutException;
        ClassLoader classLoader = getClass().getClassLoader();

        Tripper tripper = Expressions.tripper("FailureStreak(5) | MinRequests(20) & FailureRate(0.5)");
        Retry retry = Expressions.retry(new Backoff(Duration.ofSeconds(10)).toString());   // an equal Backoff
        Tracker tracker = Expressions.tracker("TypeOf(java.net.ConnectException) | Custom(isTimeout)",
                TrackerContext.of(classLoader).withCustoms(Map.of("isTimeout", isTimeout)::get));

        assertThat(tripper).isEqualTo(new FailureStreak(5).or(new MinRequests(20).and(new FailureRate(0.5))));
        assertThat(retry).isEqualTo(new Backoff(Duration.ofSeconds(10)));
        assertThat(tracker).isEqualTo(new TypeOf(ConnectException.class).or(new Custom("isTimeout", isTimeout)));
        assertThatExceptionOfType(ExpressionException.class).isThrownBy(() -> Expressions.tripper("FailureRate(0.5))"))
                .withMessage("unexpected ')' at column 17; expected '&', '|' or the end");
    }

    static final class FakeClient {
        String charge(int amount) {
            return "charged " + amount;
        }
    }
}
