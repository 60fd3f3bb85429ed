package io.fluxgate.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The BOM has no parent (so that it does not import the Spring Boot BOM into applications), so nothing in Maven
 * keeps it in step with the reactor: these tests do. They run here, in the one module that is built after all
 * the others and is never published.
 */
class BomTests {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static Document read(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(pom.toFile());
    }

    private static String child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element.getTextContent().trim();
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String path) {
        List<Element> found = new ArrayList<>();
        found.add(parent);
        for (String name : path.split("/")) {
            List<Element> next = new ArrayList<>();
            for (Element element : found) {
                for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
                    if (node instanceof Element child && child.getTagName().equals(name)) {
                        next.add(child);
                    }
                }
            }
            found = next;
        }
        return found;
    }

    private static String property(Element project, String name) {
        List<Element> properties = children(project, "properties");
        return properties.isEmpty() ? null : child(properties.get(0), name);
    }

    /** Every module of the root POM that is deployed, by artifactId. */
    private static List<String> publishedModules() throws Exception {
        List<String> published = new ArrayList<>();
        for (Element module : children(read(ROOT.resolve("pom.xml")).getDocumentElement(), "modules/module")) {
            Element project = read(ROOT.resolve(module.getTextContent().trim()).resolve("pom.xml"))
                    .getDocumentElement();
            boolean pomOnly = "pom".equals(child(project, "packaging"));
            if (!pomOnly && !"true".equals(property(project, "maven.deploy.skip"))) {
                published.add(child(project, "artifactId"));
            }
        }
        return published;
    }

    private static String rootVersion() throws Exception {
        return child(read(ROOT.resolve("pom.xml")).getDocumentElement(), "version");
    }

    @Test
    void listsEveryPublishedModuleAtTheReactorsVersionAndNothingElse() throws Exception {
        Element bom = read(ROOT.resolve("fluxgate-bom/pom.xml")).getDocumentElement();
        Map<String, String> managed = new LinkedHashMap<>();
        for (Element dependency : children(bom, "dependencyManagement/dependencies/dependency")) {
            assertThat(child(dependency, "groupId")).isEqualTo("io.fluxgate");
            assertThat(child(dependency, "scope")).as("an imported BOM would reach every application").isNull();
            managed.put(child(dependency, "artifactId"), child(dependency, "version"));
        }

        assertThat(publishedModules()).contains("fluxgate-core", "fluxgate-spring-boot-starter")
                .doesNotContain("fluxgate-sample-app", "fluxgate-benchmarks");
        assertThat(managed.keySet()).containsExactlyInAnyOrderElementsOf(publishedModules());
        assertThat(managed.values()).containsOnly(rootVersion());
        assertThat(child(bom, "version")).isEqualTo(rootVersion());
        assertThat(children(bom, "parent")).as("the BOM must not inherit the Spring Boot BOM import").isEmpty();
    }

    @Test
    void buildsReproduciblyWithTheSameTimestampAsTheReactor() throws Exception {
        Element root = read(ROOT.resolve("pom.xml")).getDocumentElement();
        Element bom = read(ROOT.resolve("fluxgate-bom/pom.xml")).getDocumentElement();

        assertThat(property(root, "project.build.outputTimestamp")).isNotBlank()
                .isEqualTo(property(bom, "project.build.outputTimestamp"));
        for (String entry : List.of("url", "licenses", "developers", "scm", "issueManagement")) {
            assertThat(children(root, entry)).as("root POM <%s>", entry).hasSize(1);
            assertThat(children(bom, entry)).as("BOM <%s>", entry).hasSize(1);
        }
    }

    @Test
    void theReadmeShowsTheBomFirstAtTheCurrentVersion() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher snippet = Pattern.compile("<artifactId>(fluxgate-[a-z-]+)</artifactId>\\s*"
                + "(?:<version>([^<]+)</version>)?").matcher(readme);
        List<String> artifacts = new ArrayList<>();
        while (snippet.find()) {
            artifacts.add(snippet.group(1));
            if (snippet.group(2) != null) {
                assertThat(snippet.group(1)).as("only the BOM import carries a version").isEqualTo("fluxgate-bom");
                assertThat(snippet.group(2)).isEqualTo(rootVersion());
            }
        }
        assertThat(artifacts).first().isEqualTo("fluxgate-bom");
        assertThat(artifacts).contains("fluxgate-core", "fluxgate-slack", "fluxgate-spring-boot-starter");
    }
}
