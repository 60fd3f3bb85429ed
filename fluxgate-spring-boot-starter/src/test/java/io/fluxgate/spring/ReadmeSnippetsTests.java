package io.fluxgate.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jayway.jsonpath.Configuration;
import io.fluxgate.CallNotPermittedException;
import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.spring.readme.HostPayments;
import io.fluxgate.spring.readme.PaymentService;
import io.fluxgate.spring.readme.ReadmeApplication;
import io.fluxgate.spring.readme.ReadmeApplication.UnreachableGateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Keeps README.md's "Spring Boot quick start" true: every {@code java} and {@code yaml} block appears verbatim
 * in the test sources and resources, the application they make starts with the documented breakers, the
 * {@code curl} commands answer with JSON shaped like the documented examples, and the dependency names this
 * project's starter.
 */
@SpringBootTest(classes = ReadmeApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"readme", "readme-writes"})
class ReadmeSnippetsTests {

    private static final Path README = Path.of("..", "README.md");
    private static final String SECTION = "## Spring Boot quick start";
    private static final Pattern BLOCK = Pattern.compile("```(\\w+)\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CURL = Pattern.compile(
            "curl(?: -X (\\w+))? localhost:8080(\\S+)(?: -H '[^']*')?(?: -d '([^']*)')?");

    @LocalServerPort
    private int port;

    @Autowired
    private CircuitBreakerRegistry registry;

    @Autowired
    private PaymentService payments;

    @Autowired
    private UnreachableGateway gateway;

    @Autowired
    private HostPayments hosts;

    @Autowired
    private KeyedBreakers keyed;

    @Test
    void everyJavaBlockAppearsVerbatimInTheTestSources() throws IOException {
        List<String> sources = read(Path.of("src", "test", "java"));

        assertThat(blocks("java")).isNotEmpty().allSatisfy(block -> assertThat(sources.stream()
                .anyMatch(source -> source.contains(block))).as("a test source contains verbatim:%n%s", block)
                .isTrue());
    }

    @Test
    void everyYamlBlockAppearsVerbatimInTheTestResources() throws IOException {
        List<String> resources = read(Path.of("src", "test", "resources"));

        assertThat(blocks("yaml")).isNotEmpty().allSatisfy(block -> assertThat(resources.stream()
                .anyMatch(resource -> resource.contains(block))).as("a test resource contains verbatim:%n%s", block)
                .isTrue());
    }

    @Test
    void dependencyNamesThisProjectsStarter() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        String version = Files.readString(Path.of("..", "pom.xml"))
                .replaceFirst("(?s).*?<artifactId>fluxgate-parent</artifactId>\\s*<version>([^<]+)</version>.*", "$1");

        assertThat(blocks("xml")).singleElement().asString()
                .contains("<groupId>io.fluxgate</groupId>", "<artifactId>fluxgate-spring-boot-starter</artifactId>",
                        "<artifactId>fluxgate-spring-boot-starter</artifactId>")
                .doesNotContain("<version>").as("the version comes from the BOM, version %s", version);
        assertThat(pom).contains("<artifactId>fluxgate-spring-boot-starter</artifactId>");
    }

    @Test
    void yamlAndAnnotationRegisterBothBreakersAtStartUp() {
        assertThat(registry.all()).extracting(io.fluxgate.CircuitBreaker::name)
                .containsExactlyInAnyOrder("inventory", "payment_api");
        io.fluxgate.CircuitBreaker.Config config = registry.get("payment_api").orElseThrow().config();
        assertThat(config.tripper()).hasToString("FailureStreak(5) | MinRequests(20) & FailureRate(0.5)");
        assertThat(config.maxHalfOpenCalls()).isEqualTo(5);
        assertThat(registry.get("inventory").orElseThrow().config().window()).hasToString("CountWindow(100)");
    }

    @Test
    void annotatedServiceAnswersFromTheFallbackThatMatchesTheException() throws IOException {
        registry.get("payment_api").orElseThrow().reset();
        int charges = gateway.charges();

        assertThat(payments.charge("order-1")).isEqualTo("try again later");
        registry.get("payment_api").orElseThrow().forceOpen();
        assertThat(payments.charge("order-2")).isEqualTo("queued order-2");

        assertThat(gateway.charges() - charges).isOne();
        assertThat(payments.stock("sku-1")).succeedsWithin(java.time.Duration.ZERO).isEqualTo(7);
    }

    @Test
    void aKeyedMethodOpensOnlyTheBreakerOfTheFailingKey() {
        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> hosts.charge("host-b", "order-3")).isInstanceOf(ConnectException.class);
        }
        int charges = gateway.charges();

        assertThatThrownBy(() -> hosts.charge("host-b", "order-3")).isInstanceOf(CallNotPermittedException.class)
                .hasMessageContaining("'payment_hosts[host-b]'");
        assertThatThrownBy(() -> hosts.charge("host-a", "order-3")).isInstanceOf(ConnectException.class);
        assertThat(gateway.charges() - charges).as("only host-a's call ran").isOne();
        assertThat(keyed.find("payment_hosts")).hasValueSatisfying(family -> assertThat(family.breakers())
                .containsOnlyKeys("host-a", "host-b"));
        assertThat(registry.get("payment_hosts")).as("a keyed name is a family, not a registry breaker").isEmpty();
    }

    @Test
    void curlCommandsAnswerWithTheDocumentedJson() throws Exception {
        registry.all().forEach(io.fluxgate.CircuitBreaker::reset);
        List<String> bash = blocks("bash");
        List<String> json = blocks("json");
        assertThat(bash).hasSameSizeAs(json);

        for (int i = 0; i < bash.size(); i++) {
            Map<String, Object> answer = Map.of();
            for (String line : bash.get(i).lines().filter(l -> l.startsWith("curl")).toList()) {
                answer = run(line);
            }
            Map<String, Object> documented = parse(json.get(i));
            assertThat(paths(answer)).as("fields answered to:%n%s", bash.get(i)).containsAll(paths(documented));
            for (String key : List.of("state", "config")) {
                assertThat(answer.get(key)).as(key).isEqualTo(documented.get(key));
            }
        }
    }

    private Map<String, Object> run(String curl) throws IOException, InterruptedException {
        Matcher command = CURL.matcher(curl);
        assertThat(command.matches()).as("a curl command this test understands: %s", curl).isTrue();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + command.group(2)));
        if (command.group(3) != null) {
            request.header("Content-Type", "application/json")
                    .method(command.group(1) != null ? command.group(1) : "POST",
                            HttpRequest.BodyPublishers.ofString(command.group(3)));
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isIn(200, 503);
        return parse(response.body());
    }

    /** Every field path of a JSON document, with {@code []} for array elements. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String json) {
        return (Map<String, Object>) Configuration.defaultConfiguration().jsonProvider().parse(json);
    }

    private static Set<String> paths(Object node) {
        Set<String> paths = new TreeSet<>();
        collect("$", node, paths);
        return paths;
    }

    private static void collect(String path, Object node, Set<String> paths) {
        paths.add(path);
        if (node instanceof Map<?, ?> fields) {
            fields.forEach((key, value) -> collect(path + "." + key, value, paths));
        } else if (node instanceof List<?> elements) {
            elements.forEach(element -> collect(path + "[]", element, paths));
        }
    }

    private static List<String> blocks(String language) throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf("\n" + SECTION + "\n");
        assertThat(start).as("README.md has a section '%s'", SECTION).isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        List<String> blocks = new ArrayList<>();
        Matcher block = BLOCK.matcher(section);
        while (block.find()) {
            if (block.group(1).equals(language)) {
                blocks.add(block.group(2));
            }
        }
        return blocks;
    }

    private static List<String> read(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(file -> {
                try {
                    return Files.readString(file);
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }).toList();
        }
    }
}
