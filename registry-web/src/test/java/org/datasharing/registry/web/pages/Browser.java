package org.datasharing.registry.web.pages;

import com.deque.html.axecore.results.Check;
import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by Selenium (never a downloaded browser), with an axe-core check
 * (WCAG 2.2 AA tags) and a full-page screenshot per page visited.
 */
final class Browser implements AutoCloseable {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  static final List<String> WCAG_22_AA =
      List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");
  private static final int WIDTH = 1280;
  private static final int HEIGHT = 1000;

  final ChromeDriver driver;
  private final Path screenshots;
  private final List<String> violations = new ArrayList<>();
  private int shot;

  Browser(Path profile, Path screenshots) throws Exception {
    this.screenshots = Files.createDirectories(screenshots);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-gpu",
        "--user-data-dir=" + profile.toAbsolutePath(),
        "--window-size=" + WIDTH + "," + HEIGHT,
        "--lang=en-GB");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    // every document records what its Content-Security-Policy blocked (DevTools scripts are not
    // subject to the page's CSP); page() reports them like axe violations
    driver.executeCdpCommand(
        "Page.addScriptToEvaluateOnNewDocument",
        Map.of(
            "source",
            "window.__cspViolations = [];"
                + "document.addEventListener('securitypolicyviolation', e =>"
                + " window.__cspViolations.push(e.violatedDirective + ' blocked '"
                + " + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));"));
  }

  void open(String url) {
    driver.get(url);
  }

  WebElement find(String css) {
    return waitFor(css);
  }

  WebElement waitFor(String css) {
    return new WebDriverWait(driver, Duration.ofSeconds(30))
        .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
  }

  boolean present(String css) {
    return !driver.findElements(By.cssSelector(css)).isEmpty();
  }

  void waitForUrl(String prefix) {
    new WebDriverWait(driver, Duration.ofSeconds(30))
        .until(d -> d.getCurrentUrl() != null && d.getCurrentUrl().startsWith(prefix));
  }

  void click(String css) {
    WebElement e = waitFor(css);
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block:'center'})", e);
    e.click();
  }

  /** Clicks a button that posts a form, and waits until the next page has replaced this one. */
  void submit(String css) {
    WebElement page = driver.findElement(By.tagName("html"));
    click(css);
    new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(page));
  }

  void type(String id, String text) {
    WebElement e = waitFor("[id='" + id + "']");
    e.clear();
    e.sendKeys(text);
  }

  void select(String id, String value) {
    new org.openqa.selenium.support.ui.Select(waitFor("[id='" + id + "']")).selectByValue(value);
  }

  void check(String id) {
    WebElement e = waitFor("[id='" + id + "']");
    if (!e.isSelected()) {
      ((JavascriptExecutor) driver).executeScript("arguments[0].click()", e);
    }
  }

  String text(String css) {
    return waitFor(css).getText();
  }

  String pageText() {
    return driver.findElement(By.tagName("body")).getText();
  }

  /** Screenshot and axe check of the page now shown; axe violations are collected. */
  void page(String name) throws Exception {
    page(name, true);
  }

  /** As above; {@code ours} false for pages the registry does not render (Keycloak's). */
  void page(String name, boolean ours) throws Exception {
    page(name, ours, ours);
  }

  /**
   * The registry's sign-in page, which Keycloak renders with the registry's theme: axe violations
   * count as on the registry's own pages; Keycloak's Content-Security-Policy is its own.
   */
  void signInPage(String name) throws Exception {
    page(name, false, true);
  }

  private void page(String name, boolean ours, boolean axeCounts) throws Exception {
    if (ours) {
      cspViolations(name);
    }
    shot++;
    screenshot(String.format("%02d-%s", shot, name));
    Results results = new AxeBuilder().withTags(WCAG_22_AA).analyze(driver);
    if (results.isErrored() || results.getPasses().isEmpty()) {
      throw new IllegalStateException(
          "axe-core did not run on " + driver.getCurrentUrl() + ": " + results.getErrorMessage());
    }
    for (Rule r : results.getViolations()) {
      List<CheckedNode> nodes =
          r.getNodes().stream().filter(n -> !govukConditionalReveal(r, n)).toList();
      if (nodes.isEmpty()) {
        continue;
      }
      String line =
          name
              + " ("
              + driver.getCurrentUrl()
              + "): "
              + r.getId()
              + " "
              + r.getHelp()
              + " at "
              + nodes.stream().map(n -> String.valueOf(n.getTarget())).toList();
      if (axeCounts) {
        violations.add(line);
      } else {
        System.out.println("[axe, not the registry's page] " + line);
      }
    }
  }

  /**
   * govuk-frontend's conditional reveal sets {@code aria-expanded} on the radio that reveals it,
   * which ARIA 1.2 does not list for role radio; the GOV.UK Design System keeps it on purpose
   * because screen readers announce it (its known issue, alphagov/govuk-frontend#979). Only that
   * attribute on such a radio is excused; any other attribute axe refuses there still counts.
   */
  static boolean govukConditionalReveal(Rule rule, CheckedNode node) {
    if (!"aria-allowed-attr".equals(rule.getId())
        || node.getHtml() == null
        || !node.getHtml().contains("govuk-radios__input")
        || !node.getHtml().contains("aria-controls=\"conditional-")) {
      return false;
    }
    List<Check> failed = new ArrayList<>();
    failed.addAll(node.getAny());
    failed.addAll(node.getAll());
    failed.addAll(node.getNone());
    return !failed.isEmpty()
        && failed.stream()
            .allMatch(
                c ->
                    c.getMessage() != null
                        && c.getMessage()
                            .matches(
                                "ARIA attribute is not allowed: aria-expanded=\"(true|false)\""));
  }

  /** What the page's Content-Security-Policy blocked so far, as violations. */
  @SuppressWarnings("unchecked")
  private void cspViolations(String name) {
    Object blocked =
        ((JavascriptExecutor) driver).executeScript("return window.__cspViolations || []");
    for (Object v : (List<Object>) blocked) {
      violations.add(name + " (" + driver.getCurrentUrl() + "): Content-Security-Policy " + v);
    }
  }

  List<String> violations() {
    return violations;
  }

  /** The whole page, not only the window: Chromium's DevTools capture beyond the viewport. */
  @SuppressWarnings("unchecked")
  private void screenshot(String name) throws Exception {
    Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
    Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
    double width = ((Number) size.get("width")).doubleValue();
    double height = Math.min(((Number) size.get("height")).doubleValue(), 16000);
    Map<String, Object> shot =
        driver.executeCdpCommand(
            "Page.captureScreenshot",
            Map.of(
                "format",
                "png",
                "captureBeyondViewport",
                true,
                "clip",
                Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
    Files.write(
        screenshots.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
  }

  WebDriver driver() {
    return driver;
  }

  @Override
  public void close() {
    driver.quit();
  }
}
