package io.fluxgate.spring;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.example.payments.BadlyAnnotatedClients;
import io.fluxgate.CircuitBreaker;
import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.slack.SlackListener;
import io.fluxgate.spring.actuate.FluxgateEndpoint;
import io.fluxgate.spring.actuate.FluxgateEndpointWebExtension;
import io.fluxgate.spring.actuate.FluxgateEndpointWebExtension.BadRequest;
import io.fluxgate.spring.actuate.TransitionHistory;
import io.fluxgate.spring.aop.FluxgateAspectAutoConfiguration;
import io.fluxgate.spring.autoconfigure.ConfigSources;
import io.fluxgate.spring.autoconfigure.FluxgateAutoConfiguration;
import io.fluxgate.spring.http.FluxgateHttpAutoConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * Backs the starter part of {@code docs/bad-input.md}: every row between its {@code spring-rows} markers is a case
 * here, and every case here is a row there. Each case runs the bad input for real (a context with the YAML, a bean
 * with the annotation, a request to the endpoint) and renders what the user gets; the test fails when the document
 * says otherwise, printing the rows to copy. Start-up failures are rendered as Spring Boot prints them: the
 * description of the failure analysis, one line of the table per line of the description.
 */
class SpringBadInputCatalogueTests {

    private static final String BEGIN = "<!-- spring-rows:begin -->";
    private static final String END = "<!-- spring-rows:end -->";

    /** One row: where the input goes, an example, how the user is told, the exact text. */
    record Row(String input, String example, String reportedAs, String message) {

        String markdown() {
            return "| " + escape(input) + " | `" + escape(example) + "` | " + escape(reportedAs) + " | "
                    + message.lines().map(line -> "`" + escape(line.strip()) + "`")
                            .filter(line -> !line.equals("``")).collect(Collectors.joining("<br>")) + " |";
        }

        private static String escape(String text) {
            return text.replace("|", "\\|");
        }
    }

    /** What the user gets: how they are told, and the text. */
    record Outcome(String reportedAs, String message) {
    }

    private record Case(String input, String example, Supplier<Outcome> run) {

        Row row() {
            Outcome outcome = run.get();
            return new Row(input, example, outcome.reportedAs(), outcome.message());
        }
    }

    private static final List<Case> CASES = new ArrayList<>();

    private static void row(String input, String example, Supplier<Outcome> run) {
        CASES.add(new Case(input, example, run));
    }

    /** A property given in {@code application.yml} as the one line {@code yaml}. */
    private static void yaml(String input, String yaml) {
        row(input, yaml, () -> startUp(properties().withInitializer(ConfigSources.yaml(yaml))));
    }

    static {
        // Properties
        yaml("fluxgate.breakers.<name>.max-half-open-calls", "fluxgate.breakers.payment_api.max-half-open-calls: 0");
        yaml("fluxgate.breakers.<name>.keys.max", "fluxgate.breakers.payment_api.keys.max: 0");
        yaml("fluxgate.breakers.<name>.keys.idle-eviction", "fluxgate.breakers.payment_api.keys.idle-eviction: -1s");
        yaml("fluxgate.breakers.<name>.keys.metrics-tag", "fluxgate.breakers.payment_api.keys.metrics-tag: maybe");
        yaml("fluxgate.breakers.<name>.max-half-open-duration",
                "fluxgate.breakers.payment_api.max-half-open-duration: 0s");
        yaml("fluxgate.breakers.<name>.measure-durations",
                "fluxgate.breakers.payment_api: {measure-durations: false, slow-threshold: 2s}");
        yaml("fluxgate.defaults.measure-durations", "fluxgate: {defaults: {measure-durations: false}, breakers: "
                + "{payment_api: {tripper: 'MinRequests(5) & AvgLatency(1s)'}}}");
        yaml("fluxgate.breakers.<name>.slow-threshold", "fluxgate.breakers.payment_api.slow-threshold: 0s");
        yaml("fluxgate.breakers.<name>.slow-threshold", "fluxgate.breakers.payment_api.slow-threshold: two seconds");
        yaml("fluxgate.breakers.<name>.max-half-open-calls",
                "fluxgate.breakers.payment_api.max-half-open-calls: many");
        yaml("fluxgate.breakers.<name>.listeners", "fluxgate.breakers.payment_api.listeners: [log, email]");
        yaml("fluxgate.defaults.listeners", "fluxgate.defaults.listeners: [slack]");
        row("fluxgate.defaults.listeners",
                "fluxgate.defaults.listeners: [slack] (without io.fluxgate:fluxgate-slack)",
                () -> startUp(properties().withClassLoader(new FilteredClassLoader(SlackListener.class))
                        .withInitializer(ConfigSources.yaml("fluxgate.defaults.listeners: [slack]"))));
        row("fluxgate.slack.token", "fluxgate: {slack: {channel: '#alerts'}, defaults: {listeners: [slack]}}",
                () -> startUp(properties().withInitializer(ConfigSources.yaml(
                        "fluxgate: {slack: {channel: '#alerts'}, defaults: {listeners: [slack]}}"))));
        row("fluxgate.slack.channel",
                "fluxgate: {slack: {token: xoxb-1}, breakers: {payment_api: {listeners: [slack]}}}",
                () -> startUp(properties().withInitializer(ConfigSources.yaml(
                        "fluxgate: {slack: {token: xoxb-1}, breakers: {payment_api: {listeners: [slack]}}}"))));
        row("fluxgate.slack.base-url",
                "fluxgate: {slack: {token: xoxb-1, channel: '#a', base-url: 'ftp://slack.test'}, defaults: "
                        + "{listeners: [slack]}}",
                () -> startUp(properties().withInitializer(ConfigSources.yaml(
                        "fluxgate: {slack: {token: xoxb-1, channel: '#a', base-url: 'ftp://slack.test'}, defaults: "
                                + "{listeners: [slack]}}"))));
        yaml("fluxgate.slack.request-timeout", "fluxgate: {slack: {token: xoxb-1, channel: '#a', "
                + "request-timeout: 0s}, defaults: {listeners: [slack]}}");
        yaml("fluxgate.health.down-when-open", "fluxgate.health.down-when-open: sometimes");
        yaml("fluxgate.aspect-order", "fluxgate.aspect-order: first");
        yaml("fluxgate.aspect-placement", "fluxgate.aspect-placement: sideways");
        yaml("an unknown key under fluxgate", "fluxgate.aspect-ordr: 3");
        yaml("an unknown key under fluxgate", "fluxgate.breaker.payment_api.tripper: FailureStreak(3)");
        yaml("an unknown key under fluxgate", "fluxgate.default.window: CountWindow(10)");
        yaml("an unknown key in a breaker", "fluxgate.breakers.payment_api.triper: FailureStreak(3)");
        yaml("an unknown key in a breaker", "fluxgate.breakers.payment_api.slow-treshold: 2s");
        yaml("an unknown key in a breaker", "fluxgate.breakers.payment_api.timeout: 2s");
        yaml("an unknown key in the defaults", "fluxgate.defaults.windw: CountWindow(10)");
        yaml("a key under a value", "fluxgate.defaults.window.size: 10");
        yaml("breaker names Spring Boot binds as one",
                "fluxgate.breakers: {payment_api: {max-half-open-calls: 2}, PaymentApi: {max-half-open-calls: 3}}");
        yaml("a name written plainly and in brackets",
                "fluxgate.breakers: {a_b: {max-half-open-calls: 2}, '[a_b]': {max-half-open-calls: 3}}");
        row("a breaker bean and a configured breaker of the same name",
                "@Bean CircuitBreaker bean() { return CircuitBreaker.ofDefaults(\"payment_api\"); } with "
                        + "fluxgate.breakers.payment_api.tripper: FailureStreak(3)",
                () -> startUp(properties().withBean("bean", CircuitBreaker.class,
                        () -> CircuitBreaker.ofDefaults("payment_api"))
                        .withInitializer(
                                ConfigSources.yaml("fluxgate.breakers.payment_api.tripper: FailureStreak(3)"))));

        // HTTP clients
        row("fluxgate.http.clients.<group>.breaker", "fluxgate.http.clients.payments.breaker: payment_api",
                () -> startUp(http().withInitializer(ConfigSources.yaml(
                        "fluxgate.http.clients.payments.breaker: payment_api"))));
        row("fluxgate.http.clients.<group>.breaker", "fluxgate.http.clients.paymnets.breaker: payment_api with "
                        + "@ImportHttpServices(group = \"payments\", types = PaymentsApi.class)",
                () -> startUp(http().withUserConfiguration(PaymentsClients.class).withInitializer(ConfigSources.yaml(
                        "fluxgate.http.clients.paymnets.breaker: payment_api"))));
        row("fluxgate.http.clients.<group>.breaker", "fluxgate.http.clients.payments.breaker: ''",
                () -> startUp(http().withInitializer(ConfigSources.yaml(
                        "fluxgate.http.clients.payments.breaker: ''"))));
        row("fluxgate.http.clients.<group>.breaker",
                "fluxgate.http.clients.payments.breaker: payment_api (without org.springframework:spring-web)",
                () -> startUp(http().withClassLoader(new FilteredClassLoader("org.springframework.web."))
                        .withInitializer(ConfigSources.yaml("fluxgate.http.clients.payments.breaker: payment_api"))));
        row("fluxgate.http.breaker", "fluxgate.http.breaker: outbound (without spring-boot-restclient and "
                        + "spring-boot-webclient)",
                () -> startUp(http().withClassLoader(new FilteredClassLoader("org.springframework.boot.restclient.",
                        "org.springframework.boot.webclient.")).withInitializer(ConfigSources.yaml(
                                "fluxgate.http.breaker: outbound"))));
        yaml("an unknown key in an HTTP client", "fluxgate.http.clients.payments.braker: payment_api");
        row("a breaker bean and an HTTP client family of the same name",
                "@Bean CircuitBreaker bean() { return CircuitBreaker.ofDefaults(\"outbound\"); } with "
                        + "fluxgate.http.breaker: outbound",
                () -> startUp(http().withBean("bean", CircuitBreaker.class, () -> CircuitBreaker.ofDefaults(
                        "outbound")).withInitializer(ConfigSources.yaml("fluxgate.http.breaker: outbound"))));

        // Expressions
        expression("syntax", "tripper", "MinRequests(20) & FailureRate(0.5))");
        expression("syntax", "tripper", "MinRequests(20) FailureRate(0.5)");
        expression("syntax", "tripper", "(FailureStreak(5)");
        expression("syntax", "tripper", "FailureStreak");
        expression("empty", "tripper", "\"\"");
        expression("unknown component", "tripper", "FailRate(0.5)");
        expression("component of another kind", "tripper", "CountWindow(10)");
        expression("combining what does not combine", "window", "CountWindow(10) & TimeWindow(60)");
        expression("negating a tripper", "tripper", "~FailureStreak(5)");
        expression("argument out of range", "tripper", "FailureRate(1.5)");
        expression("argument out of range", "window", "CountWindow(0)");
        expression("argument out of range", "permit", "RampUp(initial=0.5, final=0.1, duration=60s)");
        expression("argument of the wrong type", "tripper", "FailureStreak(five)");
        expression("bad duration", "retry", "Cooldown(ten)");
        expression("bad duration", "retry", "Cooldown(-5s)");
        expression("too many arguments", "tripper", "FailureStreak(5, 6)");
        expression("missing argument", "tripper", "FailureRate()");
        expression("unknown named argument", "retry", "Backoff(initial=10s, factor=2)");
        expression("argument given twice", "retry", "Cooldown(10s, duration=20s)");
        expression("positional after named", "retry", "Backoff(initial=10s, 2)");
        expression("named argument without value", "retry", "Cooldown(duration=)");
        expression("unknown class", "tracker", "TypeOf(com.example.Missing)");
        expression("not a Throwable", "tracker", "TypeOf(java.lang.String)");
        expression("missing Custom bean", "tracker", "Custom(noSuchBean)");
        expression("a word for an operator", "tripper", "MinRequests(20) and FailureRate(0.5)");
        expression("a word for an operator", "tracker", "not TypeOf(java.io.IOException)");
        yaml("an expression in the defaults", "fluxgate.defaults.tripper: FailureStreak(0)");
        yaml("a breaker name with dots", "fluxgate.breakers: {'[api.v2]': {window: CountWindow(-1)}}");

        // Annotations
        annotation("fallbackMethod names no method", BadlyAnnotatedClients.UNKNOWN_FALLBACK,
                "@CircuitBreaker(name = \"payment_api\", fallbackMethod = \"chargeFallback\") String "
                        + "charge(BigDecimal), no chargeFallback");
        annotation("fallback without the exception parameter", BadlyAnnotatedClients.NO_EXCEPTION_PARAMETER,
                "... String charge(BigDecimal) with String chargeFallback(BigDecimal)");
        annotation("fallback returning another type", BadlyAnnotatedClients.WRONG_RETURN_TYPE,
                "... String charge(BigDecimal) with Integer chargeFallback(BigDecimal, IOException)");
        annotation("fallback taking an Error", BadlyAnnotatedClients.ERROR_FALLBACK,
                "... String charge(BigDecimal) with String chargeFallback(BigDecimal, OutOfMemoryError)");
        annotation("blank name", BadlyAnnotatedClients.BLANK_NAME, "@CircuitBreaker(name = \" \")");
        annotation("key expression that does not parse", BadlyAnnotatedClients.BAD_KEY,
                "@CircuitBreaker(name = \"payment_api\", key = \"#host +\")");
        annotation("a name used with and without a key", BadlyAnnotatedClients.KEYED_AND_PLAIN,
                "@CircuitBreaker(name = \"payment_api\", key = \"#host\") and @CircuitBreaker(name = "
                        + "\"payment_api\")");
        warning("private, final or static method", BadlyAnnotatedClients.UNREACHABLE,
                "@CircuitBreaker on private chargePrivately, final chargeFinally, static chargeStatically");
        warning("a method of a final class", BadlyAnnotatedClients.FINAL_CLASS,
                "@CircuitBreaker on a public method of final class FinalClient");

        // Breaker names
        names("an annotated name that is not configured", BadlyAnnotatedClients.MISSPELLED_NAME,
                "@CircuitBreaker(name = \"paymnet_api\") with fluxgate.breakers.payment_api.tripper: FailureStreak(3)",
                false);
        names("an annotated name that is not configured", BadlyAnnotatedClients.DASHED_NAME,
                "@CircuitBreaker(name = \"payment-api\") with fluxgate.breakers.payment_api.tripper: FailureStreak(3)",
                false);
        names("a configured breaker nothing uses", BadlyAnnotatedClients.PAYMENTS,
                "@CircuitBreaker(name = \"payment_api\") with fluxgate.breakers: {payment_api: {tripper: "
                        + "FailureStreak(3)}, refund_api: {tripper: FailureStreak(2)}}", false);
        names("fluxgate.strict-names: true", BadlyAnnotatedClients.MISSPELLED_NAME,
                "@CircuitBreaker(name = \"paymnet_api\") with fluxgate: {strict-names: true, breakers: {payment_api:"
                        + " {tripper: FailureStreak(3)}}}", true);

        // Actuator
        post("POST /actuator/fluxgate/{name}", "payment_api", "{\"state\": \"OPEN\"}", "OPEN");
        post("POST /actuator/fluxgate/{name}", "payment_api", "{\"state\": \"closed\"}", "closed");
        post("POST /actuator/fluxgate/{name}", "payment_api", "{}", null);
        post("POST /actuator/fluxgate/{name}", "payment-api", "{\"state\": \"FORCED_OPEN\"}", "FORCED_OPEN");
        row("GET /actuator/fluxgate/{name}", "GET /actuator/fluxgate/payment-api", () -> {
            CircuitBreakerRegistry registry = registry();
            Outcome outcome = new FluxgateEndpoint(registry, new TransitionHistory()).breaker("payment-api") == null
                    ? new Outcome("HTTP 404", "(no body)") : new Outcome("HTTP 200", "a breaker");
            assertThat(registry.get("payment-api")).as("a GET creates no breaker").isEmpty();
            return outcome;
        });
    }

    private static void expression(String input, String key, String value) {
        yaml("expression: " + input, "fluxgate.breakers.payment_api." + key + ": " + value);
    }

    private static ApplicationContextRunner properties() {
        return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FluxgateAutoConfiguration.class));
    }

    private static ApplicationContextRunner http() {
        return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FluxgateAutoConfiguration.class,
                FluxgateHttpAutoConfiguration.class));
    }

    /** An HTTP service client. */
    interface PaymentsApi {

        @GetExchange("/charges")
        String charge();
    }

    /** The HTTP service group {@code payments}. */
    @Configuration(proxyBeanMethods = false)
    @ImportHttpServices(group = "payments", types = PaymentsApi.class)
    static class PaymentsClients {
    }

    private static ApplicationContextRunner annotations() {
        return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class,
                FluxgateAutoConfiguration.class, FluxgateAspectAutoConfiguration.class));
    }

    private static void annotation(String input, Class<?> bean, String example) {
        row("@CircuitBreaker: " + input, example, () -> startUp(annotations().withBean(bean)));
    }

    /** The application starts; what the user gets is the WARN lines of the start-up log. */
    private static void warning(String input, Class<?> bean, String example) {
        row("@CircuitBreaker: " + input, example, () -> {
            Outcome logged = logged("io.fluxgate.spring.aop.AnnotatedBeans", annotations().withBean(bean));
            return new Outcome(logged.reportedAs(), logged.message().lines().sorted()
                    .collect(Collectors.joining("\n")));
        });
    }

    /**
     * The bean with the annotation and the YAML that follows "with" in {@code example}: WARN lines of the
     * start-up log, or with {@code strict} the start-up failure.
     */
    private static void names(String input, Class<?> bean, String example, boolean strict) {
        ApplicationContextRunner runner = annotations().withBean(bean)
                .withInitializer(ConfigSources.yaml(example.substring(example.indexOf(" with ") + 6)));
        row("breaker names: " + input, example, strict ? () -> startUp(runner)
                : () -> logged("io.fluxgate.spring.autoconfigure.BreakerNameCheck", runner));
    }

    /** The application starts; what the user gets is the WARN lines that {@code logger} logs at start-up. */
    private static Outcome logged(String logger, ApplicationContextRunner runner) {
        Logger log = (Logger) LoggerFactory.getLogger(logger);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        log.addAppender(appender);
        try {
            runner.run(context -> assertThat(context).hasNotFailed());
        } finally {
            log.detachAppender(appender);
        }
        assertThat(appender.list).allSatisfy(event -> assertThat(event.getLevel()).hasToString("WARN"));
        return new Outcome("WARN at start-up (the application starts)", appender.list.stream()
                .map(event -> event.getFormattedMessage()).collect(Collectors.joining("\n")));
    }

    private static void post(String input, String name, String body, String state) {
        row(input, "POST /actuator/fluxgate/" + name + " " + body, () -> {
            CircuitBreakerRegistry registry = registry();
            WebEndpointResponse<OperationResponseBody> response = new FluxgateEndpointWebExtension(
                    new FluxgateEndpoint(registry, new TransitionHistory())).changeState(name, state);
            assertThat(registry.get("payment_api").orElseThrow().state()).as("the state is unchanged")
                    .hasToString("CLOSED");
            assertThat(registry.all()).as("no breaker is created").hasSize(1);
            return new Outcome("HTTP " + response.getStatus(), response.getBody() instanceof BadRequest bad
                    ? "message: " + bad.message() : "(no body)");
        });
    }

    private static CircuitBreakerRegistry registry() {
        CircuitBreakerRegistry registry = new CircuitBreakerRegistry();
        registry.register(CircuitBreaker.ofDefaults("payment_api"));
        return registry;
    }

    /** Starts the context, which must fail, and renders the failure as Spring Boot reports it. */
    private static Outcome startUp(ApplicationContextRunner runner) {
        AtomicReference<ConfigurableApplicationContext> started = new AtomicReference<>();
        AtomicReference<Outcome> outcome = new AtomicReference<>();
        runner.withInitializer(started::set).run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            FailureAnalysis analysis = ConfigSources.analyze(failure, started.get());
            if (analysis != null) {
                // Boot's report of unknown keys names the Bindable by its identity hash, which changes every run.
                outcome.set(new Outcome("start-up failure: Description",
                        analysis.getDescription().replaceAll("Bindable@[0-9a-f]+", "Bindable@…")));
            } else {
                Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
                outcome.set(new Outcome("start-up failure: stack trace of " + cause.getClass().getSimpleName(),
                        cause.getMessage()));
            }
        });
        return outcome.get();
    }

    @TestFactory
    Stream<DynamicTest> everyCaseRunsAndGivesAMessage() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.input() + ": " + c.example(),
                () -> assertThat(c.row().message()).isNotBlank()));
    }

    @Test
    void theDocumentListsExactlyTheseRows() throws IOException {
        Set<String> documented = documentedRows();
        Set<String> tested = CASES.stream().map(c -> c.row().markdown())
                .collect(Collectors.toCollection(LinkedHashSet::new));

        Set<String> undocumented = new LinkedHashSet<>(tested);
        undocumented.removeAll(documented);
        Set<String> untested = new LinkedHashSet<>(documented);
        untested.removeAll(tested);

        assertThat(undocumented).as("rows to add to docs/bad-input.md (or fix there):%n%s%n",
                String.join("\n", undocumented)).isEmpty();
        assertThat(untested).as("rows of docs/bad-input.md with no case in this test (or that say otherwise):%n%s%n",
                String.join("\n", untested)).isEmpty();
        assertThat(tested).as("no duplicate cases").hasSize(CASES.size());
    }

    /** The table rows between the markers, cells trimmed, so spacing in the document does not matter. */
    private static Set<String> documentedRows() throws IOException {
        String text = Files.readString(document());
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertThat(begin).as("docs/bad-input.md has the %s marker", BEGIN).isNotNegative();
        assertThat(end).as("docs/bad-input.md has the %s marker after the first", END).isGreaterThan(begin);
        Set<String> rows = new LinkedHashSet<>();
        for (String line : text.substring(begin, end).split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("|") || trimmed.startsWith("|---") || trimmed.startsWith("| Input ")) {
                continue;
            }
            String[] cells = trimmed.substring(1, trimmed.length() - 1).split("(?<!\\\\)\\|");
            assertThat(cells).as("a four-column row: %s", trimmed).hasSize(4);
            rows.add(Arrays.stream(cells).map(String::strip).collect(Collectors.joining(" | ", "| ", " |")));
        }
        return rows;
    }

    private static Path document() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs").resolve("bad-input.md");
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new UncheckedIOException(new IOException("docs/bad-input.md not found above " + Path.of("")
                .toAbsolutePath()));
    }
}
