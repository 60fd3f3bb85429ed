package io.fluxgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.fluxgate.permits.All;
import io.fluxgate.retries.Backoff;
import io.fluxgate.retries.Cooldown;
import io.fluxgate.retries.Retry;
import io.fluxgate.trippers.FailureStreak;
import io.fluxgate.windows.CountWindow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Where jitter and permit draws come from: a per-JVM seed by default, whatever thread draws; a given
 * generator, as given.
 */
class RandomnessTests {

    @Nested
    class AcrossJvms {

        /**
         * Replicas of a service whose breakers open together must not probe together: the thread that trips
         * a breaker has often never used {@code ThreadLocalRandom}, and such a thread's seed is the same in
         * every JVM unless the draw initialises it. Each line holds 8 waits in nanoseconds or 64 admissions,
         * so two honest JVMs agree on one by chance with a probability of at most 2^-64.
         */
        @Test
        void twoJvmsDrawDifferentlyOnThreadsThatNeverTouchedThreadLocalRandom() throws Exception {
            List<String> first = drawsOfAFreshJvm();
            List<String> second = drawsOfAFreshJvm();

            assertThat(first).hasSize(4).extracting(line -> line.split(" ", 2)[0])
                    .containsExactly("Cooldown", "Backoff", "Random", "RampUp");
            for (int i = 0; i < first.size(); i++) {
                assertThat(first.get(i)).as("the same draws in two JVMs").isNotEqualTo(second.get(i));
            }
        }

        private List<String> drawsOfAFreshJvm() throws IOException, InterruptedException {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                    FreshThreadDraws.class.getName()).redirectErrorStream(true).start();
            boolean ended = process.waitFor(60, TimeUnit.SECONDS);
            if (!ended) {
                process.destroyForcibly();
            }
            assertThat(ended).as("the forked JVM ended").isTrue();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(output).isZero();
            return output.lines().toList();
        }
    }

    @Nested
    class Seeded {

        private static final int OPENINGS = 6;

        @Test
        void aBreakerWithASeededBackoffWaitsTheSeedsSequenceEveryTime() {
            Supplier<Retry> seeded = () -> new Backoff(Duration.ofSeconds(10), 2, Duration.ofSeconds(300), 0.5,
                    new java.util.Random(42));
            Retry reference = seeded.get();
            List<Long> expected = IntStream.range(0, OPENINGS).mapToObj(reference::waitNanos).toList();

            assertStaysOpenFor(seeded.get(), expected);
            assertStaysOpenFor(seeded.get(), expected);
        }

        @Test
        void aBreakerWithASeededCooldownWaitsTheSeedsSequenceEveryTime() {
            Supplier<Retry> seeded = () -> new Cooldown(Duration.ofSeconds(60), 0.5, new java.util.Random(7));
            Retry reference = seeded.get();
            List<Long> expected = IntStream.range(0, OPENINGS).mapToObj(reference::waitNanos).toList();

            assertThat(expected).doesNotHaveDuplicates();
            assertStaysOpenFor(seeded.get(), expected);
            assertStaysOpenFor(seeded.get(), expected);
        }

        /** Trips a breaker, then checks each OPEN stay to the nanosecond and fails the probe that ends it. */
        private void assertStaysOpenFor(Retry retry, List<Long> waits) {
            AtomicLong nanos = new AtomicLong();
            CircuitBreaker cb = CircuitBreaker.builder("seeded").window(new CountWindow(10))
                    .tripper(new FailureStreak(1)).permit(new All()).retry(retry).ticker(nanos::get).build();
            Fixture.fail(cb);
            for (long wait : waits) {
                assertThat(cb.state()).isEqualTo(State.OPEN);
                nanos.addAndGet(wait - 1);
                assertThatExceptionOfType(CallNotPermittedException.class).isThrownBy(() -> Fixture.succeed(cb));
                nanos.incrementAndGet();
                Fixture.fail(cb);
            }
        }
    }
}
