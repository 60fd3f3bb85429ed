package io.fluxgate.sample;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Starts the system's headless Chromium through the system's chromedriver (Debian's {@code chromium} and
 * {@code chromium-driver}, which {@code .ci/run} installs). Both paths are given to Selenium, so Selenium Manager
 * never runs and nothing is downloaded. A missing browser fails the test: a skipped browser test would pass
 * unseen.
 */
final class SystemChromium {

    private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");
    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    private SystemChromium() {
    }

    /** A new headless browser that records its console, for {@code logs().get(LogType.BROWSER)}. */
    static ChromeDriver start() {
        Path browser = firstExisting(BROWSERS);
        Path driver = firstExisting(DRIVERS);
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, driver.toString());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().withTimeout(Duration.ofSeconds(10)).build();
        ChromeOptions options = new ChromeOptions().setBinary(browser.toFile()).addArguments("--headless=new",
                "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1440,900",
                "--no-first-run", "--disable-extensions", "--disable-background-networking");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(10)).scriptTimeout(Duration.ofSeconds(5));
        return chrome;
    }

    private static Path firstExisting(List<String> candidates) {
        for (String candidate : candidates) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                return path;
            }
        }
        return fail("The dashboard's browser test needs Chromium and its driver, none of " + candidates
                + " exists. Install them: apt-get install -y chromium chromium-driver (.ci/run does).");
    }
}
