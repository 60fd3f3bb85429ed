package io.fluxgate.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The starter uses only what the core exports. On the class path the core's module descriptor does not apply,
 * so this reads the starter's compiled classes: a reference to another class is its internal name in the
 * class file's constant pool.
 */
class CoreApiOnlyTests {

    private static final String INTERNAL = "io/fluxgate/internal/";

    @Test
    void noStarterClassReferencesTheCoresInternalPackage() throws Exception {
        Path classes = Path.of(CircuitBreakerFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> classFiles;
        try (Stream<Path> files = Files.walk(classes)) {
            classFiles = files.filter(file -> file.toString().endsWith(".class")).toList();
        }

        assertThat(classFiles).as("starter classes under %s", classes).hasSizeGreaterThan(20);
        assertThat(classFiles).as("the scan sees references to core types")
                .anyMatch(file -> constants(file).contains("io/fluxgate/CircuitBreakerRegistry"));
        assertThat(classFiles.stream().filter(file -> constants(file).contains(INTERNAL)).map(classes::relativize))
                .as("starter classes that use io.fluxgate.internal").isEmpty();
    }

    private static String constants(Path classFile) {
        try {
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
