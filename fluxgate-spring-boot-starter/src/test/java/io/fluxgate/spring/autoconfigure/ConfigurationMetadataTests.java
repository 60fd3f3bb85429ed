package io.fluxgate.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import com.jayway.jsonpath.JsonPath;

/** The metadata IDEs read: generated from the properties' Javadoc, merged with our hints. */
class ConfigurationMetadataTests {

    @Test
    @SuppressWarnings("unchecked")
    void describesThePropertiesAndHintsTheExpressions() throws Exception {
        Map<String, Object> metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated metadata").isNotNull();
            metadata = JsonPath.parse(in).read("$");
        }
        List<Map<String, Object>> properties = (List<Map<String, Object>>) metadata.get("properties");
        for (String name : List.of("fluxgate.defaults.tripper", "fluxgate.defaults.measure-durations",
                "fluxgate.aspect-order",
                "fluxgate.health.down-when-open", "fluxgate.slack.token", "fluxgate.breakers",
                "management.health.fluxgate.enabled")) {
            assertThat(properties).as(name).anySatisfy(property -> {
                assertThat(property.get("name")).isEqualTo(name);
                assertThat((String) property.get("description")).matches("[A-Z].*\\.");
            });
        }
        List<Map<String, Object>> hints = (List<Map<String, Object>>) metadata.get("hints");
        assertThat(hints).extracting(hint -> hint.get("name")).contains("fluxgate.defaults.window",
                "fluxgate.defaults.tracker", "fluxgate.defaults.tripper", "fluxgate.defaults.retry",
                "fluxgate.defaults.permit", "fluxgate.defaults.listeners", "fluxgate.breakers.keys");
        assertThat(hints).filteredOn(hint -> hint.get("name").equals("fluxgate.defaults.listeners")).singleElement()
                .satisfies(hint -> assertThat((List<Map<String, Object>>) hint.get("values"))
                        .extracting(value -> value.get("value")).containsExactly("log", "slack"));
    }
}
