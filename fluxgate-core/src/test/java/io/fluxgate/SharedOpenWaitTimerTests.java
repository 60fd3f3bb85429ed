package io.fluxgate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.retries.Cooldown;
import io.fluxgate.trippers.FailureStreak;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The library's OPEN-wait timer: cancelled wake-ups leave its queue, a pending one keeps no breaker alive, and its
 * thread pins no class loader of whoever started it (on JDK 17 to 23, through the inherited access-control context).
 */
class SharedOpenWaitTimerTests {

    private final SharedOpenWaitTimer timer = new SharedOpenWaitTimer();

    @AfterEach
    void stopTheTimer() {
        timer.shutdownNow();
    }

    private CircuitBreaker breaker() {
        return CircuitBreaker.builder("timed").tripper(new FailureStreak(1))
                .retry(new Cooldown(Duration.ofHours(1))).timer(timer).build();
    }

    @Test
    void tenThousandTripsAndResetsLeaveNoWakeUpQueued() {
        CircuitBreaker cb = breaker();

        for (int cycle = 0; cycle < 10_000; cycle++) {
            Fixture.fail(cb);
            cb.reset();
        }

        assertThat(cb.state()).isEqualTo(State.CLOSED);
        assertThat(timer.pending()).isZero();
    }

    @Test
    void aWakeUpOfAStayLeftByAnyTransitionIsCancelled() {
        CircuitBreaker cb = breaker();
        Fixture.fail(cb);
        assertThat(timer.pending()).isEqualTo(1);

        cb.forceOpen();
        assertThat(timer.pending()).isZero();
        cb.reset();
        Fixture.fail(cb);
        cb.disable();
        assertThat(timer.pending()).isZero();
    }

    @Test
    void aPendingWakeUpKeepsNoBreakerAlive() {
        WeakReference<CircuitBreaker> dropped = new WeakReference<>(trippedAndDropped());

        assertThat(timer.pending()).isEqualTo(1);
        assertThat(collected(() -> dropped.get() == null)).as("the breaker was collected").isTrue();
    }

    private CircuitBreaker trippedAndDropped() {
        CircuitBreaker cb = breaker();
        Fixture.fail(cb);
        return cb;
    }

    @Test
    void itsThreadPinsNoClassLoaderOfTheStackThatStartedIt() throws Exception {
        WeakReference<ClassLoader> loader = tripFromAThrowawayLoader();

        assertThat(timer.threadRunning()).as("the thread waits for the pending wake-up").isTrue();
        assertThat(collected(() -> loader.get() == null)).as("the throwaway loader was collected").isTrue();
    }

    /** Trips a breaker on a thread whose context loader is a throwaway one, with a frame of it on the stack. */
    @SuppressWarnings("unchecked")
    private WeakReference<ClassLoader> tripFromAThrowawayLoader() throws Exception {
        ClassLoader throwaway = new ThrowawayLoader(getClass().getClassLoader());
        Consumer<Runnable> caller = (Consumer<Runnable>) throwaway.loadClass(ThrowawayCaller.class.getName())
                .getConstructor().newInstance();
        assertThat(caller.getClass().getClassLoader()).isSameAs(throwaway);
        Thread application = new Thread(() -> caller.accept(() -> Fixture.fail(breaker())));
        application.setContextClassLoader(throwaway);
        application.start();
        application.join(10_000);
        assertThat(timer.pending()).isEqualTo(1);
        return new WeakReference<>(throwaway);
    }

    private static boolean collected(BooleanSupplier cleared) {
        for (int attempt = 0; attempt < 50 && !cleared.getAsBoolean(); attempt++) {
            System.gc();
            byte[][] pressure = new byte[16][];
            for (int i = 0; i < pressure.length; i++) {
                pressure[i] = new byte[1 << 20];
            }
        }
        return cleared.getAsBoolean();
    }

    /** Defines {@link ThrowawayCaller} itself (child first) and leaves every other class to its parent. */
    private static final class ThrowawayLoader extends ClassLoader {

        ThrowawayLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(ThrowawayCaller.class.getName())) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded != null) {
                    return loaded;
                }
                try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                    byte[] bytes = in.readAllBytes();
                    return defineClass(name, bytes, 0, bytes.length);
                } catch (IOException e) {
                    throw new ClassNotFoundException(name, e);
                }
            }
        }
    }
}
