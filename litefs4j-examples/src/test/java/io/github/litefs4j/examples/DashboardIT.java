package io.github.litefs4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.litefs4j.examples.dashboard.DemoApp;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (Debian's headless chromium, driven by its chromedriver): a row
 * written through a replica is applied on the primary and reaches every node; the kill button kills
 * the primary, the page shows the new one, and after a restart every node shows the row.
 *
 * <p>{@code -Dlitefs4j.screenshot=/abs/path.png} saves a screenshot of the page at the end (the
 * README's {@code docs/img/dashboard.png}).
 */
class DashboardIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration PAGE = Duration.ofSeconds(30);
  private static final Duration FAILOVER = Duration.ofSeconds(60);

  @Test
  void pageShowsAReplicaWriteOnEveryNodeAndTheNewPrimaryAfterTheKillButton(@TempDir Path profile)
      throws Exception {
    requireBrowser();
    ByteArrayOutputStream story = new ByteArrayOutputStream();
    try (DemoApp demo = DemoApp.start(0, new PrintStream(story, true, StandardCharsets.UTF_8))) {
      WebDriver driver = chromium(profile);
      try {
        driver.get(demo.dashboardUri().toString());
        String oldPrimary =
            wait(driver, PAGE, "every node agreeing on a primary")
                .until(d -> agreedPrimary(d).orElse(null));
        String replica =
            wait(driver, PAGE, "a replica's card")
                .until(d -> cardWithRole(d, "REPLICA").orElse(null));
        WebElement result = writeThrough(driver, replica, "typed in the browser");
        assertThat(result.getDomAttribute("data-applied-on")).isEqualTo(oldPrimary);
        assertThat(result.getText()).contains("through " + replica, "applied on " + oldPrimary);
        wait(driver, PAGE, "every node's card to show the row")
            .until(d -> everyNodeRunningWithTheRow(d, 3));

        driver.findElement(By.id("kill-primary")).click();
        String newPrimary =
            wait(driver, FAILOVER, "a new primary after killing " + oldPrimary)
                .until(d -> agreedPrimary(d).filter(p -> !p.equals(oldPrimary)).orElse(null));
        assertThat(role(driver, oldPrimary)).isEqualTo("DOWN");
        assertThat(role(driver, newPrimary)).isEqualTo("PRIMARY");

        driver.findElement(By.id("restart")).click();
        // the button's answer comes once the restarted node is back and the lease has settled
        wait(driver, FAILOVER, "the restart button's answer")
            .until(d -> d.findElement(By.id("action-result")).getText().startsWith("restarted "));
        wait(driver, FAILOVER, "every node running again, each with the row")
            .until(d -> everyNodeRunningWithTheRow(d, 3));
        String primary =
            wait(driver, PAGE, "every node agreeing on a primary again")
                .until(d -> agreedPrimary(d).orElse(null));
        for (String node : List.of("node-0", "node-1", "node-2")) {
          assertThat(
                  writeThrough(driver, node, "after the failover")
                      .getDomAttribute("data-applied-on"))
              .isEqualTo(primary);
        }
        if (!System.getProperty("litefs4j.screenshot", "").isBlank()) {
          wait(driver, PAGE, "every node's lag to be known").until(DashboardIT::everyLagKnown);
          saveScreenshot(driver, Path.of(System.getProperty("litefs4j.screenshot")));
        }
      } finally {
        driver.quit();
      }
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(e.getMessage() + "\n--- the demo's story ---\n" + story, e);
    }
  }

  /**
   * Writes a row through {@code node} with the form, and waits until the page reports that every
   * running node had it.
   */
  private static WebElement writeThrough(WebDriver driver, String node, String text) {
    new Select(driver.findElement(By.id("write-node"))).selectByValue(node);
    WebElement input = driver.findElement(By.id("write-text"));
    input.clear();
    input.sendKeys(text);
    WebElement result = driver.findElement(By.id("write-result"));
    String before = String.valueOf(result.getDomAttribute("data-mark"));
    driver.findElement(By.id("write-submit")).click();
    wait(driver, PAGE, "the write through " + node + " to reach every running node")
        .until(
            d ->
                !before.equals(String.valueOf(result.getDomAttribute("data-mark")))
                    && node.equals(result.getDomAttribute("data-via"))
                    && "true".equals(result.getDomAttribute("data-every-node")));
    return result;
  }

  private static boolean everyLagKnown(WebDriver driver) {
    return cards(driver).stream()
        .allMatch(c -> c.findElement(By.cssSelector("[data-testid=lag]")).getText().endsWith("ms"));
  }

  /** The primary named at the top of the page, once every running node agrees on one. */
  private static Optional<String> agreedPrimary(WebDriver driver) {
    String text = driver.findElement(By.id("primary")).getText().strip();
    return text.matches("node-\\d+") ? Optional.of(text) : Optional.empty();
  }

  private static Optional<String> cardWithRole(WebDriver driver, String role) {
    return cards(driver).stream()
        .filter(c -> role.equals(c.getDomAttribute("data-role")))
        .map(c -> c.getDomAttribute("id").substring("node-".length()))
        .findFirst();
  }

  private static boolean everyNodeRunningWithTheRow(WebDriver driver, int nodes) {
    List<WebElement> cards = cards(driver);
    return cards.size() == nodes
        && cards.stream()
            .allMatch(
                c ->
                    !"DOWN".equals(c.getDomAttribute("data-role"))
                        && "true".equals(c.getDomAttribute("data-has-last-row")));
  }

  /** The role a node's card shows (read again if the card is redrawn meanwhile). */
  private static String role(WebDriver driver, String node) {
    return wait(driver, PAGE, node + "'s card")
        .until(d -> d.findElement(By.id("node-" + node)).getDomAttribute("data-role"));
  }

  private static List<WebElement> cards(WebDriver driver) {
    return driver.findElements(By.cssSelector("#nodes .node"));
  }

  private static WebDriverWait wait(WebDriver driver, Duration timeout, String what) {
    WebDriverWait wait = new WebDriverWait(driver, timeout);
    wait.withMessage(
        () ->
            "waited "
                + timeout.toSeconds()
                + " s for "
                + what
                + "; the page showed:\n"
                + driver.findElement(By.tagName("main")).getText());
    wait.ignoring(StaleElementReferenceException.class); // the cards are redrawn on each update
    return wait;
  }

  private static void requireBrowser() {
    for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(binary)) {
        throw new AssertionError(
            binary
                + " is missing: the browser test needs Debian's chromium and chromium-driver;"
                + " run scripts/install-browser (as root) to install them");
      }
    }
  }

  private static WebDriver chromium(Path profile) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--user-data-dir=" + profile.toAbsolutePath(),
        "--window-size=1280,1180");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }

  private static void saveScreenshot(WebDriver driver, Path target) throws Exception {
    Path file = target.toAbsolutePath();
    Files.createDirectories(file.getParent());
    Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
  }
}
