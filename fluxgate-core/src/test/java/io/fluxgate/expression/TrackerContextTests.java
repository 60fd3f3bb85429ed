package io.fluxgate.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class TrackerContextTests {

    @Test
    void defaultsToTheThreadsContextClassLoaderAndNoCustoms() {
        TrackerContext context = TrackerContext.defaults();
        assertThat(context.classLoader()).isSameAs(Thread.currentThread().getContextClassLoader());
        assertThat(context.customs().apply("anything")).isNull();
    }

    @Test
    void fallsBackToItsOwnClassLoaderWithoutAContextClassLoader() {
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        thread.setContextClassLoader(null);
        try {
            assertThat(TrackerContext.defaults().classLoader()).isSameAs(TrackerContext.class.getClassLoader());
        } finally {
            thread.setContextClassLoader(original);
        }
    }

    @Test
    void withCustomsKeepsTheClassLoader() {
        ClassLoader loader = new ClassLoader(getClass().getClassLoader()) { };
        Predicate<Throwable> any = e -> true;
        TrackerContext context = TrackerContext.of(loader).withCustoms(name -> "any".equals(name) ? any : null);
        assertThat(context.classLoader()).isSameAs(loader);
        assertThat(context.customs().apply("any")).isSameAs(any);
        assertThat(context.customs().apply("other")).isNull();
    }

    @Test
    void rejectsNulls() {
        assertThatNullPointerException().isThrownBy(() -> TrackerContext.of(null)).withMessage("classLoader");
        assertThatNullPointerException().isThrownBy(() -> new TrackerContext(getClass().getClassLoader(), null))
                .withMessage("customs");
    }
}
