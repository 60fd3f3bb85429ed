package io.fluxgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CircuitBreakerRegistryTests {

    private final CircuitBreakerRegistry registry = new CircuitBreakerRegistry();

    @Test
    void createsOnceAndReturnsTheSameBreaker() {
        CircuitBreaker first = registry.getOrCreate("payment_api", () -> CircuitBreaker.ofDefaults("payment_api"));
        CircuitBreaker second = registry.getOrCreate("payment_api", () -> CircuitBreaker.ofDefaults("payment_api"));

        assertThat(second).isSameAs(first);
        assertThat(registry.get("payment_api")).containsSame(first);
        assertThat(registry.get("Payment_Api")).isEmpty();
    }

    @Test
    void rejectsAFactoryThatBuildsAnotherName() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> registry.getOrCreate("a", () -> CircuitBreaker.ofDefaults("b")))
                .withMessage("Circuit breaker 'b' cannot be registered as 'a'");
        assertThat(registry.all()).isEmpty();
    }

    @Test
    void registersABreakerBuiltElsewhereOnce() {
        CircuitBreaker breaker = CircuitBreaker.ofDefaults("inventory");
        registry.register(breaker);

        assertThat(registry.register(breaker)).isSameAs(breaker);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> registry.register(CircuitBreaker.ofDefaults("inventory")))
                .withMessage("A circuit breaker named 'inventory' is already registered");
    }

    @Test
    void listsAllBreakersByName() {
        registry.register(CircuitBreaker.ofDefaults("b"));
        registry.register(CircuitBreaker.ofDefaults("a"));

        assertThat(registry.all()).extracting(CircuitBreaker::name).containsExactly("a", "b");
    }

    @Test
    void tellsListenersAboutExistingAddedAndRemovedBreakers() {
        List<String> events = new CopyOnWriteArrayList<>();
        registry.register(CircuitBreaker.ofDefaults("existing"));
        registry.addListener(new CircuitBreakerRegistry.RegistryListener() {
            @Override
            public void added(CircuitBreaker breaker) {
                events.add("+" + breaker.name());
            }

            @Override
            public void removed(CircuitBreaker breaker) {
                events.add("-" + breaker.name());
            }
        });

        registry.getOrCreate("new", () -> CircuitBreaker.ofDefaults("new"));
        registry.remove("existing");
        registry.remove("unknown");

        assertThat(events).containsExactly("+existing", "+new", "-existing");
    }

    @Test
    void tellsListenersAboutEveryLookupByNameUntilRemoved() {
        List<String> lookups = new CopyOnWriteArrayList<>();
        registry.register(CircuitBreaker.ofDefaults("payment_api"));
        CircuitBreakerRegistry.RegistryListener listener = new CircuitBreakerRegistry.RegistryListener() {
            @Override
            public void lookedUp(String name) {
                lookups.add(name);
            }
        };
        registry.addListener(listener);

        registry.get("payment_api");
        registry.get("paymnet_api");
        registry.getOrCreate("inventory", () -> CircuitBreaker.ofDefaults("inventory"));
        registry.all();
        registry.remove("inventory");

        assertThat(lookups).as("found or not, get and getOrCreate; all() and remove() are no lookups")
                .containsExactly("payment_api", "paymnet_api", "inventory");
        assertThat(registry.removeListener(listener)).isTrue();
        assertThat(registry.removeListener(listener)).as("already removed").isFalse();
        registry.get("payment_api");
        assertThat(lookups).hasSize(3);
    }

    @Test
    void createsEachBreakerOnceUnderContention() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger created = new AtomicInteger();
        AtomicInteger added = new AtomicInteger();
        registry.addListener(new CircuitBreakerRegistry.RegistryListener() {
            @Override
            public void added(CircuitBreaker breaker) {
                added.incrementAndGet();
            }
        });
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<CircuitBreaker>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return registry.getOrCreate("shared", () -> {
                        created.incrementAndGet();
                        return CircuitBreaker.ofDefaults("shared");
                    });
                }));
            }
            start.countDown();
            CircuitBreaker first = results.get(0).get(10, TimeUnit.SECONDS);
            for (Future<CircuitBreaker> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS)).isSameAs(first);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(created).hasValue(1);
        assertThat(added).hasValue(1);
    }
}
