package io.fluxgate.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fluxgate.CircuitBreaker;
import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.KeyedCircuitBreaker;
import io.fluxgate.spring.KeyedBreakers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The dashboard in a real browser (the system's headless Chromium, {@link SystemChromium}) against the sample
 * app on a random port: it loads without console errors, follows {@code payment_api} open under chaos and closed
 * again, charts the failures, and shows its controls only where the {@code fluxgate} endpoint takes writes. One
 * browser for the class; every wait is bounded, none sleeps.
 *
 * <p>Saves a screenshot to {@code target/dashboard.png}, and also to {@code -Ddashboard.screenshot=PATH} when
 * given (docs/dashboard.md: how the README's screenshot is made).
 */
class DashboardBrowserTests {

    /** How long the page may take to show a change: it polls once a second. */
    private static final Duration PAGE = Duration.ofSeconds(2);

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ChromeDriver browser;

    @BeforeAll
    static void startBrowser() {
        browser = SystemChromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    static HttpResponse<String> send(int port, String method, String path, @Nullable String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void open(int port) {
        browser.get("http://localhost:" + port + "/actuator/fluxgatedashboard?breaker=payment_api");
        waitForPage().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#detail h2")));
    }

    /** A bounded wait that reads again when the page re-rendered an element between finding and reading it. */
    static FluentWait<WebDriver> waitForPage() {
        return new WebDriverWait(browser, PAGE).ignoring(StaleElementReferenceException.class);
    }

    static WebElement tile(String name) {
        return browser.findElement(By.cssSelector(".tile[data-breaker='" + name + "']"));
    }

    static void untilTileIs(String name, String state) {
        waitForPage().until(driver -> state.equals(tile(name).getAttribute("data-state")));
    }

    static WebElement key(String family, String key) {
        return browser.findElement(By.cssSelector(".tile .key[data-family='" + family + "'][data-key='" + key + "']"));
    }

    static String text(String css) {
        return waitForPage().until(driver -> driver.findElement(By.cssSelector(css)).getText());
    }

    static String attribute(String css, String name) {
        return waitForPage().until(driver -> driver.findElement(By.cssSelector(css)).getAttribute(name));
    }

    /** Clicks what the selector finds once it is shown, finding it again when the page re-rendered it. */
    static void click(By element) {
        waitForPage().until(driver -> {
            WebElement found = driver.findElement(element);
            if (!found.isDisplayed() || !found.isEnabled()) {
                return false;
            }
            found.click();
            return true;
        });
    }

    /** The answer to a button comes with the POST's, which may come after the poll that shows the new state. */
    static void untilMessageIs(String message) {
        waitForPage().until(driver -> message.equals(text("#message")));
    }

    static void confirm(String action) {
        click(By.cssSelector("button[data-action='" + action + "']"));
        click(By.id("confirm-yes"));
    }

    @Nested
    @DirtiesContext // its own properties make a context no other test shares: close it, with its schedulers
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
            "fluxgate.breakers.payment_api.retry=Cooldown(60s)", "spring.http.clients.read-timeout=300ms" })
    class Writable {

        @LocalServerPort
        private int port;

        @Autowired
        private KeyedBreakers keyed;

        @BeforeEach
        void healthyAndClosed() throws Exception {
            send(port, "DELETE", "/chaos", null);
            send(port, "DELETE", "/demo/traffic", null);
            assertThat(send(port, "POST", "/actuator/fluxgate/payment_api", "{\"state\":\"CLOSED\"}").statusCode())
                    .isEqualTo(200);
        }

        @AfterEach
        void stopTraffic() throws Exception {
            send(port, "DELETE", "/demo/traffic", null);
            send(port, "DELETE", "/chaos", null);
        }

        @Test
        void loadsWithoutConsoleErrors() {
            browser.manage().logs().get(LogType.BROWSER); // drop what earlier pages logged
            open(port);
            waitForPage().until(driver -> tile("refund_api").isDisplayed());

            List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue()).toList();
            assertThat(errors).as("browser console").isEmpty();
            assertThat(browser.getTitle()).isEqualTo("Fluxgate dashboard");
        }

        @Test
        void followsPaymentApiOpenUnderChaosWithTheReasonAndChartedFailuresThenClosedAgain() throws Exception {
            open(port);
            untilTileIs("payment_api", "CLOSED");
            // FailureStreak(5) | MinRequests(10) & (Closed() & FailureRate(0.6) | HalfOpened() & FailureRate(0.5))
            assertThat(text(".tile[data-breaker='payment_api'] .rate")).endsWith("trips at 60%");
            assertThat(text("#failure-rate")).endsWith("trips at 60%");
            assertThat(send(port, "POST", "/chaos", "{\"failureRate\":1.0}").statusCode()).isEqualTo(200);
            assertThat(send(port, "POST", "/demo/traffic?seconds=15&rate=20", null).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> send(port, "GET",
                    "/actuator/fluxgate/payment_api", null).body().contains("\"state\":\"OPEN\""));

            untilTileIs("payment_api", "OPEN");
            assertThat(text(".tile[data-breaker='payment_api'] .reason"))
                    .containsAnyOf("FailureStreak(5)", "FailureRate(0.6)");
            assertThat(text(".tile[data-breaker='payment_api'] .wait"))
                    .matches("next call probes in about \\d+ s|waiting for a call");
            waitForPage().until(driver -> text(".tile[data-breaker='payment_api'] .rate").endsWith("trips at 50%"));
            assertThat(text("#failure-rate")).endsWith("trips at 50% while probing");
            assertThat(attribute(".tile[data-breaker='payment_api'] .rate", "title"))
                    .endsWith("trips at 50% while probing");
            waitForPage().until(driver -> Long.parseLong(driver.findElement(
                    By.cssSelector("#chart polyline[data-series='failures']")).getAttribute("data-sum")) > 0);
            screenshot();

            send(port, "DELETE", "/chaos", null);
            send(port, "DELETE", "/demo/traffic", null);
            assertThat(send(port, "POST", "/actuator/fluxgate/payment_api", "{\"state\":\"CLOSED\"}").statusCode())
                    .isEqualTo(200);
            untilTileIs("payment_api", "CLOSED");
        }

        @Test
        void forcesOpenAndResetsAfterConfirmation() throws Exception {
            open(port);
            click("FORCED_OPEN");
            WebElement dialog = browser.findElement(By.id("confirm"));
            assertThat(dialog.isDisplayed()).isTrue();
            assertThat(browser.findElement(By.id("confirm-text")).getText()).startsWith("Force open payment_api?");
            browser.findElement(By.id("confirm-no")).click();
            assertThat(dialog.isDisplayed()).isFalse();
            assertThat(send(port, "GET", "/actuator/fluxgate/payment_api", null).body())
                    .contains("\"state\":\"CLOSED\"");

            click("FORCED_OPEN");
            browser.findElement(By.id("confirm-yes")).click();
            untilTileIs("payment_api", "FORCED_OPEN");

            click("CLOSED");
            browser.findElement(By.id("confirm-yes")).click();
            untilTileIs("payment_api", "CLOSED");
        }

        @Test
        void showsSinceWhenInLocalTimeToTheSecondAndHowLongAgo() {
            open(port);

            waitForPage().until(driver -> driver.findElement(By.cssSelector("#detail .since")).getText()
                    .matches("since (\\d{2}:){2}\\d{2} \\(\\d+ s ago\\)"));
            assertThat(attribute("#detail .since", "title")).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        }

        @Test
        void aKeyedFamilyTileListsItsKeysAndAKeyHasItsChartAndControls() throws Exception {
            KeyedCircuitBreaker<Object> hosts = keyed.find("provider_hosts").orElseThrow();
            CircuitBreaker alpha = hosts.forKey("alpha:8080");
            hosts.forKey("beta:8080").forceOpen();
            try {
                browser.get("http://localhost:" + port + "/actuator/fluxgatedashboard");
                waitForPage().until(driver -> "FORCED_OPEN".equals(key("provider_hosts", "beta:8080")
                        .getAttribute("data-state")));
                List<String> order = waitForPage().until(driver -> driver.findElements(
                        By.cssSelector(".tile[data-family='provider_hosts'] .key")).stream()
                        .map(element -> element.getAttribute("data-key")).toList());
                assertThat(order).startsWith("beta:8080").contains("alpha:8080"); // problems first

                DashboardBrowserTests.click(By.cssSelector(".tile .key[data-key='alpha:8080']"));
                waitForPage().until(driver -> text("#detail h2").equals("provider_hosts[alpha:8080]"));
                assertThat(browser.getCurrentUrl()).endsWith("?breaker=provider_hosts&key=alpha%3A8080");
                for (int call = 0; call < 3; call++) {
                    alpha.run(() -> { });
                }
                waitForPage().until(driver -> Long.parseLong(driver.findElement(
                        By.cssSelector("#chart polyline[data-series='successes']")).getAttribute("data-sum")) == 3);

                confirm("FORCED_OPEN");
                waitForPage().until(driver -> "FORCED_OPEN".equals(key("provider_hosts", "alpha:8080")
                        .getAttribute("data-state")));
                untilMessageIs("provider_hosts[alpha:8080] is now FORCED_OPEN");
                assertThat(send(port, "GET", "/actuator/fluxgate/provider_hosts/alpha:8080", null).body())
                        .contains("\"state\":\"FORCED_OPEN\"");
                confirm("CLOSED");
                waitForPage().until(driver -> "CLOSED".equals(key("provider_hosts", "alpha:8080")
                        .getAttribute("data-state")));
            } finally {
                hosts.breakers().values().forEach(CircuitBreaker::reset);
            }
        }

        private void click(String action) {
            DashboardBrowserTests.click(By.cssSelector("button[data-action='" + action + "']"));
        }

        private void screenshot() throws IOException {
            Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
            Path target = Path.of("target", "dashboard.png");
            Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
            String docs = System.getProperty("dashboard.screenshot");
            if (docs != null && !docs.isBlank()) {
                Files.copy(shot, Path.of(docs), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Nested
    @DirtiesContext // its own properties make a context no other test shares: close it, with its schedulers
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties =
            "management.endpoint.fluxgate.access=read-only")
    class ReadOnly {

        /** Bounds for 200 breakers: the page's first full render, and the JSON a poll answers per breaker. */
        private static final Duration RENDER = Duration.ofSeconds(5);
        private static final int BYTES_PER_BREAKER = 1_500;

        @LocalServerPort
        private int port;

        @Autowired
        private CircuitBreakerRegistry registry;

        @Autowired
        private KeyedBreakers keyed;

        @Test
        void staysUsableWithTwoHundredBreakersAndAKeyedFamily() throws Exception {
            for (int i = 0; i < 200; i++) {
                registry.register(CircuitBreaker.builder(String.format("load_%03d", i)).build());
            }
            KeyedCircuitBreaker<Object> hosts = keyed.find("provider_hosts").orElseThrow();
            for (int i = 0; i < 10; i++) {
                hosts.forKey("host-" + i + ":8080");
            }
            try {
                int tiles = registry.all().size() + keyed.all().size();
                browser.get("http://localhost:" + port + "/actuator/fluxgatedashboard");
                new WebDriverWait(browser, RENDER).ignoring(StaleElementReferenceException.class).until(driver ->
                        driver.findElements(By.cssSelector("#tiles > .tile")).size() == tiles);
                waitForPage().until(driver -> key("provider_hosts", "host-0:8080").isDisplayed());
                assertLaidOutWithoutHorizontalOverflow(5);
                browser.manage().window().setSize(new Dimension(900, 900)); // one column: tiles above the detail
                try {
                    waitForPage().until(driver -> layout().get("window") == 900);
                    assertLaidOutWithoutHorizontalOverflow(4);
                } finally {
                    browser.manage().window().setSize(new Dimension(1440, 900));
                }

                String json = send(port, "GET", "/actuator/fluxgatedashboard/data", null).body();
                assertThat(json.length()).as("JSON for %d breakers", tiles).isLessThan(tiles * BYTES_PER_BREAKER);
            } finally {
                for (int i = 0; i < 200; i++) {
                    registry.remove(String.format("load_%03d", i));
                }
                hosts.breakers().values().forEach(CircuitBreaker::reset);
            }
        }

        private static void assertLaidOutWithoutHorizontalOverflow(int tilesPerRow) {
            Map<String, Long> layout = waitForPage().until(driver -> layout());
            assertThat(layout.get("overflow")).as("page wider than the window by (px), %s", layout)
                    .isLessThanOrEqualTo(0);
            assertThat(layout.get("tilesPerRow")).as("tiles in the first row, %s", layout)
                    .isGreaterThanOrEqualTo(tilesPerRow);
            assertThat(layout.get("rows")).as("rows of tiles").isGreaterThan(200L / 7);
            assertThat(layout.get("outside")).as("tiles reaching past the tile area").isZero();
        }

        /** How the tiles are laid out, measured by the browser. */
        @SuppressWarnings("unchecked")
        private static Map<String, Long> layout() {
            return (Map<String, Long>) browser.executeScript("""
                    const tiles = [...document.querySelectorAll('#tiles > .tile')];
                    const area = document.getElementById('tiles').getBoundingClientRect();
                    const tops = tiles.map(t => Math.round(t.getBoundingClientRect().top));
                    return { overflow: document.documentElement.scrollWidth - window.innerWidth,
                      tilesPerRow: tops.filter(top => top === tops[0]).length, rows: new Set(tops).size,
                      outside: tiles.filter(t => t.getBoundingClientRect().right > area.right + 1).length,
                      tileArea: Math.round(area.width), window: window.innerWidth };
                    """);
        }

        @Test
        void showsNoControls() throws Exception {
            open(port);
            waitForPage().until(driver -> !driver.findElements(By.cssSelector("#detail table"))
                    .isEmpty());

            assertThat(browser.findElements(By.cssSelector("button[data-action]"))).isEmpty();
            assertThat(send(port, "POST", "/actuator/fluxgate/payment_api", "{\"state\":\"FORCED_OPEN\"}")
                    .statusCode()).isEqualTo(405);
        }
    }

    @Nested
    @DirtiesContext // its own profile makes a context no other test shares: close it, with its schedulers
    @ActiveProfiles("csrf")
    @SpringBootTest(classes = { SampleApplication.class, CsrfSecurity.class },
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
    class CsrfProtected {

        @LocalServerPort
        private int port;

        @Test
        void theButtonsSendSpringSecuritysCsrfToken() throws Exception {
            assertThat(send(port, "POST", "/actuator/fluxgate/payment_api", "{\"state\":\"FORCED_OPEN\"}")
                    .statusCode()).as("a POST without the token").isEqualTo(403);
            open(port);
            browser.manage().deleteAllCookies(); // no token yet: the page's first POST is refused and sets one
            untilTileIs("payment_api", "CLOSED");

            confirm("FORCED_OPEN");
            untilTileIs("payment_api", "FORCED_OPEN");
            untilMessageIs("payment_api is now FORCED_OPEN");
            assertThat(browser.manage().getCookieNamed("XSRF-TOKEN")).isNotNull();
            confirm("CLOSED");
            untilTileIs("payment_api", "CLOSED");
        }
    }

    /**
     * Spring Security's CSRF protection as a single-page app's backend has it: the token in the {@code XSRF-TOKEN}
     * cookie, expected back in {@code X-XSRF-TOKEN} ({@code csrf.spa()}, the one line docs/dashboard.md gives).
     * Only in the profile {@code csrf}: the sample itself has no security.
     */
    @Configuration(proxyBeanMethods = false)
    @Profile("csrf")
    @EnableWebSecurity
    static class CsrfSecurity {

        @Bean
        SecurityFilterChain dashboardWithCsrf(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .csrf(csrf -> csrf.spa()).build();
        }
    }
}
