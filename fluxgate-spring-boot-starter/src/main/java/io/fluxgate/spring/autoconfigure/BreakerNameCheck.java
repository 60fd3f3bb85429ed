package io.fluxgate.spring.autoconfigure;

import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.spring.KeyedBreakers;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;

/**
 * Catches breaker names that do not match, which would otherwise go unnoticed: {@code @CircuitBreaker(name =
 * "paymnet_api")} quietly gets a breaker built from {@code fluxgate.defaults} while the configured
 * {@code payment_api} is never used. Once the application context is refreshed (every singleton created,
 * {@code @CircuitBreaker} breakers registered, before {@code ApplicationRunner}s run), while
 * {@code fluxgate.breakers} has entries, it reports
 * <ul>
 *   <li>each name the starter's factory built from {@code fluxgate.defaults} because it is not configured: the
 *       names of {@code @CircuitBreaker}s, which the aspect registers at start-up, and names given to the
 *       factory by code, plain or keyed;</li>
 *   <li>each configured breaker that nothing used. A configured breaker is used when it is looked up by name
 *       in the starter's registry ({@code get} or {@code getOrCreate}) during start-up: the aspect does so for
 *       every {@code @CircuitBreaker}, and so does code that takes a breaker from the injected registry in a
 *       constructor, a {@code @Bean} method or {@code @PostConstruct}; a keyed name counts as used when it is
 *       looked up in {@link KeyedBreakers} ({@code family}), as the aspect does for a {@code @CircuitBreaker}
 *       with a {@code key}. Configured breakers are not beans, so
 *       they cannot be injected otherwise. Lookups after start-up (per request, in a runner) are not seen.</li>
 * </ul>
 * with "did you mean" for a close name ({@link Spelling}). Each is one WARN; with {@code fluxgate.strict-names:
 * true} they fail start-up together ({@link UnmatchedBreakerNamesException}). Names are recorded from the
 * moment they are settled until the check, then no longer. With a factory of your own nothing is built from
 * the defaults here; with a registry of your own lookups are not seen and unused breakers are not reported.
 */
final class BreakerNameCheck implements ApplicationListener<ContextRefreshedEvent>, ApplicationContextAware {

    private static final Log logger = LogFactory.getLog(BreakerNameCheck.class);

    private final boolean strict;
    private final Set<String> builtFromDefaults = ConcurrentHashMap.newKeySet();
    private final Set<String> used = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean checked = new AtomicBoolean();
    private volatile boolean recording = true;
    private volatile Collection<String> configured;
    private volatile CircuitBreakerRegistry registry;
    private final CircuitBreakerRegistry.RegistryListener lookups = new CircuitBreakerRegistry.RegistryListener() {
        @Override
        public void lookedUp(String name) {
            Collection<String> names = configured;
            if (recording && names != null && names.contains(name)) {
                used.add(name);
            }
        }
    };
    private final KeyedBreakers.FamilyListener familyLookups = new KeyedBreakers.FamilyListener() {
        @Override
        public void lookedUp(String name) {
            lookups.lookedUp(name);
        }
    };
    private volatile KeyedBreakers keyed;
    private ApplicationContext context;

    BreakerNameCheck(boolean strict) {
        this.strict = strict;
    }

    @Override
    public void setApplicationContext(ApplicationContext applicationContext) {
        this.context = applicationContext;
    }

    /** The configured names, once settled. */
    void settled(Collection<String> names) {
        this.configured = List.copyOf(names);
    }

    /** The factory built a breaker for a name that is not configured. */
    void builtFromDefaults(String name) {
        if (recording) {
            builtFromDefaults.add(name);
        }
    }

    /** Hears of the lookups in the starter's registry until the check. */
    void observe(CircuitBreakerRegistry breakers) {
        this.registry = breakers;
        breakers.addListener(lookups);
    }

    /** Hears of the lookups of keyed families until the check: a keyed name counts as used like a plain one. */
    void observe(KeyedBreakers families) {
        this.keyed = families;
        families.addListener(familyLookups);
    }

    @Override
    public void onApplicationEvent(ContextRefreshedEvent event) {
        if (event.getApplicationContext() != context || !checked.compareAndSet(false, true)) {
            return; // a child context's refresh, or already checked
        }
        recording = false;
        CircuitBreakerRegistry breakers = registry;
        if (breakers != null) {
            breakers.removeListener(lookups);
        }
        KeyedBreakers families = keyed;
        if (families != null) {
            families.removeListener(familyLookups);
        }
        List<String> problems = problems();
        if (strict && !problems.isEmpty()) {
            throw new UnmatchedBreakerNamesException(problems);
        }
        problems.forEach(logger::warn);
    }

    /** One sentence per name that does not match: names built from the defaults first, then unused ones. */
    List<String> problems() {
        Collection<String> names = configured;
        List<String> problems = new ArrayList<>();
        if (names == null || names.isEmpty()) {
            return problems;
        }
        Set<String> unconfigured = new TreeSet<>(builtFromDefaults);
        for (String name : unconfigured) {
            problems.add("Circuit breaker '" + name + "' is not under fluxgate.breakers, so it is built from "
                    + "fluxgate.defaults" + Spelling.closest(name, names).map(c -> "; did you mean '" + c + "'?")
                            .orElse("."));
        }
        if (registry != null) {
            for (String name : names) {
                if (!used.contains(name)) {
                    problems.add("Circuit breaker '" + name + "' is configured under "
                            + PropertiesCircuitBreakerFactory.path(name) + " but not used: no @CircuitBreaker names "
                            + "it and nothing looked it up in the registry during start-up" + Spelling.closest(name,
                                    unconfigured).map(c -> "; is '" + c + "' (built from fluxgate.defaults) a "
                                            + "misspelling of it?").orElse("."));
                }
            }
        }
        return problems;
    }
}
