package io.fluxgate.benchmarks;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the quiet, non-web Spring Boot application of one Spring benchmark state. */
final class SpringContexts {

    /** The property that carries the JMH {@code payload} parameter to the bean. */
    static final String PAYLOAD = "benchmark.payload";

    private SpringContexts() {
    }

    @SafeVarargs
    static ConfigurableApplicationContext start(Class<?> configuration, String payload,
            Map<String, Object>... properties) {
        Map<String, Object> all = new HashMap<>();
        all.put(PAYLOAD, payload);
        all.put("logging.level.root", "WARN");
        for (Map<String, Object> more : properties) {
            all.putAll(more);
        }
        return new SpringApplicationBuilder(configuration)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .registerShutdownHook(false)
                .properties(all)
                .run();
    }
}
