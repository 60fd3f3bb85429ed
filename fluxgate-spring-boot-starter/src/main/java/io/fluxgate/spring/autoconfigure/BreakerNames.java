package io.fluxgate.spring.autoconfigure;

import io.fluxgate.spring.autoconfigure.FluxgateProperties.Breaker;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Settles the breaker names of {@code fluxgate.breakers}. Spring Boot's map binding keeps a key as written, but
 * compares plain keys ignoring case, {@code -} and {@code _}: it merges {@code payment_api} and
 * {@code PaymentApi} into one entry that appears under both names, and an environment variable
 * {@code FLUXGATE_BREAKERS_PAYMENTAPI_TRIPPER} adds a key {@code paymentapi}. So:
 * <ul>
 *   <li>a key that only an environment variable spells, while a configuration file spells the same property
 *       differently, is an override of that breaker, not a breaker of its own;</li>
 *   <li>two different keys that Spring Boot takes for the same property are a start-up error. (A key written
 *       both plainly and in brackets, {@code a_b} and {@code "[a_b]"}, already fails binding: one spelling's
 *       values are left unbound.)</li>
 * </ul>
 * Settled once at start-up, by the {@code fluxgateBreakerNames} bean; the factory reads the breakers' settings
 * from it and the registry its names.
 */
final class BreakerNames {

    private static final ConfigurationPropertyName BREAKERS = ConfigurationPropertyName.of("fluxgate.breakers");
    private static final int KEY_ELEMENTS = BREAKERS.getNumberOfElements() + 1;

    private final Map<String, Breaker> breakers;

    private BreakerNames(Map<String, Breaker> breakers) {
        this.breakers = Collections.unmodifiableMap(breakers);
    }

    /**
     * Settles the configured breakers' names.
     *
     * @param bound       {@code fluxgate.breakers} as bound by Spring Boot
     * @param environment where it was bound from
     * @throws InvalidConfigurationPropertyValueException if Spring Boot takes two names for one
     */
    static BreakerNames settle(Map<String, Breaker> bound, Environment environment) {
        Map<String, List<ConfigurationPropertyName>> written = new LinkedHashMap<>();
        Map<String, ConfigurationPropertyName> fromEnvironment = new LinkedHashMap<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)) {
                continue;
            }
            boolean environmentVariables = source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource;
            iterable.filter(BREAKERS::isAncestorOf).stream().forEach(name -> {
                ConfigurationPropertyName key = name.chop(KEY_ELEMENTS);
                String text = key.getLastElement(Form.ORIGINAL);
                if (environmentVariables) {
                    fromEnvironment.putIfAbsent(text, key);
                } else {
                    List<ConfigurationPropertyName> spellings = written.computeIfAbsent(text, t -> new ArrayList<>());
                    if (!spellings.contains(key)) {
                        spellings.add(key);
                    }
                }
            });
        }
        Map<String, Breaker> settled = new LinkedHashMap<>();
        bound.forEach((name, breaker) -> {
            ConfigurationPropertyName env = fromEnvironment.get(name);
            boolean alias = !written.containsKey(name) && env != null
                    && written.values().stream().anyMatch(spellings -> spellings.contains(env));
            if (!alias) {
                settled.put(name, breaker);
            }
        });
        checkUnambiguous(written);
        return new BreakerNames(settled);
    }

    /** The configured breakers by the names their users wrote, in configuration order. */
    Map<String, Breaker> breakers() {
        return breakers;
    }

    /** Whether {@code name} is a configured breaker's. */
    boolean isConfigured(String name) {
        return breakers.containsKey(name);
    }

    @Override
    public String toString() {
        return "BreakerNames" + breakers.keySet();
    }

    private static void checkUnambiguous(Map<String, List<ConfigurationPropertyName>> written) {
        List<String> names = new ArrayList<>(written.keySet());
        for (int i = 0; i < names.size(); i++) {
            List<ConfigurationPropertyName> spellings = written.get(names.get(i));
            for (int j = i + 1; j < names.size(); j++) {
                if (written.get(names.get(j)).contains(spellings.get(0))) {
                    throw ambiguous(names.get(i) + ", " + names.get(j), "'" + names.get(i) + "' and '" + names.get(j)
                            + "' differ only in case, '-' or '_', so Spring Boot binds them as one");
                }
            }
        }
    }

    private static InvalidConfigurationPropertyValueException ambiguous(String names, String problem) {
        return new InvalidConfigurationPropertyValueException("fluxgate.breakers", names, "Breaker name " + problem
                + ". Give each breaker one distinct name; write a name with characters other than letters, digits,"
                + " '-' and '_' in brackets, e.g. \"[a.b]\".");
    }
}
