package io.fluxgate.spring.actuate;

import java.util.List;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Masks Fluxgate's secrets in the {@code configprops} and {@code env} actuator endpoints, also with the common
 * development setting {@code management.endpoint.configprops.show-values: always} (or {@code env}): every
 * property under {@code fluxgate.} whose name ends in {@code token}, {@code secret} or {@code password}, such as
 * {@code fluxgate.slack.token}. Spring Boot shows such values in clear text unless a {@link SanitizingFunction}
 * masks them.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class FluxgateSecretsSanitizingAutoConfiguration {

    private static final List<String> SECRET_ENDINGS = List.of("token", "secret", "password");

    /** Used by Spring. */
    FluxgateSecretsSanitizingAutoConfiguration() {
    }

    @Bean
    SanitizingFunction fluxgateSecretsSanitizer() {
        return FluxgateSecretsSanitizingAutoConfiguration::sanitize;
    }

    static SanitizableData sanitize(SanitizableData data) {
        String key = data.getLowerCaseKey();
        if (key.startsWith("fluxgate.") && SECRET_ENDINGS.stream().anyMatch(key::endsWith)) {
            return data.withSanitizedValue();
        }
        return data;
    }
}
