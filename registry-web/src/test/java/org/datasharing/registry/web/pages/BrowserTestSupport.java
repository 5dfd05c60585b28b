package org.datasharing.registry.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.datasharing.registry.web.devservices.SharedKeycloak;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the browser tests share: one headless Chromium per test class (screenshots under {@code
 * target/screenshots/<test class>/}), and signing in and out through the real Keycloak's pages.
 */
abstract class BrowserTestSupport {
  @TempDir static Path browserDir;

  static Browser browser;

  @BeforeAll
  static void startBrowser(TestInfo test) throws Exception {
    String name = test.getTestClass().map(Class::getSimpleName).orElse("browser");
    browser =
        new Browser(browserDir.resolve("chromium-profile"), Path.of("target/screenshots", name));
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.close();
      browser = null;
    }
  }

  @LocalServerPort int port;

  String base() {
    return "http://localhost:" + port;
  }

  /** Signs in through Keycloak's login page (one page, or username then password). */
  void signIn(String username, String screenshot) throws Exception {
    KeycloakRedirects.allow(SharedKeycloak.get(), base());
    browser.open(base() + "/sign-in");
    browser.waitFor("#username");
    if (screenshot != null) {
      browser.page(screenshot, false);
    }
    browser.type("username", username);
    if (!browser.present("#password")) {
      browser.click("#kc-login");
      browser.waitFor("#password");
    }
    browser.type("password", SharedKeycloak.PASSWORD);
    browser.click("#kc-login");
    browser.waitForUrl(base());
    assertThat(browser.text(".registry-account__name")).isEqualTo(username);
  }

  void signOut() throws Exception {
    browser.click("#sign-out");
    browser.waitForUrl(base() + "/signed-out");
    assertThat(browser.text("h1")).isEqualTo("You have signed out");
  }
}
