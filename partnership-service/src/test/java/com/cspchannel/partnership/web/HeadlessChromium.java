package com.cspchannel.partnership.web;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromedriver}) driven over WebDriver, with a new
 * profile of its own. Without them the browser tests are skipped on a developer's machine, and fail in CI
 * ({@code CI=true}), where {@code .ci/run} installs them.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final Path BROWSER = Path.of(System.getenv().getOrDefault("CHROMIUM_BINARY", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));

    final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static HeadlessChromium start() {
        boolean installed = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
        if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("Chromium and chromedriver are needed in CI: install Debian's chromium and "
                    + "chromium-driver (.ci/run does), or set CHROMIUM_BINARY and CHROMEDRIVER");
        }
        Assumptions.assumeTrue(installed, "no " + BROWSER + " or " + DRIVER + ": the browser test is skipped");
        try {
            Path profile = Files.createTempDirectory("chromium-profile");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(BROWSER.toFile());
            // without the background-networking flags, Chromium reaches out to Google's services at start, which
            // a closed network refuses; none of them is needed to open a page
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,900",
                    "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                    .usingAnyFreePort().build();
            return new HeadlessChromium(new ChromeDriver(service, options), profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void open(String url) {
        driver.get(url);
    }

    /** The element with this id, once the page shows it. */
    WebElement byId(String id) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(10))
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
        } catch (TimeoutException e) {
            throw new AssertionError("no #" + id + " on " + driver.getCurrentUrl() + ":\n" + driver.getPageSource(), e);
        }
    }

    boolean has(String id) {
        return !driver.findElements(By.id(id)).isEmpty();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException ignored) {
                // a temporary profile left behind harms nothing
            }
        }
    }
}
