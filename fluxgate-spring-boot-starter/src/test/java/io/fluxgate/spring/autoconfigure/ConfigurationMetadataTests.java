package io.fluxgate.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.jayway.jsonpath.JsonPath;
import io.fluxgate.expression.Expressions;
import io.fluxgate.expression.TrackerContext;
import io.fluxgate.permits.Permit;
import io.fluxgate.retries.Retry;
import io.fluxgate.spring.autoconfigure.FluxgateProperties.AspectPlacement;
import io.fluxgate.trackers.Tracker;
import io.fluxgate.trippers.Tripper;
import io.fluxgate.windows.Window;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The metadata IDEs read: generated from the properties' Javadoc, merged with our hints. */
class ConfigurationMetadataTests {

    private static final TrackerContext ANY_CUSTOM = TrackerContext.defaults().withCustoms(name -> e -> true);
    private static final Map<String, Function<String, ?>> PARSERS = Map.of(
            "window", Expressions::window,
            "tracker", text -> Expressions.tracker(text, ANY_CUSTOM),
            "tripper", Expressions::tripper,
            "retry", Expressions::retry,
            "permit", Expressions::permit);
    private static final Map<String, Class<?>> ROLES = Map.of("window", Window.class, "tracker", Tracker.class,
            "tripper", Tripper.class, "retry", Retry.class, "permit", Permit.class);
    private static final Pattern COMPONENT = Pattern.compile("([A-Za-z]+)\\s*\\(");

    @Test
    @SuppressWarnings("unchecked")
    void describesThePropertiesAndHintsTheExpressions() throws Exception {
        Map<String, Object> metadata = read("/META-INF/spring-configuration-metadata.json");
        List<Map<String, Object>> properties = (List<Map<String, Object>>) metadata.get("properties");
        for (String name : List.of("fluxgate.defaults.tripper", "fluxgate.defaults.measure-durations",
                "fluxgate.aspect-order", "fluxgate.aspect-placement",
                "fluxgate.health.down-when-open", "fluxgate.slack.token", "fluxgate.breakers",
                "fluxgate.strict-names", "fluxgate.http.breaker", "fluxgate.http.clients",
                "fluxgate.dashboard.enabled", "management.health.fluxgate.enabled")) {
            assertThat(properties).as(name).anySatisfy(property -> {
                assertThat(property.get("name")).isEqualTo(name);
                assertThat((String) property.get("description")).matches("[A-Z].*\\.");
            });
        }
        assertThat(properties).filteredOn(property -> property.get("name").equals("fluxgate.strict-names"))
                .singleElement().satisfies(property -> {
                    assertThat(property.get("type")).isEqualTo("java.lang.Boolean");
                    assertThat(property.get("defaultValue")).isEqualTo(false);
                });
        assertThat(properties).filteredOn(property -> property.get("name").equals("fluxgate.dashboard.enabled"))
                .singleElement().satisfies(property -> {
                    assertThat(property.get("type")).isEqualTo("java.lang.Boolean");
                    assertThat(property.get("defaultValue")).isEqualTo(true);
                });
        List<Map<String, Object>> hints = (List<Map<String, Object>>) metadata.get("hints");
        assertThat(hints).extracting(hint -> hint.get("name")).contains("fluxgate.defaults.window",
                "fluxgate.defaults.tracker", "fluxgate.defaults.tripper", "fluxgate.defaults.retry",
                "fluxgate.defaults.permit", "fluxgate.defaults.listeners", "fluxgate.breakers.keys");
        assertThat(hints).filteredOn(hint -> hint.get("name").equals("fluxgate.defaults.listeners")).singleElement()
                .satisfies(hint -> assertThat((List<Map<String, Object>>) hint.get("values"))
                        .extracting(value -> value.get("value")).containsExactly("log", "slack"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void hintsEveryAspectPlacementWithItsDefault() throws Exception {
        Map<String, Object> metadata = read("/META-INF/spring-configuration-metadata.json");
        assertThat((List<Map<String, Object>>) metadata.get("properties"))
                .filteredOn(property -> property.get("name").equals("fluxgate.aspect-placement")).singleElement()
                .satisfies(property -> assertThat(property.get("defaultValue")).isEqualTo("ordered"));
        assertThat(hintValues("fluxgate.aspect-placement")).containsExactlyElementsOf(
                Arrays.stream(AspectPlacement.values()).map(value -> value.name().toLowerCase(Locale.ROOT))
                        .toList());
    }

    @Test
    void everyExpressionHintParses() throws Exception {
        for (String family : PARSERS.keySet()) {
            for (String property : List.of("fluxgate.defaults." + family, "fluxgate.breakers.values." + family)) {
                List<String> values = hintValues(property);
                assertThat(values).as(property).isNotEmpty();
                for (String value : values) {
                    assertThatCode(() -> PARSERS.get(family).apply(value)).as("%s: %s", property, value)
                            .doesNotThrowAnyException();
                }
            }
        }
    }

    @Test
    void everyBuiltInComponentIsHintedForTheDefaultsAndForEachBreaker() throws Exception {
        for (Map.Entry<String, Class<?>> family : ROLES.entrySet()) {
            List<String> defaults = hintValues("fluxgate.defaults." + family.getKey());
            assertThat(hintValues("fluxgate.breakers.values." + family.getKey())).as(family.getKey())
                    .containsExactlyElementsOf(defaults);
            List<String> named = defaults.stream().flatMap(ConfigurationMetadataTests::componentNames).toList();
            assertThat(named).as("components hinted for %s", family.getKey())
                    .containsAll(Expressions.builtIns(family.getValue()));
        }
    }

    private static Stream<String> componentNames(String expression) {
        return COMPONENT.matcher(expression).results().map(result -> result.group(1));
    }

    @SuppressWarnings("unchecked")
    private List<String> hintValues(String property) throws IOException {
        List<Map<String, Object>> hints = (List<Map<String, Object>>) read(
                "/META-INF/additional-spring-configuration-metadata.json").get("hints");
        return hints.stream().filter(hint -> hint.get("name").equals(property))
                .flatMap(hint -> ((List<Map<String, Object>>) hint.get("values")).stream())
                .map(value -> (String) value.get("value")).toList();
    }

    private Map<String, Object> read(String resource) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return JsonPath.parse(in).read("$");
        }
    }
}
