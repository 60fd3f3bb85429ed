package io.fluxgate;

import io.fluxgate.permits.All;
import io.fluxgate.permits.Permit;
import io.fluxgate.permits.RampUp;
import io.fluxgate.permits.Random;
import io.fluxgate.retries.Backoff;
import io.fluxgate.retries.Cooldown;
import io.fluxgate.retries.Retry;
import io.fluxgate.trippers.FailureStreak;
import io.fluxgate.windows.CountWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The program {@link RandomnessTests} runs in JVMs of its own. It builds jittered retries and random permits
 * on the main thread, and prints what threads that never touched {@code ThreadLocalRandom} draw from them:
 * one line per component, its name then its draws.
 */
final class FreshThreadDraws {

    static final int DRAWS = 8;

    private FreshThreadDraws() {
    }

    public static void main(String[] args) throws InterruptedException {
        JitteredBreaker cooldown = new JitteredBreaker(new Cooldown(Duration.ofSeconds(60), 0.5));
        JitteredBreaker backoff = new JitteredBreaker(
                new Backoff(Duration.ofSeconds(10), 2, Duration.ofSeconds(300), 0.5));
        Permit random = new Random(0.5);
        Permit rampUp = new RampUp(0.5, 0.5, Duration.ofSeconds(1));
        System.out.println("Cooldown " + onFreshThread(cooldown::waits));
        System.out.println("Backoff " + onFreshThread(backoff::waits));
        System.out.println("Random " + onFreshThread(() -> admissions(random)));
        System.out.println("RampUp " + onFreshThread(() -> admissions(rampUp)));
    }

    private static String onFreshThread(Supplier<String> draws) throws InterruptedException {
        AtomicReference<String> result = new AtomicReference<>();
        Thread thread = new Thread(() -> result.set(draws.get()));
        thread.start();
        thread.join();
        if (result.get() == null) {
            throw new IllegalStateException("the drawing thread failed");
        }
        return result.get();
    }

    /** A breaker on a hand-driven ticker whose retry records the waits it draws. */
    private static final class JitteredBreaker {

        private final AtomicLong nanos = new AtomicLong();
        private final List<Long> waits = new ArrayList<>();
        private final CircuitBreaker cb;

        JitteredBreaker(Retry retry) {
            cb = CircuitBreaker.builder("jittered").window(new CountWindow(10)).tripper(new FailureStreak(1))
                    .permit(new All()).ticker(nanos::get).retry(reopens -> {
                        long wait = retry.waitNanos(reopens);
                        waits.add(wait);
                        return wait;
                    }).build();
        }

        /**
         * Trips the breaker and fails its probes {@code DRAWS} times, checking on the ticker that each OPEN
         * stay lasts exactly the wait its retry drew; returns the waits.
         */
        String waits() {
            fail();
            for (int i = 0; i < DRAWS; i++) {
                long wait = waits.get(i);
                nanos.addAndGet(wait - 1);
                try {
                    cb.run(() -> { });
                    throw new IllegalStateException("a call before the drawn wait of " + wait + " ns ran");
                } catch (CallNotPermittedException expected) {
                    nanos.incrementAndGet();
                }
                fail();
            }
            return waits.subList(0, DRAWS).toString();
        }

        private void fail() {
            try {
                cb.run(() -> {
                    throw new IllegalStateException("down");
                });
            } catch (IllegalStateException expected) {
                if (cb.state() != State.OPEN) {
                    throw new IllegalStateException("a failure left the breaker " + cb.state());
                }
            }
        }
    }

    private static String admissions(Permit permit) {
        StringBuilder admitted = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            admitted.append(permit.admit(0) ? '1' : '0');
        }
        return admitted.toString();
    }
}
