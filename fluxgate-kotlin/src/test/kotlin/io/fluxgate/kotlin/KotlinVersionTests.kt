package io.fluxgate.kotlin

import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import java.util.Properties

/**
 * The build's Kotlin compiler (`kotlin.version` in the parent pom, which no BOM reaches) against the kotlin-stdlib
 * the Spring Boot BOM put on the class path, so a Boot bump cannot leave the compiler silently behind.
 */
class KotlinVersionTests {

    private val build = Properties().apply {
        KotlinVersionTests::class.java.getResourceAsStream("/kotlin-build.properties")!!.use { load(it) }
    }

    private val compiler: KotlinVersion = build.getProperty("kotlin.version").split('.').map(String::toInt)
        .let { (major, minor, patch) -> KotlinVersion(major, minor, patch) }

    @Test
    fun theCompilerIsTheKotlinOfTheBaselineBootAndReadsTheStdlibOfTheBootBuiltAgainst() {
        val stdlib = KotlinVersion.CURRENT
        if (build.getProperty("spring-boot.version") == build.getProperty("spring-boot.baseline.version")) {
            assertThat(stdlib)
                .describedAs("kotlin-stdlib of Spring Boot %s; set kotlin.version in the parent pom to it",
                    build.getProperty("spring-boot.version"))
                .isEqualTo(compiler)
        } else {
            assertThat(stdlib.major).describedAs("kotlin-stdlib %s, compiler %s", stdlib, compiler)
                .isEqualTo(compiler.major)
            assertThat(stdlib.minor - compiler.minor)
                .describedAs("kotlin-stdlib %s of Spring Boot %s; compiler %s reads one minor version ahead at most",
                    stdlib, build.getProperty("spring-boot.version"), compiler)
                .isBetween(0, 1)
        }
    }
}
