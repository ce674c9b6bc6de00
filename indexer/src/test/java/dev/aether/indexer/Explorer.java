package dev.aether.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The explorer in Debian's headless Chromium, driven by Selenium through Debian's chromedriver (no
 * browser download): open pages, wait for what a person would read, take screenshots.
 */
final class Explorer implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private final ChromeDriver driver;
  private final URI base;
  private final Path shots;

  /**
   * Skips (with the reason) where Chromium is not installed; fails instead where {@code
   * AETHER_REQUIRE_EXTERNAL_TOOLS=1} (.ci/run installs it and sets that).
   */
  static void assumeBrowser() {
    requireOrSkip(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
        "browser tests need Debian's chromium and chromium-driver (apt-get install chromium"
            + " chromium-driver; .ci/run does)");
  }

  /** An assumption that CI turns into an assertion, so a missing tool cannot pass silently. */
  static void requireOrSkip(boolean present, String why) {
    if ("1".equals(System.getenv("AETHER_REQUIRE_EXTERNAL_TOOLS"))) {
      assertThat(present).as(why).isTrue();
    }
    Assumptions.assumeTrue(present, why);
  }

  Explorer(URI base, Path screenshots) throws IOException {
    this.base = base;
    this.shots = screenshots;
    Files.createDirectories(screenshots);
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM.toFile());
    o.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--window-size=1280,1000");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.SEVERE);
    o.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
    driver = new ChromeDriver(service, o);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
  }

  void open(String fragment) {
    driver.get(base.resolve("/" + fragment).toString());
  }

  /** Waits until the element's visible text contains {@code text}. */
  void awaitText(String css, String text) {
    new WebDriverWait(driver, Duration.ofSeconds(60))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .ignoring(org.openqa.selenium.NoSuchElementException.class)
        .withMessage(() -> "'" + text + "' in " + css + "; page shows: " + safeText("main"))
        .until(d -> d.findElement(By.cssSelector(css)).getText().contains(text));
  }

  String text(String css) {
    return driver.findElement(By.cssSelector(css)).getText();
  }

  private String safeText(String css) {
    try {
      return text(css);
    } catch (RuntimeException e) {
      return "(" + e.getMessage() + ")";
    }
  }

  int count(String css) {
    return driver.findElements(By.cssSelector(css)).size();
  }

  /** Types into the search box and presses Enter, as a person would. */
  void search(String q) {
    WebElement box = driver.findElement(By.id("q"));
    box.clear();
    box.sendKeys(q, Keys.ENTER);
  }

  void screenshot(String name) throws IOException {
    byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
    assertThat(png.length).isGreaterThan(1000);
    Files.write(shots.resolve(name + ".png"), png);
  }

  /** Severe messages the page logged (script errors, failed requests). */
  List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .map(LogEntry::getMessage)
        .toList();
  }

  @Override
  public void close() {
    driver.quit();
  }
}
