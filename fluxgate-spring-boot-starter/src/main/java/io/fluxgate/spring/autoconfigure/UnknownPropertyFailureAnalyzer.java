package io.fluxgate.spring.autoconfigure;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;

/**
 * Explains the keys under {@code fluxgate} that Spring Boot left unbound ({@code ignoreUnknownFields = false}),
 * in place of Boot's own report, which names the target by its {@code Bindable@} identity hash, the breaker in
 * Boot's uniform form ({@code paymentapi} for {@code payment_api}) and no valid key. For each property: its full
 * path with the breaker name as written, where it came from, the valid keys at that level and, when one is close
 * ({@link Spelling}), "did you mean". A key that is valid but was left unbound is a breaker name written both
 * plainly and in brackets, which Boot binds as one.
 *
 * <p>Runs before Boot's analyzers; only for {@link FluxgateProperties}, whose records give the valid keys.
 */
final class UnknownPropertyFailureAnalyzer extends AbstractFailureAnalyzer<UnboundConfigurationPropertiesException>
        implements Ordered {

    private static final ConfigurationPropertyName FLUXGATE = ConfigurationPropertyName.of("fluxgate");

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnboundConfigurationPropertiesException cause) {
        BindException bind = findCause(rootFailure, BindException.class);
        if (bind == null || bind.getTarget().getType().resolve() != FluxgateProperties.class
                || !cause.getUnboundProperties().stream().allMatch(p -> FLUXGATE.isAncestorOf(p.getName()))) {
            return null;
        }
        String description = cause.getUnboundProperties().stream().map(UnknownPropertyFailureAnalyzer::explain)
                .collect(Collectors.joining("\n"));
        return new FailureAnalysis(description, "Correct the property or remove it: Fluxgate stops at properties "
                + "under 'fluxgate' that it cannot bind rather than ignore them. docs/spring-boot.md lists every key, "
                + "and IDEs complete them from the starter's configuration metadata.", cause);
    }

    /** One or two lines on one unbound property. */
    private static String explain(ConfigurationProperty property) {
        ConfigurationPropertyName name = property.getName();
        Origin origin = property.getOrigin();
        String from = origin == null ? "" : " (originating from '" + origin + "')";
        Type type = FluxgateProperties.class;
        for (int i = 1; i < name.getNumberOfElements(); i++) {
            String level = path(name, i);
            String key = name.getElement(i, Form.ORIGINAL);
            Class<?> raw = raw(type);
            if (raw.isRecord()) {
                Map<String, RecordComponent> keys = keys(raw);
                RecordComponent component = keys.entrySet().stream()
                        .filter(entry -> Spelling.normalise(entry.getKey()).equals(Spelling.normalise(key)))
                        .map(Map.Entry::getValue).findFirst().orElse(null);
                if (component == null) {
                    Optional<String> close = Spelling.closest(key, keys.keySet());
                    return "Unknown property '" + path(name, name.getNumberOfElements()) + "'" + from + ": '" + level
                            + "' has no key '" + key + "'" + close.map(c -> "; did you mean '" + c + "'?").orElse(".")
                            + "\nValid keys of '" + level + "': " + String.join(", ", keys.keySet()) + ".";
                }
                type = component.getGenericType();
            } else if (Map.class.isAssignableFrom(raw)) {
                type = argument(type, 1);
            } else if (Collection.class.isAssignableFrom(raw) && name.isNumericIndex(i)) {
                type = argument(type, 0);
            } else {
                return "Unknown property '" + path(name, name.getNumberOfElements()) + "'" + from + ": '" + level
                        + "' takes a value, not keys such as '" + key + "'.";
            }
        }
        return "Property '" + path(name, name.getNumberOfElements()) + "'" + from + " was not bound: "
                + twiceWritten(name);
    }

    /** Why a valid key is unbound: its breaker's name is written twice in ways Boot binds as one. */
    private static String twiceWritten(ConfigurationPropertyName name) {
        if (name.getNumberOfElements() > 2 && name.getElement(1, Form.UNIFORM).equals("breakers")) {
            String breaker = name.getElement(2, Form.ORIGINAL);
            return "breaker '" + breaker + "' is also written " + (name.chop(3).isLastElementIndexed()
                    ? "without brackets" : "in brackets") + ", and Spring Boot binds only one of '" + breaker
                    + "' and '[" + breaker + "]', as they are one name to it.\nWrite each breaker's name one way; "
                    + "brackets are needed only for names with characters other than letters, digits, '-' and '_'.";
        }
        return "another spelling of the same property was bound instead.";
    }

    /** The first {@code elements} elements as written: {@code fluxgate.breakers.payment_api}, brackets kept. */
    private static String path(ConfigurationPropertyName name, int elements) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < elements; i++) {
            String element = name.getElement(i, Form.ORIGINAL);
            if (name.chop(i + 1).isLastElementIndexed()) {
                path.append('[').append(element).append(']');
            } else {
                path.append(i == 0 ? "" : ".").append(element);
            }
        }
        return path.toString();
    }

    /** A record's keys as written in configuration files ({@code slow-threshold}), in declaration order. */
    private static Map<String, RecordComponent> keys(Class<?> record) {
        Map<String, RecordComponent> keys = new LinkedHashMap<>();
        Arrays.stream(record.getRecordComponents()).forEach(component -> keys.put(dashed(component.getName()),
                component));
        return keys;
    }

    private static String dashed(String camelCase) {
        List<String> words = new ArrayList<>();
        int start = 0;
        for (int i = 1; i < camelCase.length(); i++) {
            if (Character.isUpperCase(camelCase.charAt(i))) {
                words.add(camelCase.substring(start, i).toLowerCase(Locale.ROOT));
                start = i;
            }
        }
        words.add(camelCase.substring(start).toLowerCase(Locale.ROOT));
        return String.join("-", words);
    }

    private static Class<?> raw(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        return type instanceof Class<?> plain ? plain : Object.class;
    }

    private static Type argument(Type type, int index) {
        return type instanceof ParameterizedType parameterized ? parameterized.getActualTypeArguments()[index]
                : Object.class;
    }
}
