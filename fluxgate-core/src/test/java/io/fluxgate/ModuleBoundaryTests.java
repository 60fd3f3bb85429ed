package io.fluxgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleDescriptor.Requires;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The core's module descriptor, as compiled: it exports the API packages and nothing else, and needs only java.base.
 */
class ModuleBoundaryTests {

    private static final Set<String> API = Set.of("io.fluxgate", "io.fluxgate.windows", "io.fluxgate.trackers",
            "io.fluxgate.trippers", "io.fluxgate.retries", "io.fluxgate.permits", "io.fluxgate.listeners",
            "io.fluxgate.expression");

    private static Path classes() throws Exception {
        return Path.of(CircuitBreaker.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static ModuleDescriptor descriptor() throws Exception {
        try (InputStream in = Files.newInputStream(classes().resolve("module-info.class"))) {
            return ModuleDescriptor.read(in);
        }
    }

    @Test
    void isTheModuleIoFluxgateCore() throws Exception {
        assertThat(descriptor().name()).isEqualTo("io.fluxgate.core");
    }

    @Test
    void exportsExactlyTheApiPackagesToEveryone() throws Exception {
        ModuleDescriptor core = descriptor();

        assertThat(core.exports()).allSatisfy(export -> assertThat(export.isQualified()).isFalse());
        assertThat(core.exports().stream().map(Exports::source)).containsExactlyInAnyOrderElementsOf(API);
        assertThat(core.opens()).isEmpty();
    }

    @Test
    void keepsTheInternalPackageInside() throws Exception {
        Path classes = classes();
        Set<String> packages;
        try (Stream<Path> files = Files.walk(classes)) {
            packages = files.filter(file -> file.toString().endsWith(".class") && !file.endsWith("module-info.class"))
                    .map(file -> classes.relativize(file.getParent()).toString().replace(java.io.File.separatorChar,
                            '.'))
                    .collect(Collectors.toSet());
        }

        assertThat(packages).containsAll(API);
        assertThat(packages.stream().filter(p -> !API.contains(p))).containsExactly("io.fluxgate.internal");
    }

    @Test
    void needsNothingButTheJdksBaseModule() throws Exception {
        assertThat(descriptor().requires().stream().map(Requires::name)).containsExactly("java.base");
    }
}
