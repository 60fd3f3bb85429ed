package io.fluxgate.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.logging.Level;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
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
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

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

    @Nested
    @DirtiesContext // its own properties make a context no other test shares: close it, with its schedulers
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
            "fluxgate.breakers.payment_api.retry=Cooldown(60s)", "spring.http.clients.read-timeout=300ms" })
    class Writable {

        @LocalServerPort
        private int port;

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
            assertThat(send(port, "POST", "/chaos", "{\"failureRate\":1.0}").statusCode()).isEqualTo(200);
            assertThat(send(port, "POST", "/demo/traffic?seconds=15&rate=20", null).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> send(port, "GET",
                    "/actuator/fluxgate/payment_api", null).body().contains("\"state\":\"OPEN\""));

            untilTileIs("payment_api", "OPEN");
            assertThat(tile("payment_api").findElement(By.className("reason")).getText())
                    .containsAnyOf("FailureStreak(5)", "FailureRate(0.6)");
            assertThat(tile("payment_api").findElement(By.className("wait")).getText())
                    .matches("next call probes in about \\d+ s|waiting for a call");
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

        private void click(String action) {
            waitForPage().until(ExpectedConditions.elementToBeClickable(
                    By.cssSelector("button[data-action='" + action + "']"))).click();
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

        @LocalServerPort
        private int port;

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
}
