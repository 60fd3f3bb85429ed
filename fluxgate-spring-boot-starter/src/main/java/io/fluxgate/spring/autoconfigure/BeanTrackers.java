package io.fluxgate.spring.autoconfigure;

import io.fluxgate.trackers.Tracker;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;

/**
 * Resolves the name in {@code Custom(name)} to a bean of type {@link Tracker} or {@code Predicate<Throwable>}.
 * Returns {@code null} for any other name, which the expression parser reports as an unknown bean. The same
 * name always gives the same predicate, so equal expressions build equal trackers.
 */
final class BeanTrackers implements Function<String, @Nullable Predicate<Throwable>> {

    private final BeanFactory beans;
    private final Map<String, Predicate<Throwable>> resolved = new ConcurrentHashMap<>();

    BeanTrackers(BeanFactory beans) {
        this.beans = beans;
    }

    @Override
    public @Nullable Predicate<Throwable> apply(String name) {
        Predicate<Throwable> known = resolved.get(name);
        if (known != null || !beans.containsBean(name)) {
            return known;
        }
        Predicate<Throwable> predicate = adapt(beans.getBean(name));
        if (predicate != null) {
            resolved.putIfAbsent(name, predicate);
        }
        return resolved.get(name);
    }

    @SuppressWarnings("unchecked")
    private static @Nullable Predicate<Throwable> adapt(Object bean) {
        if (bean instanceof Tracker tracker) {
            return tracker::test;
        }
        // Generics are erased: a Predicate bean is taken as Predicate<Throwable>, as the property documents.
        return bean instanceof Predicate<?> predicate ? (Predicate<Throwable>) predicate : null;
    }
}
